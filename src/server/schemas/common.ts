/** Building blocks shared by the route schemas. */
import { z } from 'zod';
import { isLocalDay } from '../../domain/berlin-time.js';

/** A positive integer id in the path, e.g. `/api/enquiries/42`. */
export const IdParams = z.strictObject({
  id: z
    .string()
    .regex(/^[1-9]\d{0,14}$/, { message: 'Erwartet ist eine positive ganze Zahl.' })
    .transform(Number),
});

/** A calendar date `YYYY-MM-DD`. */
export const IsoDate = z.string().refine(isLocalDay, { message: 'Erwartet ist ein Datum (JJJJ-MM-TT).' });

/** Timestamps as the API writes them: UTC ISO-8601 with milliseconds. */
export const Timestamp = z.string().meta({ format: 'date-time' });
