/** The referral page's island: the shared form behaviour with the referral contract. */
import { referralFormSchema } from '../../contracts/requests.ts';
import { defineRequestForm } from './request-form.ts';

defineRequestForm(referralFormSchema, 'referral.sent');
