import SwaggerParser from '@apidevtools/swagger-parser';
import { apiPaths } from '@tasks/shared';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { api } from '../../test/api.ts';
import { uniqueEmail, uniqueIp } from '../../test/auth.ts';

// The seed's contract test: the seed's own workflow, sent exactly as the seed's clients send it
// (`Content-Type: application/json` on every request, bodyless ones too; a form sign-in; a
// lower-case priority), and every answer checked against `../shared/seed/openapi.yaml`: a status
// the seed documents for that operation, and a body its schemas and formats (uuid, email,
// date-time) accept. ajv compiles the seed's schemas here in workerd, next to the real worker:
// the test pool allows the code generation that deployed Workers forbid.

type SeedResponse = { content?: Record<string, { schema: object }> };
type SeedOperation = { responses: Record<string, SeedResponse> };
type SeedDocument = { paths: Record<string, Record<string, SeedOperation>> };
type Answer = { operation: string; status: number; type: string; text: string };

const ajv = new Ajv({ allErrors: true, strict: true });
addFormats(ajv);
ajv.addVocabulary(['example']); // an OpenAPI 3.0 annotation, not a JSON Schema keyword

let seed: SeedDocument;
let answers: Answer[];

beforeAll(async () => {
  const document = structuredClone(inject('seedOpenApi'));
  seed = (await SwaggerParser.dereference(document as never)) as unknown as SeedDocument;
  answers = await seedWorkflow();
});

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
async function seedWorkflow(): Promise<Answer[]> {
  const recorded: Answer[] = [];
  const send = async (operation: string, path: string, init: RequestInit) => {
    const res = await api(path, init);
    const type = res.headers.get('Content-Type')?.split(';')[0] ?? '';
    const answer = { operation, status: res.status, type, text: await res.text() };
    recorded.push(answer);
    return answer;
  };
  const ip = uniqueIp();
  const account = { email: uniqueEmail('seed'), password: 'SecurePass123' };
  await send('POST /api/v1/auth/signup', apiPaths.signup, seedJson('POST', ip, account));
  await send('POST /api/v1/auth/signup', apiPaths.signup, seedJson('POST', ip, account));
  const login = await send('POST /api/v1/auth/login', apiPaths.login, seedForm(ip, account));
  const wrong = { ...account, password: 'WrongPass123' };
  await send('POST /api/v1/auth/login', apiPaths.login, seedForm(ip, wrong));
  const token = (JSON.parse(login.text) as { access_token: string }).access_token;
  const as = (method: string, body?: unknown) => seedJson(method, ip, body, token);
  const anonymous = (method: string, body?: unknown) => seedJson(method, ip, body);

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
  await send('POST /api/v1/auth/logout', apiPaths.logout, as('POST'));
  return recorded;
}

const validators = new Map<object, ValidateFunction>();
function validatorFor(schema: object): ValidateFunction {
  let validate = validators.get(schema);
  if (!validate) validators.set(schema, (validate = ajv.compile(schema)));
  return validate;
}

/** One answer against the seed: a documented status, and a body its schema accepts. */
function expectConforms({ operation, status, type, text }: Answer) {
  const [method = '', path = ''] = operation.split(' ');
  const documented = seed.paths[path]?.[method.toLowerCase()]?.responses[String(status)];
  expect(
    documented,
    `${operation} answered ${status}, undocumented by the seed: ${text}`,
  ).toBeDefined();
  // Without `content` the seed describes no body for this answer (its errors, the logout).
  if (!documented?.content) return;
  const media = documented.content[type];
  expect(
    media,
    `${operation} ${status} answered ${type}, the seed documents another`,
  ).toBeDefined();
  const validate = validatorFor(media!.schema);
  validate(JSON.parse(text));
  expect(validate.errors ?? [], `${operation} ${status}: ${text}`).toEqual([]);
}

describe("the seed's contract (../shared/seed/openapi.yaml), as the seed's clients call it", () => {
  it('calls every operation the seed documents', () => {
    const documented = Object.entries(seed.paths).flatMap(([path, item]) =>
      Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect([...new Set(answers.map((answer) => answer.operation))].sort()).toEqual(
      documented.sort(),
    );
  });

  it('answers every call with a documented status and a body the seed schema accepts', () => {
    for (const answer of answers) expectConforms(answer);
  });

  it('succeeds at least once per operation, so every success schema is exercised', () => {
    const succeeded = new Set(answers.filter((a) => a.status < 400).map((a) => a.operation));
    expect([...succeeded].sort()).toEqual([...new Set(answers.map((a) => a.operation))].sort());
  });
});
