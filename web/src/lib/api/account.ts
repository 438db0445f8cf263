import type { ChangePasswordRequest } from '@tasks/shared';
import { apiPaths, MeSchema, SessionListSchema, SessionsEndedSchema } from 'virtual:contract';
import { authorized } from './session';

/** The signed-in devices of the account, the current one marked. */
export async function listSessions() {
  return (await authorized(apiPaths.sessions, { schema: SessionListSchema })).data.sessions;
}

/** Signs one device out. */
export async function endSession(id: string): Promise<void> {
  await authorized(apiPaths.session(id), { method: 'DELETE' });
}

/** Signs every other device out; answers how many sessions ended. */
export async function endOtherSessions(): Promise<number> {
  const { data } = await authorized(apiPaths.sessions, {
    method: 'DELETE',
    schema: SessionsEndedSchema,
  });
  return data.sessions_ended;
}

/** Changes the password; every other session ends. Never retried: a 429 is shown instead. */
export async function changePassword(body: ChangePasswordRequest): Promise<number> {
  const { data } = await authorized(apiPaths.password, {
    method: 'PUT',
    body,
    schema: SessionsEndedSchema,
    serverRetries: 0,
  });
  return data.sessions_ended;
}

/** Sets the user's zone (floating due dates and the Today and Upcoming views follow it). */
export async function setTimeZone(timeZone: string) {
  return (
    await authorized(apiPaths.me, {
      method: 'PATCH',
      body: { time_zone: timeZone },
      schema: MeSchema,
    })
  ).data;
}
