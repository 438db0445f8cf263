import { apiPaths, TaskSchema } from '@tasks/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import { api, json } from '../../../test/api.ts';
import { expectProblem } from '../../../test/problem.ts';
import { postTask, readTask } from '../../../test/tasks.ts';
import { newUser, type TestUser } from '../../../test/users.ts';

const ISO_Z = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;
let user: TestUser;

beforeAll(async () => {
  user = await newUser('crud');
});

describe('create and read', () => {
  it('creates with the seed defaults, a Location and an ETag', async () => {
    const res = await user.call(apiPaths.tasks, json('POST', { title: '  Buy milk  ' }));
    expect(res.status).toBe(201);
    const task = TaskSchema.parse(await res.json());
    expect(task).toMatchObject({
      title: 'Buy milk',
      description: '',
      completed: false,
      completed_at: null,
      priority: 'Medium',
      due_at: null,
      tags: [],
      user_id: user.id,
      version: 1,
    });
    expect(task.created_at).toMatch(ISO_Z);
    expect(task.updated_at).toBe(task.created_at);
    expect(res.headers.get('Location')).toBe(apiPaths.task(task.id));
    expect(res.headers.get('ETag')).toBe('"1"');
    expect(await readTask(user, task.id)).toEqual(task);
  });

  it('stores quotes, SQL, HTML and emoji verbatim', async () => {
    const title = `Robert'); DROP TABLE tasks;-- <b>"bold"</b> \\ 100% _x_ 🚀👩‍💻`;
    const description = `<script>alert('x')</script>\n\ttabs, ${'$1'} and 'quotes' ü 日本`;
    const task = await postTask(user, { title, description, tags: ['<i>', "o'neil", '🏷️'] });
    const stored = await readTask(user, task.id);
    expect(stored).toMatchObject({ title, description, tags: ['<i>', "o'neil", '🏷️'] });
  });

  it('normalises tags and due_at, and sets completed_at with completed', async () => {
    const task = await postTask(user, {
      title: 'Normalise',
      tags: [' Work ', 'work', 'HOME'],
      due_at: '2026-03-01T09:30:00+01:00',
      completed: true,
      priority: 'High',
    });
    expect(task.tags).toEqual(['work', 'home']);
    expect(task.due_at).toBe('2026-03-01T08:30:00.000Z');
    expect(task.completed_at).toMatch(ISO_Z);
  });

  it('answers If-None-Match with the current ETag with 304, otherwise 200', async () => {
    const task = await postTask(user, { title: 'Cached' });
    const fresh = await user.call(apiPaths.task(task.id), { headers: { 'If-None-Match': '"1"' } });
    expect(fresh.status).toBe(304);
    expect(fresh.headers.get('ETag')).toBe('"1"');
    expect(await fresh.text()).toBe('');
    const weak = await user.call(apiPaths.task(task.id), { headers: { 'If-None-Match': 'W/"1"' } });
    expect(weak.status).toBe(304);
    const stale = await user.call(apiPaths.task(task.id), { headers: { 'If-None-Match': '"0"' } });
    expect(stale.status).toBe(200);
  });
});

