import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import { recordAudit } from '../db/audit.repository.js';
import { lockOrganisation } from '../db/organisation.repository.js';
import { sessionAuthQuery } from '../db/queries/session-auth.query.js';
import type { Database, RoleName, UserRow } from '../db/schema.js';
import {
  countFailedLogins,
  createSession,
  deleteExpiredSessions,
  deleteSession,
  deleteUserSessions,
  recordLoginAttempt,
} from '../db/session.repository.js';
import type { Queryable } from '../db/types.js';
import { listUnits } from '../db/unit.repository.js';
import {
  countActiveAdmins,
  findUsersByUsername,
  getUserById,
  getUserByUsername,
  getUserRoles,
  grantRole,
  createUser as insertUser,
  listUsers,
  replaceRoles,
  updateUser,
} from '../db/user.repository.js';
import { AppError } from '../domain/errors.js';
import { type Auth, requireAccess } from './access.js';
import { hashPassword, verifyPassword } from './password.js';

/** Failed logins allowed per username and address within the window before 429. */
export const LOGIN_FAILURE_LIMIT = 5;
/** Failed logins allowed from one address, whatever the usernames, within the window. */
export const ADDRESS_FAILURE_LIMIT = 50;
export const LOGIN_WINDOW_MS = 15 * 60 * 1000;
export const SESSION_LIFETIME_MS = 12 * 60 * 60 * 1000;

export interface RoleView {
  role: RoleName;
  unitId: string | null;
  unitCode: string | null;
}

/** What the browser learns about its session (login and /api/auth/me). */
export interface SessionView {
  user: { id: string; username: string; displayName: string };
  orgId: string;
  roles: RoleView[];
  csrfToken: string;
}

export interface SignedIn {
  /** The cookie value; only its hash is stored. */
  token: string;
  expiresAt: Date;
  view: SessionView;
}

export interface CurrentSession {
  auth: Auth;
  sessionId: string;
  csrfToken: string;
  displayName: string;
}

