/**
 * The anonymous satisfaction question after a booking is made and after a walk-in visit. The
 * booking or ticket only remembers that it answered (one answer each); the answer is stored with
 * its context, language and month, and no link back.
 */
import type { Db } from '../db/client.ts';
import { DomainError } from '../domain/errors.ts';
import { hashToken } from '../domain/person.ts';
import { helsinkiDay } from '../../src/domain/calendar.ts';

export interface FeedbackInput {
  score: number;
  comment?: string | undefined;
  locale: string;
}

export async function giveFeedback(
  db: Db,
  context: 'booking' | 'walk_in',
  token: string,
  input: FeedbackInput,
  now: Date,
) {
  if (!/^[A-Za-z0-9_-]{20,64}$/.test(token)) throw new DomainError('not_found');
  const hash = hashToken(token);
  await db.transaction(async (tx) => {
    const marked =
      context === 'booking'
        ? await tx.query(
            `update bookings set feedback_given = true where manage_token_hash = $1 and not feedback_given and status <> 'cancelled'`,
            [hash],
          )
        : await tx.query(
            `update queue_tickets set feedback_given = true where token_hash = $1 and not feedback_given and status = 'served'`,
            [hash],
          );
    if (!marked.rowCount) {
      const exists =
        context === 'booking'
          ? await tx.query('select feedback_given from bookings where manage_token_hash = $1', [hash])
          : await tx.query('select feedback_given from queue_tickets where token_hash = $1', [hash]);
      if (!exists.rows.length) throw new DomainError('not_found');
      throw new DomainError('feedback_given');
    }
    await tx.query('insert into feedback (context, score, comment, language, month) values ($1, $2, $3, $4, $5)', [
      context,
      input.score,
      input.comment ?? null,
      input.locale,
      `${helsinkiDay(now).date.slice(0, 7)}-01`,
    ]);
  });
}
