// `npm test`: set the machine up (test-setup.ts), then two turbo runs. Lint and typecheck are
// CPU-bound and independent: two at a time on a 2-core machine. The suites each start their own
// servers and browsers and use both cores: one at a time, so none times out starving another.
// Arguments go to both turbo runs (e.g. `npm test -- --summarize`); the exit code is the worst.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { QUIET_ENV, ROOT } from './stack.ts';
import './test-setup.ts';

const extra = process.argv.slice(2);

function turbo(tasks: string[], concurrency: number): number {
  const args = ['run', ...tasks, `--concurrency=${concurrency}`, '--continue', ...extra];
  const run = spawnSync(join(ROOT, 'node_modules', '.bin', 'turbo'), args, {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, ...QUIET_ENV },
  });
  return run.status ?? 1;
}

const checks = turbo(['lint:root', 'typecheck:root', 'lint', 'typecheck'], 2);
const suites = turbo(['test:root', 'test'], 1);
process.exit(Math.max(checks, suites));
