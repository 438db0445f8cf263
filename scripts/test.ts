// `npm test`: set the machine up (test-setup.ts), then the suites in turbo runs (decision 0028).
// The suites each start their own servers and browsers and leave about one core of two idle
// (waiting on sockets, browsers, start-ups). So, side by side: the lint and typecheck tasks (CPU
// bound, one at a time), the workerd suite then the bench smokes, and the web's build, the other
// suites one at a time, then the Pages e2e (three browsers at once) after them.
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

// WEB_BUILT=1: the web is built once, first (`build`), and the JS budget test, the Pages e2e and
// the bench smoke measure that build, not a copy. The suites that need it then run with `--only`
// (turbo would otherwise run their `build` dependency again, restoring its outputs from the cache
// under a suite that is reading them).
const built = { WEB_BUILT: '1' };
let markBuilt: (code: number) => void = () => {};
const webBuilt = new Promise<number>((resolve) => (markBuilt = resolve));

// The build, the other suites one at a time, then the Pages e2e (three browsers at once).
async function othersThenPages(): Promise<number> {
  const build = await turbo(['@tasks/web#build'], 1);
  markBuilt(build);
  if (build !== 0) return build;
  const others = await turbo(
    [
      'test:root',
      '@tasks/shared#test',
      '@tasks/api#test:dev',
      '@tasks/web#test:unit',
      '@tasks/web#test:e2e',
      '--only',
    ],
    1,
    built,
  );
  return Math.max(others, await turbo(['@tasks/web#test:e2e:prod', '--only'], 1, built));
}

// The workerd suite (the longest single one, about a core), then the bench and soak smokes, which
// so overlap the other suites instead of lengthening their chain (decision 0028).
async function workerThenBench(): Promise<number> {
  const worker = await turbo(['@tasks/api#test:worker'], 1);
  const build = await webBuilt;
  if (build !== 0) return Math.max(worker, build);
  return Math.max(worker, await turbo(['@tasks/bench#test', '--only'], 1, built));
}

const codes = await Promise.all([
  turbo(['lint:root', 'typecheck:root', 'lint', 'typecheck'], 1, {}, 15),
  workerThenBench(),
  othersThenPages(),
]);
process.exit(Math.max(...codes));
