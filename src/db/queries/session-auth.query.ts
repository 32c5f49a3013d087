import type { Queryable } from '../types.js';

export interface SessionAuthRow {
  sessionId: string;
  orgId: string;
  userId: number;
  username: string;
  displayName: string;
  csrfToken: string;
}

/**
 * Everything a request needs from its session in one round trip: the session (not expired) and its
 * user (still active). Runs on every API request, so it stays a single indexed lookup.
 */
export async function sessionAuthQuery(
  db: Queryable,
  sessionId: string,
  now = new Date(),
): Promise<SessionAuthRow | undefined> {
  return db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .select([
      's.id as sessionId',
      's.org_id as orgId',
      'u.id as userId',
      'u.username',
      'u.display_name as displayName',
      's.csrf_token as csrfToken',
    ])
    .where('s.id', '=', sessionId)
    .where('s.expires_at', '>', now)
    .where('u.active', '=', true)
    .executeTakeFirst();
}
