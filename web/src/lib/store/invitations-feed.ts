import type { Change, Invitation } from '@tasks/shared';

/**
 * The invitations addressed to the user (the banner's) after the feed's invitation changes, or
 * undefined when none of them touches the banner. The feed also tells a list's owner of the
 * invitations they sent: those are for lists the user is a member of (`isMember`), never the
 * banner's. An invitation answered, revoked or gone leaves the banner.
 */
export function applyInvitationChanges(
  shown: Invitation[],
  changes: Change[],
  isMember: (listId: string) => boolean,
): Invitation[] | undefined {
  let next = shown;
  for (const change of changes) {
    if (change.entity !== 'invitation') continue;
    const others = next.filter((item) => item.id !== change.id);
    const addressed =
      change.op === 'upsert' && change.data.status === 'pending' && !isMember(change.data.list_id);
    if (change.op === 'upsert' && addressed) {
      const index = next.findIndex((item) => item.id === change.id);
      next = index < 0 ? [...next, change.data] : next.with(index, change.data);
    } else if (others.length !== next.length) next = others;
  }
  return next === shown ? undefined : next;
}
