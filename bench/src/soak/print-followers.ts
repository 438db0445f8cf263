// The followers' part of the soak's summary.
import type { FollowerVerdict } from './followers.ts';

export function printFollowers(followers: FollowerVerdict, print: (line: string) => void): void {
  const ok = (good: boolean) => (good ? 'ok' : 'FAIL');
  print(
    `Followers: ${followers.followers} (feed only), ${followers.checked} tasks held checked, ` +
      `${followers.pokes} pokes, ${followers.pulls} pulls, ${followers.connections} socket connections, ` +
      `${followers.sharedListWrites} shared-list writes`,
  );
  print(`  missed:          ${followers.missed}  ${ok(followers.missed === 0)}`);
  print(`  duplicated:      ${followers.duplicated}  ${ok(followers.duplicated === 0)}`);
  print(`  list writes lost: ${followers.lost}  ${ok(followers.lost === 0)}`);
  print(`  pull failures:   ${followers.failures.length}  ${ok(followers.failures.length === 0)}`);
  for (const failure of followers.failures.slice(0, 5)) print(`    ${failure}`);
}