/** Sessions are stored by the token's hash: a leaked sessions table does not let anyone sign in. */
export function sessionIdOf(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

// Verifying against a real-looking hash when the user does not exist keeps the timing the same.
let decoyHash: Promise<string> | undefined;

async function rolesOf(db: Queryable, orgId: string, userId: number): Promise<RoleView[]> {
  const [grants, units] = await Promise.all([getUserRoles(db, orgId, userId), listUnits(db, orgId)]);
  const codeOf = new Map(units.map((u) => [u.id, u.code]));
  return grants.map((g) => ({
    role: g.role,
    unitId: g.unitId === null ? null : String(g.unitId),
    unitCode: g.unitId === null ? null : (codeOf.get(g.unitId) ?? null),
  }));
}

async function viewOf(db: Kysely<Database>, user: UserRow, csrfToken: string): Promise<SessionView> {
  return {
    user: { id: String(user.id), username: user.username, displayName: user.display_name },
    orgId: user.org_id,
    roles: await rolesOf(db, user.org_id, user.id),
    csrfToken,
  };
}

async function findLoginUser(
  db: Kysely<Database>,
  orgId: string | undefined,
  username: string,
  password: string,
): Promise<UserRow | undefined> {
  const candidates = orgId
    ? [await getUserByUsername(db, orgId, username)].filter((u) => u !== undefined)
    : await findUsersByUsername(db, username);
  for (const user of candidates) {
    if (user.active && (await verifyPassword(password, user.password_hash))) return user;
  }
  if (candidates.length === 0) {
    decoyHash ??= hashPassword(randomBytes(16).toString('hex'));
    await verifyPassword(password, await decoyHash);
  }
  return undefined;
}

/**
 * Signs a user in with a local password. More than LOGIN_FAILURE_LIMIT failures for one username from
 * one address within 15 minutes refuse further tries with 429, even with the right password.
 */
export async function login(
  db: Kysely<Database>,
  input: { orgId?: string | undefined; username: string; password: string; ip: string },
  now = new Date(),
): Promise<SignedIn> {
  const username = input.username.trim();
  const failures = await countFailedLogins(db, {
    username,
    ip: input.ip,
    since: new Date(now.getTime() - LOGIN_WINDOW_MS),
  });
  if (failures >= LOGIN_FAILURE_LIMIT) {
    throw new AppError(
      'auth.rate_limited',
      'Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau 15 phút.',
      429,
      { retryAfterSeconds: LOGIN_WINDOW_MS / 1000 },
    );
  }
  // Many usernames tried from one address is password spraying: that address waits too.
  const fromAddress = await countFailedLogins(db, {
    ip: input.ip,
    since: new Date(now.getTime() - LOGIN_WINDOW_MS),
  });
  if (fromAddress >= ADDRESS_FAILURE_LIMIT) {
    throw new AppError(
      'auth.rate_limited',
      'Có quá nhiều lần đăng nhập sai từ địa chỉ này. Vui lòng thử lại sau 15 phút.',
      429,
      { retryAfterSeconds: LOGIN_WINDOW_MS / 1000 },
    );
  }
  const user = await findLoginUser(db, input.orgId, username, input.password);
  await recordLoginAttempt(db, {
    orgId: user?.org_id ?? null,
    username,
    ip: input.ip,
    ok: user !== undefined,
  });
  if (!user) {
    throw new AppError('auth.invalid', 'Tên đăng nhập hoặc mật khẩu không đúng.', 401);
  }
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const expiresAt = new Date(now.getTime() + SESSION_LIFETIME_MS);
  // Signing in is rare enough to sweep expired sessions here instead of running a scheduler.
  await deleteExpiredSessions(db, now);
  // A session is never open without its audit entry.
  await db.transaction().execute(async (trx) => {
    await createSession(trx, {
      id: sessionIdOf(token),
      orgId: user.org_id,
      userId: user.id,
      csrfToken,
      expiresAt,
    });
    await recordAudit(trx, {
      orgId: user.org_id,
      userId: user.id,
      action: 'auth.login',
      entity: 'user',
      entityId: user.id,
    });
  });
  return { token, expiresAt, view: await viewOf(db, user, csrfToken) };
}

/** The session a cookie names (one query), or undefined when it is unknown, expired or its user was deactivated. */
export async function currentSession(
  db: Kysely<Database>,
  token: string | undefined,
): Promise<CurrentSession | undefined> {
  if (!token) return undefined;
  const row = await sessionAuthQuery(db, sessionIdOf(token));
  if (!row) return undefined;
  return {
    sessionId: row.sessionId,
    csrfToken: row.csrfToken,
    displayName: row.displayName,
    auth: { db, orgId: row.orgId, userId: row.userId, username: row.username },
  };
}

/** What /api/auth/me answers: the user, their roles by unit and the session's CSRF token. */
export async function sessionView(db: Kysely<Database>, session: CurrentSession): Promise<SessionView> {
  const { auth } = session;
  return {
    user: { id: String(auth.userId), username: auth.username, displayName: session.displayName },
    orgId: auth.orgId,
    roles: await rolesOf(db, auth.orgId, auth.userId),
    csrfToken: session.csrfToken,
  };
}

/** Constant-time comparison of the CSRF header with the session's token. */
export function csrfMatches(expected: string, given: string | undefined): boolean {
  if (!given) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

export async function logout(db: Kysely<Database>, session: CurrentSession): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await deleteSession(trx, session.sessionId);
    await recordAudit(trx, {
      orgId: session.auth.orgId,
      userId: session.auth.userId,
      action: 'auth.logout',
      entity: 'user',
      entityId: session.auth.userId,
    });
  });
}

export interface UserView {
  id: string;
  username: string;
  displayName: string;
  active: boolean;
  roles: RoleView[];
}

