import { describe, expect, it, vi } from 'vitest';
import { callerWith } from '../../test/api.ts';
import { createProbeApp } from '../../test/probe-routes.ts';
import { expectProblem } from '../../test/problem.ts';

const call = callerWith({}, createProbeApp());

// Each SQLSTATE is raised by the real Postgres behind the local Neon HTTP server, so this checks
// the whole path: Postgres error → neon 400 JSON → NeonDbError → Drizzle wrapper → problem.
const CASES: [sqlstate: string, status: number][] = [
  ['23505', 409], // unique_violation
  ['23503', 409], // foreign_key_violation
  ['23502', 422], // not_null_violation
  ['23514', 422], // check_violation
  ['23P01', 409], // exclusion_violation
  ['22001', 400], // string_data_right_truncation
  ['22003', 400], // numeric_value_out_of_range
  ['22007', 400], // invalid_datetime_format
  ['22008', 400], // datetime_field_overflow
  ['22021', 400], // character_not_in_repertoire
  ['22P02', 400], // invalid_text_representation
  ['40001', 503], // serialization_failure
  ['40P01', 503], // deadlock_detected
  ['53300', 503], // too_many_connections
  ['57P03', 503], // cannot_connect_now
  ['57014', 504], // query_canceled (statement_timeout)
];

describe('database errors', () => {
  it.each(CASES)('SQLSTATE %s becomes %i', async (sqlstate, status) => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const res = await call(`/api/v1/probe/raise/${sqlstate}`);
    const text = await res.clone().text();
    await expectProblem(res, status);
    expect(text).not.toContain('probe');
    if (status >= 503) expect(Number(res.headers.get('Retry-After'))).toBeGreaterThan(0);
  });

  it('maps a malformed value Postgres rejects to 400, not 500', async () => {
    await expectProblem(await call('/api/v1/probe/bad-uuid'), 400);
  });

  it('keeps an error code it does not know a 500', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    await expectProblem(await call('/api/v1/probe/raise/P0001'), 500);
  });
});
