// `npm test`: set the machine up (test-setup.ts), then the suites in turbo runs (decision 0028).
// The suites each start their own servers and browsers and leave about one core of two idle
// (waiting on sockets, browsers, start-ups). So, side by side: the lint and typecheck tasks (CPU
// bound, one at a time), the workerd suite (one import-bound process), and the other suites one
// at a time, then the Pages e2e (three browsers at once) after them.
// Arguments go to every turbo run (e.g. `npm test -- --summarize`); the exit code is the worst.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { QUIET_ENV, ROOT } from './stack.ts';
import './test-setup.ts';

const extra = process.argv.slice(2);

// `niceness` > 0 runs the tasks at a lower CPU priority: the checks have no timeouts to miss, so
// they take what the suites leave, and the workerd suite (the longest) is not slowed by them.
function turbo(tasks: string[], concurrency: number, env: NodeJS.ProcessEnv = {}, niceness = 0) {
  const turboBin = join(ROOT, 'node_modules', '.bin', 'turbo');
  const args = ['run', ...tasks, `--concurrency=${concurrency}`, '--continue', ...extra];
  const [command, argv] =
    niceness > 0 ? ['nice', ['-n', String(niceness), turboBin, ...args]] : [turboBin, args];
  const run = spawn(command, argv, {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, ...QUIET_ENV, ...env },
  });
  return new Promise<number>((resolve) => {
    run.on('error', () => resolve(1));
    run.on('close', (code) => resolve(code ?? 1));
  });
}

// WEB_BUILT=1: turbo builds the web (`build`, a dependency of web's and bench's tests) earlier in
// this same run, so the web's JS budget test and its Pages e2e measure that build, not a copy.
const built = { WEB_BUILT: '1' };
// The other suites, then the Pages e2e: it starts once they are done, while the workerd suite (the
// longest, about a core) still runs, so the two longest overlap only at the end.
async function othersThenPages(): Promise<number> {
  const others = await turbo(
    [
      'test:root',
      '@tasks/shared#test',
      '@tasks/api#test:dev',
      '@tasks/web#test:unit',
      '@tasks/bench#test',
      '@tasks/web#test:e2e',
    ],
    1,
    built,
  );
  return Math.max(others, await turbo(['@tasks/web#test:e2e:prod'], 1, built));
}
const codes = await Promise.all([
  turbo(['lint:root', 'typecheck:root', 'lint', 'typecheck'], 1, {}, 15),
  turbo(['@tasks/api#test:worker'], 1),
  othersThenPages(),
]);
process.exit(Math.max(...codes));
