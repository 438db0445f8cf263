// Ctrl-C on `npm run dev`: a terminal sends SIGINT to the whole foreground process group. Sent the
// moment the web listens (the launcher is still waiting for its first answer then), it must leave
// no process of the stack and no port behind.
import { expect, it } from 'vitest';
import { descendants, interrupt, startDev, waitUntilListening } from './dev-run.test-helper.ts';

it('stops the database, the API and the web on SIGINT to its process group', async () => {
  const run = await startDev();
  await waitUntilListening(run.ports.WEB_PORT, 120_000);
  const stack = descendants(run.dev.pid!);
  expect(stack.some((p) => p.command.includes('workerd'))).toBe(true);
  expect(stack.some((p) => p.command.includes('vite'))).toBe(true);

  const left = await interrupt(run, stack);
  expect(left.busy).toEqual([]);
  expect(left.leftovers).toEqual([]);
}, 180_000);
