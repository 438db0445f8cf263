import { describe, expect, it } from 'vitest';
import { callerWith } from '../../test/api.ts';
import { createProbeApp } from '../../test/probe-routes.ts';
import { expectProblem } from '../../test/problem.ts';
import { MAX_BODY_BYTES } from './body-limit.ts';

const call = callerWith({}, createProbeApp());

/** A JSON task body of exactly `bytes` bytes (the description pads it). */
function taskBodyOfSize(bytes: number): string {
  const shell = JSON.stringify({ title: 'x', description: '' });
  return JSON.stringify({ title: 'x', description: 'a'.repeat(bytes - shell.length) });
}

const post = (body: BodyInit) => ({
  method: 'POST',
  headers: { 'Content-Type': 'application/json' },
  body,
});

describe('body limit', () => {
  it('reads a body of exactly 64 KiB (it fails validation, not the limit)', async () => {
    const body = taskBodyOfSize(MAX_BODY_BYTES);
    expect(new TextEncoder().encode(body).length).toBe(MAX_BODY_BYTES);
    const problem = await expectProblem(await call('/api/v1/probe/echo', post(body)), 400);
    expect(problem.errors?.map((e) => e.path)).toEqual(['description']);
  });

  it('rejects 64 KiB + 1 with a 413 problem', async () => {
    const res = await call('/api/v1/probe/echo', post(taskBodyOfSize(MAX_BODY_BYTES + 1)));
    await expectProblem(res, 413, { title: 'Content Too Large' });
  });

  it('rejects an oversized streamed body that declares no length', async () => {
    const chunk = new TextEncoder().encode('a'.repeat(16 * 1024));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 5) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const res = await call('/api/v1/probe/echo', post(stream));
    await expectProblem(res, 413);
  });
});
