import { apiPaths, TaskSchema } from '@tasks/shared';
import { describe, expect, it } from 'vitest';
import { api } from '../../../test/api.ts';
import { browserHeaders, signUpAndLogIn, withBearer } from '../../../test/auth.ts';
import { expectProblem } from '../../../test/problem.ts';
import { postTask } from '../../../test/tasks.ts';
import { newUser } from '../../../test/users.ts';

const JSON_TYPE = { 'Content-Type': 'application/json' };

/** The ways a client sends "no body" with a JSON content type. */
const EMPTY_BODIES: Record<string, () => BodyInit | null> = {
  'no body at all': () => null,
  'an empty string': () => '',
  'a stream that ends at once (no Content-Length)': () =>
    new ReadableStream({ start: (controller) => controller.close() }),
};

describe('an empty body with Content-Type: application/json is no body', () => {
  for (const [name, body] of Object.entries(EMPTY_BODIES)) {
    it(`toggles a task: PUT /tasks/{id}/complete with ${name}`, async () => {
      const user = await newUser('empty-body');
      const task = await postTask(user, { title: 'toggle me' });
      const res = await user.call(apiPaths.taskCompletion(task.id), {
        method: 'PUT',
        headers: JSON_TYPE,
        body: body(),
      });
      expect(res.status, await res.clone().text()).toBe(200);
      expect(TaskSchema.parse(await res.json()).completed).toBe(true);
    });
  }

  it('logs out: POST /auth/logout with a bearer token and no body', async () => {
    const user = await signUpAndLogIn('empty-logout');
    const res = await api(
      apiPaths.logout,
      withBearer(user.accessToken, { method: 'POST', headers: JSON_TYPE, body: '' }),
    );
    expect(res.status, await res.clone().text()).toBe(200);
    expect(await res.json()).toEqual({ logged_out: true });
  });

  it('signs a browser out: POST /auth/logout with the session cookie and no body', async () => {
    const user = await signUpAndLogIn('empty-cookie');
    const headers = browserHeaders(user.ip, { ...JSON_TYPE, Cookie: user.cookie });
    const res = await api(apiPaths.logout, { method: 'POST', headers });
    expect(res.status, await res.clone().text()).toBe(200);
    const token = await api(apiPaths.token, {
      method: 'POST',
      headers: browserHeaders(user.ip, { Cookie: user.cookie }),
    });
    expect(token.status).toBe(401);
  });

  it('still reads a streamed non-empty body whole', async () => {
    const user = await newUser('streamed');
    const bytes = new TextEncoder().encode(JSON.stringify({ title: 'streamed', priority: 'Low' }));
    const body = new ReadableStream({
      start(controller) {
        controller.enqueue(bytes.slice(0, 5));
        controller.enqueue(bytes.slice(5));
        controller.close();
      },
    });
    const res = await user.call(apiPaths.tasks, { method: 'POST', headers: JSON_TYPE, body });
    expect(res.status, await res.clone().text()).toBe(201);
    expect(TaskSchema.parse(await res.json())).toMatchObject({
      title: 'streamed',
      priority: 'Low',
    });
  });

  it('answers a non-empty body that is not JSON with 400 Malformed JSON', async () => {
    const user = await newUser('malformed');
    const task = await postTask(user, { title: 'keep me' });
    for (const body of ['{', ' ', 'completed=true']) {
      const res = await user.call(apiPaths.taskCompletion(task.id), {
        method: 'PUT',
        headers: JSON_TYPE,
        body,
      });
      const problem = await expectProblem(res, 400);
      expect(problem.detail, JSON.stringify(body)).toBe('Malformed JSON');
    }
  });

  it('answers a malformed body to a cookie logout with the same problem', async () => {
    const user = await signUpAndLogIn('malformed-cookie');
    const res = await api(apiPaths.logout, {
      method: 'POST',
      headers: browserHeaders(user.ip, { ...JSON_TYPE, Cookie: user.cookie }),
      body: '{',
    });
    const problem = await expectProblem(res, 400, { detail: 'Malformed JSON' });
    expect(problem.errors).toEqual([{ path: 'body', message: 'Malformed JSON' }]);
  });
});
