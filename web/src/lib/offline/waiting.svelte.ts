/**
 * How many of the user's writes wait in the outbox for an answer, for the banner. Kept apart
 * from the IndexedDB code, which `/` loads only when it first writes or goes offline.
 */
// Online, a write waits only for its own answer: the count shows while offline, or while an
// earlier page's writes are sent again (`replaying`), not as a flash at every write.
export const outboxStatus = $state({ waiting: 0, replaying: false });
