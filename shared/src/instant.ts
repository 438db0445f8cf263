import { z } from 'zod';

const INSTANT_MESSAGE = 'Use an ISO 8601 timestamp, e.g. 2026-01-31T17:00:00Z';

/**
 * An ISO 8601 instant with `Z` or an offset, normalised to UTC `…Z` with milliseconds. Years
 * outside 0001–9999 (after moving to UTC) are refused: Postgres rejects year 0 and JavaScript
 * writes years past 9999 as `+010000`, which is not ISO 8601's basic form.
 */
export const InstantSchema = z.iso
  .datetime({ offset: true, message: INSTANT_MESSAGE })
  .transform((value) => new Date(value).toISOString())
  .refine((iso) => /^\d{4}-/.test(iso) && !iso.startsWith('0000-'), INSTANT_MESSAGE);
