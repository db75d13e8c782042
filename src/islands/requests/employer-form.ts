/** The employer request page's island: the shared form behaviour with the employer contract. */
import { employerRequestShape } from '../../contracts/requests-fields.ts';
import { defineRequestForm } from './request-form.ts';

defineRequestForm(employerRequestShape, 'employerRequest.sent');
