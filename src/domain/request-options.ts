/** The choices of the referral and employer forms and the inbox (no zod: the workspace island imports them). */
export const EMPLOYER_NEEDS = [
  'recruiting',
  'permits',
  'onboarding',
  'finnishAtWork',
  'recruitmentEvent',
  'eures',
] as const;
export const SECTORS = [
  'health',
  'industry',
  'construction',
  'logistics',
  'hospitality',
  'ict',
  'education',
  'retail',
  'cleaning',
  'agriculture',
  'other',
] as const;
export const PARTNER_ORGS = ['kela', 'wellbeing', 'employment', 'school', 'ngo', 'other'] as const;
export const REFERRAL_REASONS = [
  'assessment',
  'orientation',
  'work',
  'studies',
  'family',
  'digital',
  'permits',
  'other',
] as const;
export const OUTCOMES = [
  'assessment_booked',
  'sent_to_walk_in',
  'recruitment_support',
  'course_enrolled',
  'not_reachable',
  'declined',
  'other',
] as const;
export const REQUEST_STATUSES = ['new', 'assigned', 'contacted', 'closed'] as const;
export type RequestKind = 'referral' | 'employer';
export type Outcome = (typeof OUTCOMES)[number];
export type RequestStatus = (typeof REQUEST_STATUSES)[number];