describe('update', () => {
  it('PATCH and PUT change only the given fields and bump the version once per change', async () => {
    const task = await postTask(user, { title: 'Original', description: 'keep', tags: ['a'] });
    const patched = await user.call(apiPaths.task(task.id), json('PATCH', { title: 'Renamed' }));
    expect(patched.status).toBe(200);
    expect(patched.headers.get('ETag')).toBe('"2"');
    const after = TaskSchema.parse(await patched.json());
    expect(after).toMatchObject({ title: 'Renamed', description: 'keep', tags: ['a'], version: 2 });
    expect(after.created_at).toBe(task.created_at);
    expect(Date.parse(after.updated_at)).toBeGreaterThanOrEqual(Date.parse(task.updated_at));

    const put = await user.call(
      apiPaths.task(task.id),
      json('PUT', { priority: 'Low', due_at: null }),
    );
    expect(TaskSchema.parse(await put.json())).toMatchObject({ priority: 'Low', version: 3 });
  });

  it('keeps the version when nothing changes', async () => {
    const task = await postTask(user, { title: 'Same' });
    const res = await user.call(apiPaths.task(task.id), json('PATCH', { title: 'Same' }));
    expect(TaskSchema.parse(await res.json())).toEqual(task);
    const empty = await user.call(apiPaths.task(task.id), json('PATCH', {}));
    expect(TaskSchema.parse(await empty.json())).toEqual(task);
  });

  it('sets and clears completed_at with completed', async () => {
    const task = await postTask(user, { title: 'Complete me' });
    const done = TaskSchema.parse(
      await (await user.call(apiPaths.task(task.id), json('PATCH', { completed: true }))).json(),
    );
    expect(done.completed_at).toMatch(ISO_Z);
    const again = TaskSchema.parse(
      await (await user.call(apiPaths.task(task.id), json('PATCH', { completed: true }))).json(),
    );
    expect(again).toEqual(done);
    const reopened = TaskSchema.parse(
      await (await user.call(apiPaths.task(task.id), json('PUT', { completed: false }))).json(),
    );
    expect(reopened).toMatchObject({ completed: false, completed_at: null, version: 3 });
  });

  it.each(['id', 'user_id', 'version', 'created_at', 'updated_at', 'completed_at'])(
    'refuses the read-only field %s by name and changes nothing',
    async (field) => {
      const task = await postTask(user, { title: 'Guarded' });
      const res = await user.call(
        apiPaths.task(task.id),
        json('PATCH', { title: 'Changed', [field]: null }),
      );
      await expectProblem(res, 400, { errors: [{ path: field, message: 'read-only field' }] });
      expect(await readTask(user, task.id)).toEqual(task);
    },
  );

  it('refuses an unknown field by name', async () => {
    const task = await postTask(user, { title: 'Strict' });
    const res = await user.call(apiPaths.task(task.id), json('PATCH', { colour: 'red' }));
    await expectProblem(res, 400, { errors: [{ path: 'colour', message: 'unknown field' }] });
  });
});

describe('completion', () => {
  it('PUT …/complete without a body toggles, with a body sets (PUT or POST)', async () => {
    const task = await postTask(user, { title: 'Toggle' });
    const on = await user.call(apiPaths.taskCompletion(task.id), { method: 'PUT' });
    expect(TaskSchema.parse(await on.json())).toMatchObject({ completed: true, version: 2 });
    const off = await user.call(apiPaths.taskCompletion(task.id), { method: 'PUT' });
    expect(TaskSchema.parse(await off.json())).toMatchObject({
      completed: false,
      completed_at: null,
      version: 3,
    });
    for (const method of ['PUT', 'POST', 'POST']) {
      const res = await user.call(
        apiPaths.taskCompletion(task.id),
        json(method, { completed: true }),
      );
      expect(TaskSchema.parse(await res.json())).toMatchObject({ completed: true, version: 4 });
    }
  });

  it('POST …/complete needs the explicit body', async () => {
    const task = await postTask(user, { title: 'Explicit' });
    const res = await user.call(apiPaths.taskCompletion(task.id), json('POST', {}));
    await expectProblem(res, 400, { errors: [expect.objectContaining({ path: 'completed' })] });
  });
});

describe('the path id', () => {
  it('is read case-insensitively: an upper-case id addresses the same task', async () => {
    const task = await postTask(user, { title: 'shouting' });
    const upper = task.id.toUpperCase();
    expect(await readTask(user, upper)).toEqual(task);
    const res = await user.call(apiPaths.task(upper), json('PATCH', { title: 'quiet' }));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ id: task.id, title: 'quiet', version: 2 });
    expect((await user.call(apiPaths.task(upper), { method: 'DELETE' })).status).toBe(204);
  });
});

describe('delete', () => {
  it('answers 204, then the task is gone', async () => {
    const task = await postTask(user, { title: 'Doomed' });
    const res = await user.call(apiPaths.task(task.id), { method: 'DELETE' });
    expect(res.status).toBe(204);
    expect(await res.text()).toBe('');
    await expectProblem(await user.call(apiPaths.task(task.id)), 404);
    await expectProblem(await user.call(apiPaths.task(task.id), { method: 'DELETE' }), 404);
  });
});

describe('authentication', () => {
  it('needs a bearer token on every task route', async () => {
    for (const path of [apiPaths.tasks, apiPaths.tags, apiPaths.task(crypto.randomUUID())]) {
      await expectProblem(await api(path), 401);
    }
  });
});
