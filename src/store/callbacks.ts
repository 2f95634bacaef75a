/**
 * Call-backs that are due: enquiries whose outcome is still "rueckruf" and whose
 * call-back date is today or earlier (the Anfragen page lists them first). Once the
 * adviser has called back and changes the outcome, the enquiry drops off the list.
 */
import type { Db } from './database.js';

export interface DueCallback {
  id: number;
  callbackDate: string;
}

export interface CallbackReader {
  /** Due call-backs (date ≤ `day`, a local day `YYYY-MM-DD`), oldest date first. */
  due(day: string, limit: number): DueCallback[];
}

export function createCallbackReader(db: Db): CallbackReader {
  const due = db.prepare<[string, number], DueCallback>(
    `SELECT id, callback_date AS callbackDate FROM enquiries
      WHERE outcome = 'rueckruf' AND callback_date IS NOT NULL AND callback_date <= ?
      ORDER BY callback_date, created_at, id
      LIMIT ?`,
  );
  return {
    due: (day, limit) => due.all(day, limit),
  };
}
