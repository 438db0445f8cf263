import type { NewTask } from './queries.ts';

/**
 * SHA-256 of the parsed create body in a fixed field order: a retry whose JSON differs only in
 * key order, whitespace or defaults spelled out hashes the same; any real difference does not.
 */
export async function hashRequest(input: NewTask): Promise<string> {
  // The local due fields join the hash only when sent, so a body without them hashes as before
  // they existed (keys stored then still replay).
  const local = [input.due_date, input.due_time, input.time_zone, input.recurrence];
  const canonical = JSON.stringify([
    input.title,
    input.description,
    input.completed,
    input.priority,
    input.due_at,
    input.tags,
    ...(local.some((value) => value != null) ? local.map((value) => value ?? null) : []),
    // Appended only when sent, so the hashes of keys stored before reminders existed still match.
    ...(input.reminders === undefined ? [] : [input.reminders]),
  ]);
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(canonical));
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}
