import SwaggerParser from '@apidevtools/swagger-parser';
import { apiPaths } from '@tasks/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { api, json } from '../../test/api.ts';
import { signUpAndLogIn, uniqueEmail, uniqueIp, GOOD_PASSWORD } from '../../test/auth.ts';
import { subscribeDevice } from '../../test/reminders.ts';
import { postTask } from '../../test/tasks.ts';
import { newUser, type TestUser } from '../../test/users.ts';
import { undocumentedKeys, type JsonSchema } from '../../test/undocumented-keys.ts';
import { sharingCalls } from '../../test/contract-sharing-calls.ts';

// The contract test: every operation in the served OpenAPI document is called (successes and the
// errors a client can provoke), and each response must have a documented status and media type
// and parse with the documented schema, without undocumented fields.

type Response_ = { content?: Record<string, { schema: JsonSchema }> };
type Document = { paths: Record<string, Record<string, { responses: Record<string, Response_> }>> };
type Call = { path: string; init?: RequestInit; as?: 'anonymous' };

let doc: Document;
let user: TestUser;
let taskId: string;

beforeAll(async () => {
  const raw = await (await api(apiPaths.openapi)).json();
  doc = (await SwaggerParser.dereference(raw as never)) as unknown as Document;
  user = await newUser('contract');
  taskId = (await postTask(user, { title: 'contract', tags: ['x'] })).id;
});

/** A fresh list of the contract user's. */
const newListId = async () =>
  ((await (await user.call(apiPaths.lists, json('POST', { name: 'l' }))).json()) as { id: string })
    .id;
/** The contract user's Inbox. */
const inboxId = async () => {
  const page = (await (await user.call(apiPaths.lists)).json()) as {
    data: { id: string; is_inbox: boolean }[];
  };
  return page.data.find((list) => list.is_inbox)!.id;
};