export async function listOrganisationUsers(
  db: Kysely<Database>,
  auth: Auth,
  orgId: string,
): Promise<UserView[]> {
  await requireAccess(auth, 'org.admin', [orgId]);
  const users = await listUsers(db, orgId);
  return Promise.all(
    users.map(async (u) => ({
      id: String(u.id),
      username: u.username,
      displayName: u.display_name,
      active: u.active,
      roles: await rolesOf(db, orgId, u.id),
    })),
  );
}

/** Roles as a request names them (a unit by its code; none = the whole organisation) → grants by unit id. */
async function grantsOf(
  db: Queryable,
  orgId: string,
  roles: ReadonlyArray<{ role: RoleName; unitCode?: string | null | undefined }>,
): Promise<Array<{ role: RoleName; unitId: number | null }>> {
  const units = new Map((await listUnits(db, orgId)).map((u) => [u.code, u.id]));
  return roles.map((r) => {
    const unitId = r.unitCode ? units.get(r.unitCode) : null;
    if (unitId === undefined) {
      throw new AppError('unit.unknown', `Không tìm thấy đơn vị "${r.unitCode}".`, 400, {
        unitCode: r.unitCode,
      });
    }
    return { role: r.role, unitId };
  });
}

export interface NewUserRequest {
  username: string;
  displayName: string;
  password: string;
  roles: Array<{ role: RoleName; unitCode?: string | null | undefined }>;
}

/** Creates a local account with its roles (admin only), audited without the password. */
export async function createOrganisationUser(
  db: Kysely<Database>,
  auth: Auth,
  orgId: string,
  input: NewUserRequest,
): Promise<UserView> {
  await requireAccess(auth, 'org.admin', [orgId]);
  if (await getUserByUsername(db, orgId, input.username)) {
    throw new AppError('user.exists', `Tên đăng nhập "${input.username}" đã được dùng.`, 409);
  }
  const grants = await grantsOf(db, orgId, input.roles);
  const passwordHash = await hashPassword(input.password);
  const user = await db.transaction().execute(async (trx) => {
    const row = await insertUser(trx, {
      orgId,
      username: input.username,
      displayName: input.displayName,
      passwordHash,
    });
    for (const g of grants) await grantRole(trx, { orgId, userId: row.id, unitId: g.unitId, role: g.role });
    await recordAudit(trx, {
      orgId,
      userId: auth.userId,
      action: 'user.create',
      entity: 'user',
      entityId: row.id,
      after: { username: row.username, displayName: row.display_name, roles: input.roles },
    });
    return row;
  });
  return {
    id: String(user.id),
    username: user.username,
    displayName: user.display_name,
    active: user.active,
    roles: await rolesOf(db, orgId, user.id),
  };
}

export interface UserChanges {
  displayName?: string | undefined;
  active?: boolean | undefined;
  password?: string | undefined;
  /** Replaces every role the user holds with this one. */
  role?: RoleName | undefined;
  /** With `role`: the unit it applies to, by code; null or absent = the whole organisation. */
  unitCode?: string | null | undefined;
}

const isActiveAdmin = (active: boolean, roles: readonly { role: RoleName }[]) =>
  active && roles.some((r) => r.role === 'admin');

/**
 * Admin changes a user's name, activity, password or role. Deactivating or resetting the password ends the
 * user's sessions; an admin cannot deactivate their own account (nobody would be left to undo it). A new
 * role replaces all the user's grants and open sessions act with it from their next request (every request
 * reads the roles from user_roles). No change may leave the organisation without an active administrator.
 */
