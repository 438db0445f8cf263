import { apiPaths } from '@tasks/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import { json } from '../../../test/api.ts';
import { errorPaths, expectProblem } from '../../../test/problem.ts';
import { listAll, postTask, readTask } from '../../../test/tasks.ts';
import { newUser, type TestUser } from '../../../test/users.ts';

let user: TestUser;

beforeAll(async () => {
  user = await newUser('bad');
});

const uuid = '0b6f1c1e-2f43-4f7e-9d1c-3c1c0e6b8a11';
const PG_UNKNOWN = 'US/Pacific-New';

describe('POST /tasks refuses, naming the field', () => {
  it.each([
    [{}, ['title']],
    [{ title: '' }, ['title']],
    [{ title: '   ' }, ['title']],
    [{ title: 'x'.repeat(201) }, ['title']],
    [{ title: 42 }, ['title']],
    [{ title: null }, ['title']],
    [{ title: 'ok', description: 'd'.repeat(5001) }, ['description']],
    [{ title: 'ok', description: 7 }, ['description']],
    [{ title: 'ok', completed: 'true' }, ['completed']],
    [{ title: 'ok', completed: 1 }, ['completed']],
    [{ title: 'ok', priority: 'Urgent' }, ['priority']],
    [{ title: 'ok', priority: ' high' }, ['priority']], // any case is fine, padding is not
    [{ title: 'ok', due_at: 'tomorrow' }, ['due_at']],
    [{ title: 'ok', due_at: '2026-13-01T00:00:00Z' }, ['due_at']],
    [{ title: 'ok', due_at: 1767225600000 }, ['due_at']],
    [{ title: 'ok', due_at: '0000-01-01T00:00:00Z' }, ['due_at']],
    [{ title: 'ok', tags: 'work' }, ['tags']],
    [{ title: 'ok', tags: [''] }, ['tags.0']],
    [{ title: 'ok', tags: ['ok', 'x'.repeat(33)] }, ['tags.1']],
    [{ title: 'ok', tags: Array.from({ length: 21 }, (_, i) => `t${i}`) }, ['tags']],
    [{ title: 'ok', tags: Array(10_000).fill('t') }, ['tags']],
    [{ title: 'ok', tags: [1] }, ['tags.0']],
    [{ title: 'ok', version: 2 }, ['version']],
    [{ title: 'ok', user_id: 'someone-else' }, ['user_id']],
    [{ title: 'ok', extra: true }, ['extra']],
    [{ title: 'x'.repeat(201), priority: 'Nope', tags: [''] }, ['priority', 'tags.0', 'title']],
    // Zones Intl knows and PostgreSQL's tz database does not (decision 0030).
    [
      { title: 'ok', due_date: '2027-01-01', due_time: '09:00', time_zone: PG_UNKNOWN },
      ['time_zone'],
    ],
    [{ title: 'ok', due_at: '2027-01-01T09:00:00Z', time_zone: PG_UNKNOWN }, ['time_zone']],
  ])('%j → %j', async (body, paths) => {
    const before = await listAll(user);
    const res = await user.call(apiPaths.tasks, json('POST', body));
    expect(errorPaths(await expectProblem(res, 400))).toEqual(paths);
    expect(await listAll(user)).toEqual(before);
  });

  it.each([
    ['malformed JSON', '{"title": ', 'application/json'],
    ['a JSON array', '[]', 'application/json'],
    ['a JSON string', '"title"', 'application/json'],
    ['null', 'null', 'application/json'],
  ])('%s is a 400 problem', async (_label, body, type) => {
    const res = await user.call(apiPaths.tasks, {
      method: 'POST',
      body,
      headers: { 'Content-Type': type },
    });
    await expectProblem(res, 400);
  });

  it('a zone the database does not know is a 400 with an Idempotency-Key too', async () => {
    const body = { title: 'ok', due_date: '2027-01-01', time_zone: 'Canada/East-Saskatchewan' };
    const res = await user.call(apiPaths.tasks, json('POST', body, { 'Idempotency-Key': uuid }));
    expect(errorPaths(await expectProblem(res, 400))).toEqual(['time_zone']);
  });

  it('a form body is 415', async () => {
    const res = await user.call(apiPaths.tasks, {
      method: 'POST',
      body: 'title=x',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    await expectProblem(res, 415);
  });
});

describe('PATCH /tasks/{id} refuses, naming the field, and changes nothing', () => {
  it.each([
    [{ title: '' }, ['title']],
    [{ completed: 'yes' }, ['completed']],
    [{ priority: 'Critical' }, ['priority']],
    [{ due_at: '31/01/2026' }, ['due_at']],
    [{ tags: Array(10_000).fill('x') }, ['tags']],
    [{ id: uuid }, ['id']],
    [{ completed_at: '2026-01-01T00:00:00Z' }, ['completed_at']],
    [{ due_date: '2027-01-01', due_time: '09:00', time_zone: PG_UNKNOWN }, ['time_zone']],
    [{ due_at: '2027-01-01T09:00:00Z', time_zone: PG_UNKNOWN, completed: true }, ['time_zone']],
  ])('%j → %j', async (body, paths) => {
    const task = await postTask(user, { title: 'target' });
    const res = await user.call(apiPaths.task(task.id), json('PATCH', body));
    expect(errorPaths(await expectProblem(res, 400))).toEqual(paths);
    expect(await readTask(user, task.id)).toEqual(task);
  });
});

describe('GET /tasks refuses, naming the parameter', () => {
  it.each([
    ['limit=0', ['limit']],
    ['limit=100000', ['limit']],
    ['limit=-1', ['limit']],
    ['limit=abc', ['limit']],
    ['status=done', ['status']],
    ['sort=id', ['sort']],
    ['sort=created_at;drop table tasks', ['sort']],
    ['order=sideways', ['order']],
    ['priority=Urgent', ['priority.0']],
    ['due_before=soon', ['due_before']],
    ['due_after=2026-02-30T00:00:00Z', ['due_after']],
    ['cursor=%00%01', ['cursor']],
    [`cursor=${'A'.repeat(3000)}`, ['cursor']],
    [`q=${'q'.repeat(201)}`, ['q']],
    ['offset=10', ['offset']],
  ])('?%s → %j', async (query, paths) => {
    const res = await user.call(`${apiPaths.tasks}?${query}`);
    expect(errorPaths(await expectProblem(res, 400))).toEqual(paths);
  });
});

describe('odd but valid input', () => {
  it('treats LIKE wildcards, quotes and SQL in q as plain text', async () => {
    const task = await postTask(user, { title: `it's 50% off_now; select * from users --` });
    for (const q of [
      "it's",
      '50%',
      'off_now',
      'select * from users --',
      "'; drop table tasks; --",
    ]) {
      const res = await user.call(`${apiPaths.tasks}?q=${encodeURIComponent(q)}&limit=200`);
      expect(res.status).toBe(200);
      const ids = ((await res.json()) as { id: string }[]).map((t) => t.id);
      expect(ids.includes(task.id), q).toBe(!q.includes('drop table'));
    }
  });
});
