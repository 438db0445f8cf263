import { apiPaths, TaskSchema, type Task } from '@tasks/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import { api, json } from '../../../test/api.ts';
import { errorPaths, expectProblem } from '../../../test/problem.ts';
import { newUser, type TestUser } from '../../../test/users.ts';

// The seed's clients send enum values in their own letter case (`"priority": "high"`).
describe('enum inputs in any letter case, answers canonical', () => {
  let user: TestUser;
  beforeAll(async () => {
    user = await newUser('enum-case');
  });

  async function create(body: unknown): Promise<Task> {
    const res = await user.call(apiPaths.tasks, json('POST', body));
    expect(res.status, await res.clone().text()).toBe(201);
    return TaskSchema.parse(await res.json());
  }

  it('accepts a lower-case priority in a create and an update, and returns it canonical', async () => {
    const task = await create({ title: 'seed style', priority: 'high' });
    expect(task.priority).toBe('High');
    const res = await user.call(apiPaths.task(task.id), json('PUT', { priority: 'LOW' }));
    expect(TaskSchema.parse(await res.json()).priority).toBe('Low');
  });

  it('accepts status, priority, sort and order of the list query in any case', async () => {
    const high = await create({ title: 'a high one', priority: 'High' });
    await create({ title: 'a low one', priority: 'low' });
    const res = await user.call(
      `${apiPaths.tasks}?status=PENDING&priority=hIGH&sort=Priority&order=ASC`,
    );
    expect(res.status, await res.clone().text()).toBe(200);
    const page = (await res.json()) as { items?: Task[] } | Task[];
    const items = Array.isArray(page) ? page : (page.items ?? []);
    expect(items.map((task) => task.id)).toContain(high.id);
    expect(new Set(items.map((task) => task.priority))).toEqual(new Set(['High']));
  });

  it('accepts a bulk action and the clear status in any case', async () => {
    const task = await create({ title: 'bulk me' });
    const bulk = await user.call(
      apiPaths.tasksBulk,
      json('POST', { action: 'Complete', ids: [task.id] }),
    );
    expect(bulk.status, await bulk.clone().text()).toBe(200);
    expect(await bulk.json()).toMatchObject({ updated: [task.id] });
    const clear = await user.call(`${apiPaths.tasks}?status=Completed`, { method: 'DELETE' });
    expect(clear.status, await clear.clone().text()).toBe(200);
  });

  it('still refuses a value that is no enum member, naming the field', async () => {
    const res = await user.call(apiPaths.tasks, json('POST', { title: 'x', priority: 'urgent' }));
    expect(errorPaths(await expectProblem(res, 400))).toEqual(['priority']);
    const list = await user.call(`${apiPaths.tasks}?sort=size`);
    expect(errorPaths(await expectProblem(list, 400))).toEqual(['sort']);
  });

  it('documents the canonical values only', async () => {
    type Schema = { enum?: string[]; properties?: Record<string, unknown> };
    const document = (await (await api(apiPaths.openapi)).json()) as {
      components: { schemas: Record<string, Schema> };
      paths: Record<string, { get: { parameters: { name: string; schema: Schema }[] } }>;
    };
    const { schemas } = document.components;
    expect(JSON.stringify(schemas.TaskCreate?.properties?.priority)).toContain(
      '"#/components/schemas/Priority"',
    );
    expect(schemas.Priority?.enum).toEqual(['High', 'Medium', 'Low']);
    const parameters = document.paths[apiPaths.tasks]!.get.parameters;
    const order = parameters.find((parameter) => parameter.name === 'order');
    expect(order?.schema.enum).toEqual(['asc', 'desc']);
  });
});
