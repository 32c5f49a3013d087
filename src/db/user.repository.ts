import type { RoleName, UserRow } from './schema.js';
import type { Queryable } from './types.js';

export interface NewUserInput {
  orgId: string;
  username: string;
  displayName: string;
  passwordHash: string;
  active?: boolean;
}

export async function createUser(db: Queryable, input: NewUserInput): Promise<UserRow> {
  return db
    .insertInto('users')
    .values({
      org_id: input.orgId,
      username: input.username,
      display_name: input.displayName,
      password_hash: input.passwordHash,
      ...(input.active !== undefined ? { active: input.active } : {}),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** `lock` 'update' (inside a transaction) holds the user's row until the transaction ends. */
export async function getUserById(db: Queryable, id: number, lock?: 'update'): Promise<UserRow | undefined> {
  const query = db.selectFrom('users').selectAll().where('id', '=', id);
  return (lock === 'update' ? query.forUpdate() : query).executeTakeFirst();
}

export async function getUserByUsername(
  db: Queryable,
  orgId: string,
  username: string,
): Promise<UserRow | undefined> {
  return db
    .selectFrom('users')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('username', '=', username)
    .executeTakeFirst();
}

/** Users with this username in any organisation (a login form without an organisation picker). */
export async function findUsersByUsername(db: Queryable, username: string): Promise<UserRow[]> {
  return db.selectFrom('users').selectAll().where('username', '=', username).orderBy('id').execute();
}

export async function listUsers(db: Queryable, orgId: string): Promise<UserRow[]> {
  return db.selectFrom('users').selectAll().where('org_id', '=', orgId).orderBy('username').execute();
}

export async function updateUser(
  db: Queryable,
  orgId: string,
  id: number,
  changes: { displayName?: string; passwordHash?: string; active?: boolean },
): Promise<UserRow | undefined> {
  return db
    .updateTable('users')
    .set({
      ...(changes.displayName !== undefined ? { display_name: changes.displayName } : {}),
      ...(changes.passwordHash !== undefined ? { password_hash: changes.passwordHash } : {}),
      ...(changes.active !== undefined ? { active: changes.active } : {}),
    })
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
}

export interface RoleGrant {
  orgId: string;
  userId: number;
  /** null = the whole organisation. */
  unitId: number | null;
  role: RoleName;
}

/** Grants a role; granting one the user already has changes nothing. */
export async function grantRole(db: Queryable, grant: RoleGrant): Promise<void> {
  await db
    .insertInto('user_roles')
    .values({ org_id: grant.orgId, user_id: grant.userId, unit_id: grant.unitId, role: grant.role })
    .onConflict((oc) => oc.doNothing())
    .execute();
}

export async function revokeRole(db: Queryable, grant: RoleGrant): Promise<boolean> {
  let query = db
    .deleteFrom('user_roles')
    .where('org_id', '=', grant.orgId)
    .where('user_id', '=', grant.userId)
    .where('role', '=', grant.role);
  query =
    grant.unitId === null ? query.where('unit_id', 'is', null) : query.where('unit_id', '=', grant.unitId);
  const result = await query.executeTakeFirst();
  return result.numDeletedRows > 0n;
}

export async function getUserRoles(db: Queryable, orgId: string, userId: number): Promise<RoleGrant[]> {
  const rows = await db
    .selectFrom('user_roles')
    .select(['org_id', 'user_id', 'unit_id', 'role'])
    .where('org_id', '=', orgId)
    .where('user_id', '=', userId)
    .orderBy('role')
    .orderBy('unit_id')
    .execute();
  return rows.map((r) => ({ orgId: r.org_id, userId: r.user_id, unitId: r.unit_id, role: r.role }));
}

/** Replaces every role the user holds in the organisation with `grants`. */
export async function replaceRoles(
  db: Queryable,
  orgId: string,
  userId: number,
  grants: ReadonlyArray<Omit<RoleGrant, 'orgId' | 'userId'>>,
): Promise<void> {
  await db.deleteFrom('user_roles').where('org_id', '=', orgId).where('user_id', '=', userId).execute();
  if (grants.length === 0) return;
  await db
    .insertInto('user_roles')
    .values(grants.map((g) => ({ org_id: orgId, user_id: userId, unit_id: g.unitId, role: g.role })))
    .execute();
}

/** Active users holding the admin role in the organisation (on any unit). */
export async function countActiveAdmins(db: Queryable, orgId: string): Promise<number> {
  const row = await db
    .selectFrom('user_roles as r')
    .innerJoin('users as u', 'u.id', 'r.user_id')
    .select((eb) => eb.fn.count<number>('u.id').distinct().as('n'))
    .where('r.org_id', '=', orgId)
    .where('r.role', '=', 'admin')
    .where('u.active', '=', true)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
