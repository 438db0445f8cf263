// The seed's workflow as the seed's clients send it, against `npm run dev` (the API under wrangler
// dev, the local Neon server): every answer must be one ../shared/seed/openapi.yaml documents
// (api/test/seed/seed-workflow.ts). Then Ctrl-C, after use this time, must free every port.
import { randomUUID } from 'node:crypto';
import { apiPaths } from '@tasks/shared';
import { expect, it } from 'vitest';
import { seedOpenApi } from '../api/test/seed/seed-document.ts';
import { seedDisagreements, seedWorkflow } from '../api/test/seed/seed-workflow.ts';
import { descendants, interrupt, startDev } from './dev-run.test-helper.ts';
import { waitForUrl } from './stack.ts';

it("answers the seed's workflow as the seed documents, then stops on SIGINT", async () => {
  const run = await startDev();
  const origin = `http://127.0.0.1:${run.ports.API_PORT}`;
  await waitForUrl(origin + apiPaths.health, 120_000, { ok: true });
  const stack = descendants(run.dev.pid!);
  const send = (path: string, init: RequestInit) => fetch(origin + path, init);
  const answers = await seedWorkflow(send, '10.9.8.7', `seed-dev-${randomUUID()}@example.test`);
  expect(await seedDisagreements(seedOpenApi(), answers)).toEqual([]);

  const left = await interrupt(run, stack);
  expect(left.busy).toEqual([]);
  expect(left.leftovers).toEqual([]);
}, 180_000);
