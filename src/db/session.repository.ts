import type { Queryable } from './types.js';

export interface SessionRecord {
  /** The stored id: a hash of the token the browser holds, never the token itself. */
  id: string;
  orgId: string;
  userId: number;
  csrfToken: string;
  createdAt: Date;
  expiresAt: Date;
}

export async function createSession(
  db: Queryable,
  session: { id: string; orgId: string; userId: number; csrfToken: string; expiresAt: Date },
): Promise<void> {
  await db
    .insertInto('sessions')
    .values({
      id: session.id,
      org_id: session.orgId,
      user_id: session.userId,
      csrf_token: session.csrfToken,
      expires_at: session.expiresAt,
    })
    .execute();
}

/** A session that has not expired and whose user is still active. */
export async function getActiveSession(
  db: Queryable,
  id: string,
  now = new Date(),
): Promise<SessionRecord | undefined> {
  const row = await db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .select(['s.id', 's.org_id', 's.user_id', 's.csrf_token', 's.created_at', 's.expires_at'])
    .where('s.id', '=', id)
    .where('s.expires_at', '>', now)
    .where('u.active', '=', true)
    .executeTakeFirst();
  return row
    ? {
        id: row.id,
        orgId: row.org_id,
        userId: row.user_id,
        csrfToken: row.csrf_token,
        createdAt: row.created_at,
        expiresAt: row.expires_at,
      }
    : undefined;
}

export async function extendSession(db: Queryable, id: string, expiresAt: Date): Promise<void> {
  await db.updateTable('sessions').set({ expires_at: expiresAt }).where('id', '=', id).execute();
}

export async function deleteSession(db: Queryable, id: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', id).execute();
}

export async function deleteUserSessions(db: Queryable, userId: number): Promise<number> {
  const result = await db.deleteFrom('sessions').where('user_id', '=', userId).executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function deleteExpiredSessions(db: Queryable, now = new Date()): Promise<number> {
  const result = await db.deleteFrom('sessions').where('expires_at', '<=', now).executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function recordLoginAttempt(
  db: Queryable,
  attempt: { orgId: string | null; username: string; ip: string; ok: boolean; at?: Date },
): Promise<void> {
  await db
    .insertInto('login_attempts')
    .values({
      org_id: attempt.orgId,
      username: attempt.username,
      ip: attempt.ip,
      ok: attempt.ok,
      ...(attempt.at ? { at: attempt.at } : {}),
    })
    .execute();
}

/** Failed logins since `since` for a username or from an address (rate limiting). */
export async function countFailedLogins(
  db: Queryable,
  filter: { username?: string; ip?: string; since: Date },
): Promise<number> {
  let query = db
    .selectFrom('login_attempts')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('ok', '=', false)
    .where('at', '>=', filter.since);
  if (filter.username !== undefined) query = query.where('username', '=', filter.username);
  if (filter.ip !== undefined) query = query.where('ip', '=', filter.ip);
  const row = await query.executeTakeFirstOrThrow();
  return row.n;
}
