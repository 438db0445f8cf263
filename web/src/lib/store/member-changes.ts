import type { Change, Member } from '@tasks/shared';

/**
 * A list's members after one membership change of the feed (id `list_id:user_id`): added,
 * changed (a new role) or removed.
 */
export function withMemberChange(members: Member[], change: Change): Member[] {
  const userId = change.id.split(':')[1];
  if (change.op === 'delete') return members.filter((member) => member.user_id !== userId);
  if (change.entity !== 'membership') return members;
  const { list_id: _list, ...member } = change.data;
  const index = members.findIndex((item) => item.user_id === userId);
  return index < 0 ? [...members, member] : members.with(index, member);
}
