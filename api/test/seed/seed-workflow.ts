// The seed's own workflow, sent exactly as the seed's clients send it (`Content-Type:
// application/json` on every request, bodyless ones too; a form sign-in; a lower-case priority),
// and every answer checked against `../shared/seed/openapi.yaml`: a status the seed documents for
// that operation, and a body its schemas and formats (uuid, email, date-time) accept. Runs in
// workerd beside the worker (seed-contract.test.ts) and in Node against `npm run dev`
// (scripts/dev-seed.test.ts); the caller gives the fetch.
import SwaggerParser from '@apidevtools/swagger-parser';
import { apiPaths } from '@tasks/shared';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';

type SeedResponse = { content?: Record<string, { schema: object }> };
type SeedOperation = { responses: Record<string, SeedResponse> };
type SeedDocument = { paths: Record<string, Record<string, SeedOperation>> };
export type Answer = { operation: string; status: number; type: string; text: string };
export type Send = (path: string, init: RequestInit) => Promise<Response>;

/** A request as the seed's frontend and scripts build it: always the JSON content type. */
function seedJson(method: string, ip: string, body?: unknown, token?: string): RequestInit {
  const headers: Record<string, string> = {
    'Content-Type': 'application/json',
    'CF-Connecting-IP': ip,
  };
  if (token) headers.Authorization = `Bearer ${token}`;
  return { method, headers, body: body === undefined ? undefined : JSON.stringify(body) };
}

/** The seed scripts' sign-in: an urlencoded form. */
function seedForm(ip: string, fields: Record<string, string>): RequestInit {
  const headers = { 'Content-Type': 'application/x-www-form-urlencoded', 'CF-Connecting-IP': ip };
  return { method: 'POST', headers, body: new URLSearchParams(fields).toString() };
}

/** Sign up, sign in, then every task operation, its errors included; returns every answer. */
export async function seedWorkflow(fetchApi: Send, ip: string, email: string) {
  const recorded: Answer[] = [];
  const send = async (operation: string, path: string, init: RequestInit) => {
    const res = await fetchApi(path, init);
    const type = res.headers.get('Content-Type')?.split(';')[0] ?? '';
    const answer = { operation, status: res.status, type, text: await res.text() };
    recorded.push(answer);
    return answer;
  };
  const account = { email, password: 'SecurePass123' };
  await send('POST /api/v1/auth/signup', apiPaths.signup, seedJson('POST', ip, account));
  await send('POST /api/v1/auth/signup', apiPaths.signup, seedJson('POST', ip, account));
  const login = await send('POST /api/v1/auth/login', apiPaths.login, seedForm(ip, account));
  const wrong = { ...account, password: 'WrongPass123' };
  await send('POST /api/v1/auth/login', apiPaths.login, seedForm(ip, wrong));
  const token = (JSON.parse(login.text) as { access_token: string }).access_token;
  await taskOperations(send, {
    as: (method, body) => seedJson(method, ip, body, token),
    anonymous: (method, body) => seedJson(method, ip, body),
  });
  await send('POST /api/v1/auth/logout', apiPaths.logout, seedJson('POST', ip, undefined, token));
  return recorded;
}

type Requests = Record<'as' | 'anonymous', (method: string, body?: unknown) => RequestInit>;
type Recorder = (operation: string, path: string, init: RequestInit) => Promise<Answer>;

async function taskOperations(send: Recorder, { as, anonymous }: Requests) {
  const newTask = { title: 'Buy milk', description: 'Two litres', priority: 'high' };
  const created = await send('POST /api/v1/tasks', apiPaths.tasks, as('POST', newTask));
  await send('POST /api/v1/tasks', apiPaths.tasks, as('POST', { title: '' }));
  await send('POST /api/v1/tasks', apiPaths.tasks, anonymous('POST', newTask));
  await send('GET /api/v1/tasks', apiPaths.tasks, as('GET'));
  await send('GET /api/v1/tasks', apiPaths.tasks, anonymous('GET'));

  const { id } = JSON.parse(created.text) as { id: string };
  const missing = crypto.randomUUID();
  const one = 'GET /api/v1/tasks/{id}';
  await send(one, apiPaths.task(id), as('GET'));
  await send(one, apiPaths.task(missing), as('GET'));
  await send(one, apiPaths.task(id), anonymous('GET'));
  const update = { title: 'Buy oat milk', completed: false, priority: 'low' };
  await send('PUT /api/v1/tasks/{id}', apiPaths.task(id), as('PUT', update));
  await send('PUT /api/v1/tasks/{id}', apiPaths.task(id), as('PUT', { title: 'x'.repeat(201) }));
  await send('PUT /api/v1/tasks/{id}', apiPaths.task(missing), as('PUT', update));
  const toggle = 'PUT /api/v1/tasks/{id}/complete';
  await send(toggle, apiPaths.taskCompletion(id), as('PUT'));
  await send(toggle, apiPaths.taskCompletion(missing), as('PUT'));
  await send('DELETE /api/v1/tasks/{id}', apiPaths.task(id), as('DELETE'));
  await send('DELETE /api/v1/tasks/{id}', apiPaths.task(id), as('DELETE'));
}

/**
 * What the seed says of `answers`: every operation it documents that was not called, every answer
 * whose status or body it does not document, every operation that never succeeded. Empty: the
 * answers conform.
 */
export async function seedDisagreements(document: unknown, answers: Answer[]): Promise<string[]> {
  const seed = (await SwaggerParser.dereference(
    structuredClone(document) as never,
  )) as unknown as SeedDocument;
  const ajv = new Ajv({ allErrors: true, strict: true });
  addFormats(ajv);
  ajv.addVocabulary(['example']); // an OpenAPI 3.0 annotation, not a JSON Schema keyword
  const documented = Object.entries(seed.paths).flatMap(([path, item]) =>
    Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`),
  );
  const called = new Set(answers.map((answer) => answer.operation));
  const succeeded = new Set(answers.filter((a) => a.status < 400).map((a) => a.operation));
  return [
    ...documented.filter((op) => !called.has(op)).map((op) => `${op}: never called`),
    ...[...called].filter((op) => !succeeded.has(op)).map((op) => `${op}: never succeeded`),
    ...answers.flatMap((answer) => disagreement(seed, ajv, answer) ?? []),
  ];
}

/** One answer against the seed: a documented status, and a body its schema accepts. */
function disagreement(seed: SeedDocument, ajv: Ajv, answer: Answer): string | undefined {
  const { operation, status, type, text } = answer;
  const [method = '', path = ''] = operation.split(' ');
  const documented = seed.paths[path]?.[method.toLowerCase()]?.responses[String(status)];
  if (!documented) return `${operation} answered ${status}, undocumented by the seed: ${text}`;
  // Without `content` the seed describes no body for this answer (its errors, the logout).
  if (!documented.content) return undefined;
  const media = documented.content[type];
  if (!media) return `${operation} ${status} answered ${type}, the seed documents another`;
  const validate = ajv.compile(media.schema);
  if (validate(JSON.parse(text))) return undefined;
  return `${operation} ${status}: ${ajv.errorsText(validate.errors)} in ${text}`;
}
