import { z } from 'zod';
import { caseInsensitiveEnum } from './case-insensitive-enum.ts';
import { formatRrule, neverFalls, parseRrule } from './recurrence/rrule.ts';
import { parseDate } from './time/plain-date.ts';
import { canonicalTimeZone } from './time/zoned.ts';

/** A local calendar day, `YYYY-MM-DD`, years 0001–9999. */
export const DueDateSchema = z
  .string()
  .refine((text) => parseDate(text) !== null, 'Use a calendar date such as 2027-01-31');

/** A local wall time, stored as `HH:MM` (24 h); `9:30` and `09:30:00` are accepted. */
export const DueTimeSchema = z
  .string()
  .regex(/^([01]?\d|2[0-3]):[0-5]\d(:00)?$/, 'Use a 24-hour time such as 09:30')
  .transform((text) => {
    const [hours = '', minutes = ''] = text.split(':');
    return `${hours.padStart(2, '0')}:${minutes}`;
  });

/** An IANA zone name Intl knows, in its usual letter case; null (floating) is the user's zone. */
export const TimeZoneSchema = z.string().transform((name, ctx) => {
  const canonical = canonicalTimeZone(name);
  if (canonical) return canonical;
  ctx.addIssue({ code: 'custom', message: 'Use an IANA time zone such as Europe/London' });
  return z.NEVER;
});

/** The supported RRULE subset, any letter case in, canonical text out; the issue names the part. */
export const RruleSchema = z.string().transform((text, ctx) => {
  const result = parseRrule(text);
  const refused = result.ok ? neverFalls(result.rule) : result.message;
  if (result.ok && refused === null) return formatRrule(result.rule);
  ctx.addIssue({ code: 'custom', message: refused! });
  return z.NEVER;
});

export const REPEAT_FROM = ['due', 'completion'] as const;
export const RepeatFromSchema = z.enum(REPEAT_FROM).meta({ id: 'RepeatFrom' });
export type RepeatFrom = z.infer<typeof RepeatFromSchema>;

export const RecurrenceInputSchema = z
  .strictObject({
    rrule: RruleSchema,
    repeat_from: caseInsensitiveEnum(RepeatFromSchema).default('due'),
  })
  .meta({ id: 'RecurrenceInput' });

export const RecurrenceSchema = z
  .object({ rrule: z.string(), repeat_from: RepeatFromSchema })
  .meta({ id: 'Recurrence' });
export type Recurrence = z.infer<typeof RecurrenceSchema>;

/** The due fields as a client sends them on create; each may be left out. */
export const DueInputSchema = z.object({
  due_date: DueDateSchema.nullable().default(null),
  due_time: DueTimeSchema.nullable().default(null),
  time_zone: TimeZoneSchema.nullable().default(null),
  recurrence: RecurrenceInputSchema.nullable().default(null),
});
export type DueInput = z.output<typeof DueInputSchema>;

/**
 * Rules across the due fields, for a task's merged state (after a PATCH too): a time or a
 * repetition needs a day. Paths name the field that cannot stand alone.
 */
export function dueIssues(due: Partial<DueInput>): { path: string[]; message: string }[] {
  const issues: { path: string[]; message: string }[] = [];
  if (due.due_date) return issues;
  if (due.due_time) issues.push({ path: ['due_time'], message: 'A due time needs a due_date' });
  if (due.recurrence) {
    issues.push({ path: ['recurrence'], message: 'A recurring task needs a due_date' });
  }
  return issues;
}
