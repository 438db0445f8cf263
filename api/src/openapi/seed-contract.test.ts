import { beforeAll, describe, expect, inject, it } from 'vitest';
import { api } from '../../test/api.ts';
import { uniqueEmail, uniqueIp } from '../../test/auth.ts';
import { seedDisagreements, seedWorkflow, type Answer } from '../../test/seed/seed-workflow.ts';

// The seed's contract test, beside the real worker in workerd (test/seed/seed-workflow.ts says
// what it sends and checks). ajv compiles the seed's schemas here: the test pool allows the code
// generation that deployed Workers forbid. scripts/dev-seed.test.ts sends the same workflow to
// `npm run dev`.
describe("the seed's contract (../shared/seed/openapi.yaml), as the seed's clients call it", () => {
  // One run of the workflow: the checks read it, and the second test breaks copies of it.
  let answers: Answer[];
  beforeAll(async () => {
    answers = await seedWorkflow(api, uniqueIp(), uniqueEmail('seed'));
  });

  it('calls every operation, each succeeds once, every answer has a status and body the seed documents', async () => {
    expect(await seedDisagreements(inject('seedOpenApi'), answers)).toEqual([]);
  });

  it('finds a disagreement where there is one', async () => {
    const created = answers.find((a) => a.operation === 'POST /api/v1/tasks' && a.status === 201)!;
    const task = JSON.parse(created.text) as Record<string, unknown>;
    const broken = { ...created, text: JSON.stringify({ ...task, user_id: 'not-a-uuid' }) };
    const teapot = { ...created, status: 418 };
    const found = await seedDisagreements(inject('seedOpenApi'), [...answers, broken, teapot]);
    expect(found).toEqual([
      expect.stringContaining('POST /api/v1/tasks 201: data/user_id must match format "uuid"'),
      expect.stringContaining('POST /api/v1/tasks answered 418, undocumented by the seed'),
    ]);
  });
});
