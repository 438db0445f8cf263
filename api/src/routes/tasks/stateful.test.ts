import { apiPaths, TaskListQuerySchema, type Task } from '@tasks/shared';
import { json } from '../../../test/api.ts';
import fc from 'fast-check';
import { beforeAll, expect, it } from 'vitest';
import { countsOf, readCounts } from '../../../test/counts.ts';
import { listAll, postTask } from '../../../test/tasks.ts';
import { newUser, type TestUser } from '../../../test/users.ts';
import {
  CreateCommand,
  DeleteCommand,
  GetCommand,
  SetCompletionCommand,
  ToggleCommand,
  UpdateCommand,
} from '../../../test/stateful-commands.ts';
import { CountsCommand } from '../../../test/stateful-counts-command.ts';
import { BulkCommand, ClearCommand, ListCommand } from '../../../test/stateful-list-commands.ts';
import type { Model, Real } from '../../../test/stateful-model.ts';

// A stateful property: random sequences of create/update/toggle/delete/list/bulk run against the
// API and an in-memory model; after each step the API must agree with the model (its counts too). Meanwhile a
// second user's tasks (whose ids the bulk command also tries) must stay exactly as they were.

let alice: TestUser;
let bob: TestUser;
let bobTasks: Task[];

/** Every run starts from an empty task list (signing up a user per run would cost more). */
async function wipeTasks(user: TestUser) {
  const ids = (await listAll(user)).map((task) => task.id);
  if (ids.length) await user.call(apiPaths.tasksBulk, json('POST', { action: 'delete', ids }));
}

beforeAll(async () => {
  [alice, bob] = await Promise.all([newUser('model-alice'), newUser('model-bob')]);
  await postTask(bob, { title: 'bob1', tags: ['a'] });
  await postTask(bob, { title: 'bob2', completed: true, priority: 'High' });
  bobTasks = await listAll(bob);
});

const pick = fc.nat();
const title = fc.stringMatching(/^[A-Za-z0-9]{1,12}$/);
const tags = fc.uniqueArray(fc.constantFrom('a', 'B', 'c', 'D'), { maxLength: 3 });
const dueAt = fc.option(
  fc
    .integer({ min: 1_700_000_000_000, max: 1_900_000_000_000 })
    .map((ms) => new Date(ms).toISOString()),
);
const priority = fc.constantFrom('High' as const, 'Medium' as const, 'Low' as const);
const changes = fc.record(
  {
    title,
    description: fc.constantFrom('', 'note', 'Draft report'),
    completed: fc.boolean(),
    priority,
    due_at: dueAt,
    tags,
  },
  { requiredKeys: [] },
);

const commands = [
  fc
    .record(
      { title, completed: fc.boolean(), priority, due_at: dueAt, tags },
      { requiredKeys: ['title'] },
    )
    .map((body) => new CreateCommand(body)),
  fc
    .tuple(pick, changes, fc.constantFrom('none' as const, 'current' as const, 'stale' as const))
    .map(([i, c, precondition]) => new UpdateCommand(i, c, precondition)),
  pick.map((i) => new ToggleCommand(i)),
  fc
    .tuple(pick, fc.boolean(), fc.constantFrom('PUT' as const, 'POST' as const))
    .map(([i, completed, method]) => new SetCompletionCommand(i, completed, method)),
  pick.map((i) => new DeleteCommand(i)),
  pick.map((i) => new GetCommand(i)),
  fc
    .record(
      {
        status: fc.constantFrom('all', 'pending', 'completed'),
        sort: fc.constantFrom('created_at', 'updated_at', 'due_at', 'priority', 'title'),
        order: fc.constantFrom('asc', 'desc'),
        limit: fc.integer({ min: 1, max: 4 }),
        tag: fc.constantFrom('a', 'c'),
        q: fc.constantFrom('a', 'report', '1'),
      },
      { requiredKeys: ['status', 'sort', 'order', 'limit'] },
    )
    .map((params) => new ListCommand(TaskListQuerySchema.parse(params), params)),
  fc
    .tuple(
      fc.constantFrom('complete' as const, 'reopen' as const, 'delete' as const),
      fc.array(pick, { maxLength: 4 }),
      fc.boolean(),
    )
    .map(([action, picks, withForeign]) => new BulkCommand(action, picks, withForeign)),
  fc.constant(new ClearCommand()),
  fc.constant(new CountsCommand()),
];

it('agrees with an in-memory model under random command sequences', async () => {
  await fc.assert(
    fc.asyncProperty(fc.commands(commands, { maxCommands: 25 }), async (cmds) => {
      await wipeTasks(alice);
      const setup = () => ({
        model: { tasks: new Map() } satisfies Model,
        real: { user: alice, foreignIds: bobTasks.map((task) => task.id) } satisfies Real,
      });
      await fc.asyncModelRun(setup, cmds);
      expect(await listAll(bob)).toEqual(bobTasks);
      expect(await readCounts(bob)).toEqual(countsOf(bobTasks));
    }),
    { numRuns: 25 },
  );
}, 120_000);
