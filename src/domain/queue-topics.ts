/** The walk-in queue's topics, shared by the kiosk, the phone page, the console and the server. */
export const TOPICS = ['general', 'digital', 'permits', 'work', 'studies', 'family'] as const;
export type Topic = (typeof TOPICS)[number];
/** Booked clients who check in get the topic `appointment`. */
export type TicketTopic = Topic | 'appointment';

/** The pictogram shown with each topic (src/site/icons.ts). */
export const TOPIC_ICON: Record<TicketTopic, string> = {
  general: 'unsure',
  digital: 'digital',
  permits: 'papers',
  work: 'work',
  studies: 'study',
  family: 'family',
  appointment: 'assessment',
};