export async function updateOrganisationUser(
  db: Kysely<Database>,
  auth: Auth,
  orgId: string,
  userId: number,
  changes: UserChanges,
): Promise<UserView> {
  await requireAccess(auth, 'org.admin', [orgId]);
  if (changes.unitCode !== undefined && changes.role === undefined) {
    throw new AppError(
      'user.unit_without_role',
      'Đơn vị (trường "unitCode") chỉ được đổi cùng với vai trò (trường "role").',
      400,
    );
  }
  if (changes.active === false && userId === auth.userId) {
    throw new AppError('user.self', 'Không thể tự khóa tài khoản của chính mình.', 409);
  }
  // Hashed before the transaction: scrypt is slow and must not hold the user's row lock.
  const passwordHash = changes.password === undefined ? undefined : await hashPassword(changes.password);
  const mayRemoveAdmin = changes.active === false || (changes.role !== undefined && changes.role !== 'admin');
  const updated = await db.transaction().execute(async (trx) => {
    // Two admins demoting or locking each other at once would each still count the other: such changes
    // take the organisation's lock first, so the second one sees the first one's outcome.
    if (mayRemoveAdmin) await lockOrganisation(trx, orgId);
    // Read under the row lock: the audit's "before" is what this change replaces, even with a concurrent edit.
    const current = await loadUser(trx, orgId, userId, 'update');
    const rolesBefore = await rolesOf(trx, orgId, userId);
    const grants =
      changes.role === undefined
        ? undefined
        : await grantsOf(trx, orgId, [{ role: changes.role, unitCode: changes.unitCode }]);
    const columns = {
      ...(changes.displayName !== undefined ? { displayName: changes.displayName } : {}),
      ...(changes.active !== undefined ? { active: changes.active } : {}),
      ...(passwordHash !== undefined ? { passwordHash } : {}),
    };
    // A change of role alone updates no column of the user (an empty SET is no SQL).
    const row = Object.keys(columns).length > 0 ? await updateUser(trx, orgId, userId, columns) : current;
    if (grants) await replaceRoles(trx, orgId, userId, grants);
    if (
      isActiveAdmin(current.active, rolesBefore) &&
      !isActiveAdmin(changes.active ?? current.active, grants ?? rolesBefore) &&
      (await countActiveAdmins(trx, orgId)) === 0
    ) {
      const what =
        grants && !isActiveAdmin(true, grants)
          ? `bỏ vai trò Quản trị của "${current.username}"`
          : `khóa tài khoản "${current.username}"`;
      throw new AppError(
        'user.last_admin',
        `Không thể ${what}: đây là quản trị viên cuối cùng còn hoạt động của cơ quan. Hãy giao vai trò Quản trị cho một người dùng khác trước.`,
        409,
        { userId: String(userId) },
      );
    }
    if (changes.active === false || passwordHash !== undefined) await deleteUserSessions(trx, userId);
    const rolesNamed = (roles: readonly RoleView[]) =>
      roles.map((r) => ({ role: r.role, unitCode: r.unitCode }));
    await recordAudit(trx, {
      orgId,
      userId: auth.userId,
      action: 'user.update',
      entity: 'user',
      entityId: userId,
      before: { displayName: current.display_name, active: current.active, roles: rolesNamed(rolesBefore) },
      after: {
        ...(changes.displayName !== undefined ? { displayName: changes.displayName } : {}),
        ...(changes.active !== undefined ? { active: changes.active } : {}),
        ...(passwordHash !== undefined ? { password: 'đã đặt lại' } : {}),
        ...(grants ? { roles: rolesNamed(await rolesOf(trx, orgId, userId)) } : {}),
      },
    });
    return row ?? current;
  });
  return {
    id: String(updated.id),
    username: updated.username,
    displayName: updated.display_name,
    active: updated.active,
    roles: await rolesOf(db, orgId, updated.id),
  };
}

async function loadUser(db: Queryable, orgId: string, userId: number, lock?: 'update'): Promise<UserRow> {
  const user = await getUserById(db, userId, lock);
  if (!user || user.org_id !== orgId) {
    throw new AppError('user.unknown', `Không tìm thấy người dùng số ${userId}.`, 404);
  }
  return user;
}
