// Types of the build-time projection of `@tasks/shared` (see vite/contract-plugin.ts): the same
// names, with every zod schema replaced by the JSON Schema of what it accepts.
declare module 'virtual:contract' {
  import type * as Shared from '@tasks/shared';
  import type { Contract } from '$lib/contract/json-schema';

  export const API_PREFIX: typeof Shared.API_PREFIX;
  export const apiPaths: typeof Shared.apiPaths;
  export const decodeChangeCursor: typeof Shared.decodeChangeCursor;
  export const compareChangeCursors: typeof Shared.compareChangeCursors;
  export const ChangePageSchema: Contract<Shared.ChangePage>;
  export const LiveTicketSchema: Contract<{ ticket: string }>;
  export const LivePokeSchema: Contract<Shared.LivePoke>;
  export const normalizeTag: typeof Shared.normalizeTag;
  export const parseTags: typeof Shared.parseTags;
  export const SORT_ORDERS: typeof Shared.SORT_ORDERS;
  export const TAG_COUNTS_MAX: typeof Shared.TAG_COUNTS_MAX;
  export const LIST_LIMIT_MAX: typeof Shared.LIST_LIMIT_MAX;
  export const BULK_IDS_MAX: typeof Shared.BULK_IDS_MAX;
  export const PRIORITIES: typeof Shared.PRIORITIES;
  export const TASK_SORT_KEYS: typeof Shared.TASK_SORT_KEYS;
  export const TASK_STATUSES: typeof Shared.TASK_STATUSES;
  export const TITLE_MAX: typeof Shared.TITLE_MAX;
  export const DESCRIPTION_MAX: typeof Shared.DESCRIPTION_MAX;
  export const TAG_MAX: typeof Shared.TAG_MAX;
  export const TAGS_MAX: typeof Shared.TAGS_MAX;
  export const LIST_LIMIT_DEFAULT: typeof Shared.LIST_LIMIT_DEFAULT;
  export const PROBLEM_CONTENT_TYPE: typeof Shared.PROBLEM_CONTENT_TYPE;
  export const TASK_VIEWS: typeof Shared.TASK_VIEWS;
  export const UPCOMING_DAYS: typeof Shared.UPCOMING_DAYS;
  export const LIST_COLORS: typeof Shared.LIST_COLORS;
  export const LIST_ROLES: typeof Shared.LIST_ROLES;
  export const LIST_NAME_MAX: typeof Shared.LIST_NAME_MAX;
  export const SHARE_ROLES: typeof Shared.SHARE_ROLES;

  export const HealthSchema: Contract<Shared.Health>;
  export const ProblemSchema: Contract<Shared.Problem>;
  export const AccessTokenSchema: Contract<Shared.AccessToken>;
  export const MeSchema: Contract<Shared.Me>;
  export const LoginResponseSchema: Contract<Shared.LoginResponse>;
  export const SignupResponseSchema: Contract<Shared.SignupResponse>;
  export const SessionListSchema: Contract<Shared.SessionList>;
  export const SessionsEndedSchema: Contract<Shared.SessionsEnded>;
  export const TaskSchema: Contract<Shared.Task>;
  export const TaskHistorySchema: Contract<Shared.TaskHistoryItem[]>;
  export const TagCountSchema: Contract<Shared.TagCount>;
  export const TaskCountsSchema: Contract<Shared.TaskCounts>;
  export const BulkResultSchema: Contract<Shared.BulkResult>;
  export const ClearedSchema: Contract<Shared.Cleared>;
  export const ListSchema: Contract<Shared.List>;
  export const ListPageSchema: Contract<{ data: Shared.List[] }>;
  export const MemberSchema: Contract<Shared.Member>;
  export const MemberPageSchema: Contract<Shared.MemberPage>;
  export const InvitationSchema: Contract<Shared.Invitation>;
  export const InvitationPageSchema: Contract<Shared.InvitationPage>;
  export const UpcomingRemindersSchema: Contract<{ reminders: Shared.UpcomingReminder[] }>;
  export const VapidPublicKeySchema: Contract<{ public_key: string }>;
  export const REMINDER_PRESETS: typeof Shared.REMINDER_PRESETS;
  export const REMINDERS_MAX: typeof Shared.REMINDERS_MAX;
  export const BEFORE_MINUTES_MAX: typeof Shared.BEFORE_MINUTES_MAX;
  export const urgencyLine: typeof Shared.urgencyLine;
  export const base64UrlBytes: typeof Shared.base64UrlBytes;
  export type PushSubscriptionInput = Shared.PushSubscriptionInput;
}
