/** The employer request page's island: the shared form behaviour with the employer contract. */
import { employerRequestSchema } from '../../contracts/requests.ts';
import { defineRequestForm } from './request-form.ts';

defineRequestForm(employerRequestSchema, 'employerRequest.sent');
