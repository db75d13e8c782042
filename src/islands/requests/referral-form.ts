/** The referral page's island: the shared form behaviour with the referral contract. */
import { referralFormShape } from '../../contracts/requests-fields.ts';
import { defineRequestForm } from './request-form.ts';

defineRequestForm(referralFormShape, 'referral.sent');