const key = crypto.randomUUID();
const missing = crypto.randomUUID();
/** Calls per documented operation; an operation without an entry fails the coverage test. */
const calls: Record<string, () => Promise<Call[]>> = {
  'GET /api/v1/health': async () => [{ path: apiPaths.health }],
  // Members and invitations: the contract user is built in beforeAll, so the calls read it late.
  ...Object.fromEntries(
    Object.keys(sharingCalls(undefined as never)).map((operation) => [
      operation,
      () => sharingCalls(user)[operation]!(),
    ]),
  ),
  'GET /api/v1/lists': async () => [{ path: apiPaths.lists }],
  'POST /api/v1/lists': async () => [
    { path: apiPaths.lists, init: json('POST', { name: 'contract' }) },
    { path: apiPaths.lists, init: json('POST', { name: '' }) },
  ],
  'GET /api/v1/lists/{id}': async () => [
    { path: apiPaths.list(await newListId()) },
    { path: apiPaths.list(missing) },
  ],
  'PATCH /api/v1/lists/{id}': async () => [
    { path: apiPaths.list(await newListId()), init: json('PATCH', { name: 'renamed' }) },
    { path: apiPaths.list(await inboxId()), init: json('PATCH', { archived: true }) },
    { path: apiPaths.list(missing), init: json('PATCH', { name: 'x' }) },
  ],
  'DELETE /api/v1/lists/{id}': async () => [
    { path: apiPaths.list(await newListId()), init: { method: 'DELETE' } },
    { path: apiPaths.list(await inboxId()), init: { method: 'DELETE' } },
  ],
  'GET /api/v1/changes': async () => [
    { path: apiPaths.changes },
    { path: `${apiPaths.changes}?cursor=c1.1.0.${Math.floor(Date.now() / 1000)}&limit=5` },
    { path: `${apiPaths.changes}?cursor=c1.1.0.1` },
    { path: `${apiPaths.changes}?cursor=bad` },
  ],
  'POST /api/v1/live/ticket': async () => [
    { path: apiPaths.liveTicket, init: { method: 'POST' } },
    { path: apiPaths.liveTicket, init: { method: 'POST' }, as: 'anonymous' },
  ],
  'GET /api/v1/live': async () => {
    const res = await user.call(apiPaths.liveTicket, { method: 'POST' });
    const { ticket } = (await res.json()) as { ticket: string };
    const upgrade = { headers: { Upgrade: 'websocket' } };
    return [
      { path: `${apiPaths.live}?ticket=${ticket}`, init: upgrade, as: 'anonymous' },
      { path: `${apiPaths.live}?ticket=${ticket}`, init: upgrade, as: 'anonymous' },
      { path: `${apiPaths.live}?ticket=${ticket}`, as: 'anonymous' },
    ];
  },
  'GET /api/v1/tasks': async () => [
    { path: `${apiPaths.tasks}?limit=1` },
    { path: `${apiPaths.tasks}?limit=0` },
    { path: apiPaths.tasks, as: 'anonymous' },
  ],
  'POST /api/v1/tasks': async () => [
    { path: apiPaths.tasks, init: json('POST', { title: 'c', due_at: '2026-01-01T00:00:00Z' }) },
    { path: apiPaths.tasks, init: json('POST', { title: 'k' }, { 'Idempotency-Key': key }) },
    { path: apiPaths.tasks, init: json('POST', { title: 'other' }, { 'Idempotency-Key': key }) },
    { path: apiPaths.tasks, init: json('POST', { title: '' }) },
  ],
  'DELETE /api/v1/tasks': async () => [
    { path: `${apiPaths.tasks}?status=completed`, init: { method: 'DELETE' } },
    { path: apiPaths.tasks, init: { method: 'DELETE' } },
  ],
  'GET /api/v1/tasks/{id}': async () => [
    { path: apiPaths.task(taskId) },
    { path: apiPaths.task(taskId), init: { headers: { 'If-None-Match': '*' } } },
    { path: apiPaths.task(missing) },
  ],
  'PATCH /api/v1/tasks/{id}': async () => [
    { path: apiPaths.task(taskId), init: json('PATCH', { tags: ['y'] }) },
    { path: apiPaths.task(taskId), init: json('PATCH', { title: 'x' }, { 'If-Match': '"0"' }) },
    { path: apiPaths.task(taskId), init: json('PATCH', { version: 9 }) },
  ],
  'PUT /api/v1/tasks/{id}': async () => [
    { path: apiPaths.task(taskId), init: json('PUT', { priority: 'Low' }) },
    { path: apiPaths.task(missing), init: json('PUT', { priority: 'Low' }) },
  ],
  'PUT /api/v1/tasks/{id}/complete': async () => [
    { path: apiPaths.taskCompletion(taskId), init: { method: 'PUT' } },
    { path: apiPaths.taskCompletion(taskId), init: json('PUT', { completed: true }) },
  ],
  'POST /api/v1/tasks/{id}/complete': async () => [
    { path: apiPaths.taskCompletion(taskId), init: json('POST', { completed: false }) },
    { path: apiPaths.taskCompletion(taskId), init: json('POST', { completed: 'no' }) },
  ],
  'GET /api/v1/tasks/{id}/history': async () => {
    const recurring = await postTask(user, {
      title: 'repeats',
      due_date: '2026-01-01',
      recurrence: { rrule: 'FREQ=DAILY', repeat_from: 'due' },
    });
    await user.call(apiPaths.taskCompletion(recurring.id), { method: 'PUT' });
    return [{ path: apiPaths.taskHistory(recurring.id) }, { path: apiPaths.taskHistory(missing) }];
  },
  'POST /api/v1/tasks/{id}/skip': async () => {
    const recurring = await postTask(user, {
      title: 'skips',
      due_date: '2026-01-01',
      due_time: '08:00',
      time_zone: 'Asia/Kolkata',
      recurrence: { rrule: 'FREQ=WEEKLY', repeat_from: 'completion' },
    });
    return [
      { path: apiPaths.taskSkip(recurring.id), init: json('POST', { occurrence: 1 }) },
      { path: apiPaths.taskSkip(taskId), init: { method: 'POST' } },
      { path: apiPaths.taskSkip(missing), init: { method: 'POST' } },
    ];
  },
  'POST /api/v1/tasks/{id}/restore-occurrence': async () => {
    const recurring = await postTask(user, {
      title: 'undone',
      due_date: '2026-01-01',
      recurrence: { rrule: 'FREQ=DAILY', repeat_from: 'due' },
    });
    await user.call(apiPaths.taskSkip(recurring.id), { method: 'POST' });
    const path = apiPaths.taskRestoreOccurrence(recurring.id);
    return [
      { path, init: json('POST', { occurrence: 1 }) },
      { path, init: json('POST', { occurrence: 0 }) },
      { path: apiPaths.taskRestoreOccurrence(missing), init: json('POST', { occurrence: 1 }) },
    ];
  },
  'POST /api/v1/tasks/{id}/restore': async () => {
    const undone = (await postTask(user, { title: 'undeleted' })).id;
    await user.call(apiPaths.task(undone), { method: 'DELETE' });
    return [
      { path: apiPaths.taskRestore(undone), init: { method: 'POST' } },
      { path: apiPaths.taskRestore(missing), init: { method: 'POST' } },
    ];
  },
  'POST /api/v1/tasks/bulk': async () => [
    {
      path: apiPaths.tasksBulk,
      init: json('POST', { action: 'complete', ids: [taskId, missing] }),
    },
    { path: apiPaths.tasksBulk, init: json('POST', { action: 'archive', ids: [taskId] }) },
  ],
  'DELETE /api/v1/tasks/{id}': async () => {
    const doomed = (await postTask(user, { title: 'doomed' })).id;
    return [
      { path: apiPaths.task(doomed), init: { method: 'DELETE' } },
      { path: apiPaths.task(doomed), init: { method: 'DELETE' } },
    ];
  },
  'GET /api/v1/tags': async () => [{ path: apiPaths.tags }],
  'GET /api/v1/tasks/counts': async () => [
    { path: apiPaths.taskCounts },
    { path: apiPaths.taskCounts, as: 'anonymous' },
  ],
  'GET /api/v1/me': async () => [{ path: apiPaths.me }, { path: apiPaths.me, as: 'anonymous' }],
  'PATCH /api/v1/me': async () => [
    { path: apiPaths.me, init: json('PATCH', { time_zone: 'Europe/Paris' }) },
    { path: apiPaths.me, init: json('PATCH', { time_zone: 'Paris' }) },
    { path: apiPaths.me, init: json('PATCH', { reminder_defaults: { before_minutes: [30] } }) },
    { path: apiPaths.me, init: json('PATCH', { reminder_defaults: { all_day_time: '9am' } }) },
  ],
  'GET /api/v1/reminders/upcoming': async () => [{ path: apiPaths.upcomingReminders }],
  'GET /api/v1/push/public-key': async () => [{ path: apiPaths.pushPublicKey }],
  'POST /api/v1/push/subscriptions': async () => {
    const subscription = (await subscribeDevice(user)).subscription;
    return [
      { path: apiPaths.pushSubscriptions, init: json('POST', subscription) },
      { path: apiPaths.pushSubscriptions, init: json('POST', { ...subscription, keys: {} }) },
    ];
  },
  'DELETE /api/v1/push/subscriptions': async () => [
    { path: apiPaths.pushSubscriptions, init: json('DELETE', { endpoint: 'https://x.test/1' }) },
    { path: apiPaths.pushSubscriptions, init: json('DELETE', {}) },
  ],
  'GET /api/v1/auth/jwks': async () => [{ path: apiPaths.jwks }],
  'GET /api/v1/sessions': async () => [{ path: apiPaths.sessions }],
  'DELETE /api/v1/sessions': async () => [{ path: apiPaths.sessions, init: { method: 'DELETE' } }],
  'DELETE /api/v1/sessions/{id}': async () => {
    const someone = await signUpAndLogIn('contract-sessions');
    const headers = { Authorization: `Bearer ${someone.accessToken}` };
    const list = (await (await api(apiPaths.sessions, { headers })).json()) as {
      sessions: { id: string; current: boolean }[];
    };
    const other = list.sessions.find((session) => !session.current)!;
    return [
      { path: apiPaths.session(other.id), init: { method: 'DELETE', headers }, as: 'anonymous' },
      { path: apiPaths.session(missing), init: { method: 'DELETE' } },
    ];
  },
  'PUT /api/v1/me/password': async () => {
    const someone = await signUpAndLogIn('contract-password');
    const headers = { Authorization: `Bearer ${someone.accessToken}` };
    const body = { current_password: GOOD_PASSWORD, new_password: 'Battery-staple-7' };
    return [
      { path: apiPaths.password, init: json('PUT', body, headers), as: 'anonymous' },
      { path: apiPaths.password, init: json('PUT', { ...body, new_password: 'weak' }, headers) },
    ];
  },
  'POST /api/v1/auth/signup': async () => {
    const headers = { 'CF-Connecting-IP': uniqueIp() };
    const body = { email: uniqueEmail('contract'), password: GOOD_PASSWORD };
    return [
      { path: apiPaths.signup, init: json('POST', body, headers), as: 'anonymous' },
      { path: apiPaths.signup, init: json('POST', { ...body, password: 'weak' }, headers) },
    ];
  },
  'POST /api/v1/auth/login': async () => {
    const someone = await signUpAndLogIn('contract-login');
    const headers = { 'CF-Connecting-IP': someone.ip };
    const body = { email: someone.email, password: GOOD_PASSWORD };
    return [
      { path: apiPaths.login, init: json('POST', body, headers), as: 'anonymous' },
      { path: apiPaths.login, init: json('POST', { ...body, password: 'Wrong-pass-1' }, headers) },
    ];
  },
  'POST /api/v1/auth/token': async () => {
    const someone = await signUpAndLogIn('contract-token');
    const body = { refresh_token: someone.refreshToken };
    const headers = { 'CF-Connecting-IP': someone.ip };
    return [{ path: apiPaths.token, init: json('POST', body, headers), as: 'anonymous' }];
  },
  'POST /api/v1/auth/logout': async () => {
    const someone = await signUpAndLogIn('contract-logout');
    const headers = { Authorization: `Bearer ${someone.accessToken}` };
    return [{ path: apiPaths.logout, init: { method: 'POST', headers }, as: 'anonymous' }];
  },
};

