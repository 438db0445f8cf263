import { apiPaths, TaskSchema } from '@tasks/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import { json } from '../../../test/api.ts';
import { expectProblem } from '../../../test/problem.ts';
import { postTask, readTask } from '../../../test/tasks.ts';
import { newUser, type TestUser } from '../../../test/users.ts';

let user: TestUser;

beforeAll(async () => {
  user = await newUser('if-match');
});

describe('If-Match', () => {
  it('writes with the current ETag and answers 412 to a stale one, changing nothing', async () => {
    const task = await postTask(user, { title: 'Versioned' });
    const ok = await user.call(
      apiPaths.task(task.id),
      json('PATCH', { title: 'v2' }, { 'If-Match': '"1"' }),
    );
    expect(ok.status).toBe(200);
    const current = await readTask(user, task.id);
    for (const [method, path, body] of [
      ['PATCH', apiPaths.task(task.id), { title: 'lost update' }],
      ['PUT', apiPaths.task(task.id), { title: 'lost update' }],
      ['PUT', apiPaths.taskCompletion(task.id), { completed: true }],
      ['POST', apiPaths.taskCompletion(task.id), { completed: true }],
    ] as const) {
      const res = await user.call(path, json(method, body, { 'If-Match': '"1"' }));
      await expectProblem(res, 412);
    }
    const toggle = await user.call(apiPaths.taskCompletion(task.id), {
      method: 'PUT',
      headers: { 'If-Match': '"1"' },
    });
    await expectProblem(toggle, 412);
    const del = await user.call(apiPaths.task(task.id), {
      method: 'DELETE',
      headers: { 'If-Match': 'garbage' },
    });
    await expectProblem(del, 412);
    expect(await readTask(user, task.id)).toEqual(current);
  });

  it.each(['*', 'W/"1"', '"7", "1"'])(
    'accepts If-Match: %s naming the current version',
    async (header) => {
      const task = await postTask(user, { title: 'Lists' });
      const res = await user.call(
        apiPaths.task(task.id),
        json('PATCH', { description: header }, { 'If-Match': header }),
      );
      expect(res.status).toBe(200);
      expect(TaskSchema.parse(await res.json())).toMatchObject({ description: header, version: 2 });
    },
  );
});