/** Checks one response against its operation's documented responses; returns its status. */
async function expectDocumented(operation: string, res: Response): Promise<number> {
  const [method = '', path = ''] = operation.split(' ');
  const documented = doc.paths[path]?.[method.toLowerCase()]?.responses[String(res.status)];
  const text = await res.text();
  expect(documented, `${operation} answered an undocumented ${res.status}: ${text}`).toBeDefined();
  if (!documented?.content) {
    expect(text, `${operation} ${res.status} has no documented body`).toBe('');
    return res.status;
  }
  const type = res.headers.get('Content-Type')?.split(';')[0] ?? '';
  const media = documented.content[type];
  expect(media, `${operation} ${res.status}: undocumented ${type}`).toBeDefined();
  const body: unknown = JSON.parse(text);
  const parsed = z.fromJSONSchema(media!.schema as never).safeParse(body);
  expect(parsed.error?.issues, `${operation} ${res.status} ${text}`).toBeUndefined();
  expect(undocumentedKeys(media!.schema, body), `${operation} ${res.status}`).toEqual([]);
  return res.status;
}

describe('contract: every documented operation answers as documented', () => {
  it('has calls for every documented operation', () => {
    const documented = Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(documented.sort()).toEqual(Object.keys(calls).sort());
  });

  it.each(Object.keys(calls))('%s', async (operation) => {
    const statuses: number[] = [];
    for (const call of await calls[operation]!()) {
      const res =
        call.as === 'anonymous'
          ? await api(call.path, call.init)
          : await user.call(call.path, call.init);
      statuses.push(await expectDocumented(operation, res));
    }
    // At least one call per operation must succeed, so success schemas are exercised.
    expect(
      statuses.some((status) => status < 400),
      `${operation}: ${statuses}`,
    ).toBe(true);
  });
});
