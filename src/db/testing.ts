import { createHash, randomBytes } from 'node:crypto';
import { readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, beforeEach } from 'node:test';
import { fileURLToPath } from 'node:url';
import { type Kysely, sql, type Transaction } from 'kysely';
import pg from 'pg';
import { CatalogueSchema, type Indicator } from '../domain/indicator.js';
import { parsePeriod, periodId, planPeriodOf, reportKindOf } from '../domain/period.js';
import type { ReportItem, ReportSection } from '../domain/report-document.js';
import {
  createPglite,
  type DatabaseHandle,
  type EngineName,
  kyselyOnPglite,
  openDatabase,
} from './engine.js';
import { upsertIndicators } from './indicator.repository.js';
import { loadMigrations, runMigrations } from './migrate.js';
import { createOrganisation } from './organisation.repository.js';
import type { NewReportInput } from './report.repository.js';
import type { Database, UserRow } from './schema.js';
import { createUser, grantRole } from './user.repository.js';

/**
 * Engines the database tests run on: env BAOCAO_TEST_ENGINES ("pglite,postgres"), else PGlite always
 * plus PostgreSQL when DATABASE_URL is set. Use as `for (const engine of testEngines()) describe(engine, ...)`.
 */
export function testEngines(): EngineName[] {
  const listed = process.env.BAOCAO_TEST_ENGINES;
  if (listed) {
    const engines = listed.split(',').map((name) => name.trim());
    for (const name of engines) {
      if (name !== 'pglite' && name !== 'postgres')
        throw new Error(`BAOCAO_TEST_ENGINES: unknown engine ${name}`);
    }
    return engines as EngineName[];
  }
  return process.env.DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];
}

let pgliteTemplate: Promise<Blob> | undefined;

/** A cached data folder only loads into the PGlite build that wrote it. */
async function pgliteVersion(): Promise<string> {
  const entry = fileURLToPath(import.meta.resolve('@electric-sql/pglite'));
  const manifest = JSON.parse(await readFile(join(dirname(entry), '..', 'package.json'), 'utf8')) as {
    version: string;
  };
  return manifest.version;
}

/**
 * A migrated, empty PGlite data folder as a tarball. Migrating a fresh PGlite takes seconds, so the result is
 * cached in the OS temp folder, keyed by the migrations' content, and shared by every test process.
 */
function migratedPgliteTemplate(): Promise<Blob> {
  pgliteTemplate ??= (async () => {
    const migrations = await loadMigrations();
    const hash = createHash('sha256').update(await pgliteVersion());
    for (const m of migrations) hash.update(m.version).update('\0').update(m.sql);
    const file = join(tmpdir(), `baocao-pglite-template-${hash.digest('hex').slice(0, 16)}.tar`);
    try {
      return new Blob([await readFile(file)]);
    } catch {
      const pglite = await createPglite('memory://');
      const db = kyselyOnPglite(pglite);
      await runMigrations(db, migrations);
      const dump = await pglite.dumpDataDir('none');
      await db.destroy();
      // Write then rename: a parallel test process never reads a half-written template.
      const partial = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
      await writeFile(partial, Buffer.from(await dump.arrayBuffer()));
      await rename(partial, file);
      await removeStaleTemplates(file);
      return dump;
    }
  })();
  return pgliteTemplate;
}

/** Templates of older migrations or PGlite builds are 40 MB each: keep only the current one. */
async function removeStaleTemplates(current: string): Promise<void> {
  const names = await readdir(tmpdir());
  const stale = names.filter(
    (n) => /^baocao-pglite-template-[0-9a-f]{16}\.tar$/.test(n) && join(tmpdir(), n) !== current,
  );
  await Promise.all(stale.map((n) => rm(join(tmpdir(), n), { force: true })));
}

function databaseUrlWithName(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

async function withAdminClient<T>(url: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/**
 * An isolated, migrated, empty database for one test file. PGlite: an in-memory copy of a migrated
 * template. PostgreSQL: a new database `baocao_test_<random>` on the DATABASE_URL server, dropped on close.
 */
export async function createTestDatabase(engine: EngineName): Promise<DatabaseHandle> {
  if (engine === 'pglite') {
    const db = kyselyOnPglite(await createPglite('memory://', await migratedPgliteTemplate()));
    return { db, engine, close: () => db.destroy() };
  }
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) throw new Error('createTestDatabase("postgres") needs DATABASE_URL');
  const name = `baocao_test_${randomBytes(6).toString('hex')}`;
  await withAdminClient(serverUrl, (client) => client.query(`CREATE DATABASE ${name}`));
  const handle = await openDatabase({ databaseUrl: databaseUrlWithName(serverUrl, name) });
  return {
    db: handle.db,
    engine,
    async close() {
      await handle.close();
      await withAdminClient(serverUrl, (client) =>
        client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
      );
    },
  };
}

/** A few real catalogue indicators of each shape (count, stock, money, percentage) for storage tests. */
export const TEST_INDICATORS: Indicator[] = CatalogueSchema.parse([
  {
    code: 'ioffice.docs_sent',
    name: 'Số văn bản đi trên hệ thống iOffice',
    unit: 'văn bản',
    section: 'cntt',
    kind: 'flow',
    required: true,
  },
  {
    code: 'ioffice.docs_signed',
    name: 'Số văn bản đi được ký số',
    unit: 'văn bản',
    section: 'cntt',
    kind: 'flow',
  },
  {
    code: 'ioffice.signed_ratio',
    name: 'Tỷ lệ văn bản đi được ký số',
    unit: '%',
    section: 'cntt',
    kind: 'ratio',
    formula: { numerator: 'ioffice.docs_signed', denominator: 'ioffice.docs_sent', multiplier: 100 },
    integer: false,
  },
  {
    code: 'ca.total',
    name: 'Tổng số chứng thư số chuyên dùng đang hoạt động',
    unit: 'chứng thư số',
    section: 'cntt',
    kind: 'stock',
  },
  {
    code: 'postal.revenue',
    name: 'Doanh thu các dịch vụ bưu chính, chuyển phát',
    unit: 'đồng',
    section: 'doanh_nghiep',
    kind: 'flow',
    integer: false,
  },
]);

export const TEST_ORG_ID = 'stttt-travinh';

/** Creates the Trà Vinh organisation with TEST_INDICATORS (or the given ones) in an empty test database. */
export async function seedTestOrganisation(
  db: Kysely<Database>,
  indicators: readonly Indicator[] = TEST_INDICATORS,
): Promise<string> {
  await createOrganisation(db, {
    id: TEST_ORG_ID,
    name: 'Sở Thông tin và Truyền thông tỉnh Trà Vinh',
    short_name: 'Sở TT&TT',
    parent_authority: 'UBND TỈNH TRÀ VINH',
    place: 'Trà Vinh',
    symbol: 'STTTT',
    valid_from: '2008-04-01',
  });
  await upsertIndicators(db, TEST_ORG_ID, indicators);
  return TEST_ORG_ID;
}

/**
 * An organisation with `indicators` and its office user "vanphong" (role office, no unit), for tests that
 * import and review as the office does; the user's id.
 */
export async function seedOfficeOrganisation(
  db: Kysely<Database>,
  orgId: string,
  indicators: readonly Indicator[],
): Promise<UserRow['id']> {
  await createOrganisation(db, { id: orgId, name: 'Sở Thông tin và Truyền thông tỉnh Trà Vinh' });
  await upsertIndicators(db, orgId, indicators);
  const user = await createUser(db, {
    orgId,
    username: 'vanphong',
    displayName: 'Văn phòng',
    passwordHash: 'x',
  });
  await grantRole(db, { orgId, userId: user.id, unitId: null, role: 'office' });
  return user.id;
}

/** A suite's test database, as useTestDatabase gives it: read `db` in tests and hooks, not while declaring. */
export interface TestDatabase {
  readonly db: Kysely<Database>;
}

export interface TestDatabaseOptions {
  /**
   * Seed the Trà Vinh organisation (seedTestOrganisation, id TEST_ORG_ID): `true` with TEST_INDICATORS, or with
   * the indicators given.
   */
  seed?: boolean | readonly Indicator[];
  /** Tables emptied before each test, for tests that would otherwise see each other's rows. */
  truncate?: readonly (keyof Database & string)[];
}

/**
 * A database suite's setup: registers hooks of the calling `describe` that create the test database (and seed
 * it) before its tests, empty `truncate` before each test and close it after them. Call it first in the
 * `describe`, so the suite's own `before` hooks run after it and see the database.
 */
export function useTestDatabase(engine: EngineName, options: TestDatabaseOptions = {}): TestDatabase {
  const { seed, truncate = [] } = options;
  let handle: DatabaseHandle | undefined;
  const db = (): Kysely<Database> => {
    if (!handle) throw new Error('the test database is set up in a before hook: use it in tests');
    return handle.db;
  };

  before(async () => {
    handle = await createTestDatabase(engine);
    if (seed) await seedTestOrganisation(handle.db, seed === true ? TEST_INDICATORS : seed);
  });
  after(() => handle?.close());
  if (truncate.length > 0) {
    beforeEach(async () => {
      await sql`TRUNCATE ${sql.join(truncate.map((table) => sql.table(table)))}`.execute(db());
    });
  }

  return {
    get db() {
      return db();
    },
  };
}

/**
 * A race (PostgreSQL only): `holder` writes in a transaction left open, `waiter` starts, and once it waits for a
 * lock the holder took, the holder commits. What the two gave; the holder is rolled back if anything fails first.
 */
export async function commitOnceWaitedFor<H, T>(
  db: Kysely<Database>,
  holder: (trx: Transaction<Database>) => Promise<H>,
  waiter: (held: H) => Promise<T>,
): Promise<{ held: H; waited: T }> {
  const trx = await db.startTransaction().execute();
  try {
    const held = await holder(trx);
    const waiting = waiter(held);
    await someoneWaitsForLock(db);
    await trx.commit().execute();
    return { held, waited: await waiting };
  } finally {
    if (!trx.isCommitted) await trx.rollback().execute();
  }
}

/**
 * Resolves once a session of this test database waits for a lock (an advisory lock, or a row held by
 * another transaction, whose wait pg_locks shows without a database), so a race test can let the holder
 * commit only after the racing statement is blocked (PostgreSQL only: PGlite has one session).
 */
export async function someoneWaitsForLock(db: Kysely<Database>): Promise<void> {
  for (let attempt = 0; attempt < 500; attempt++) {
    const { rows } = await sql<{ n: number | string }>`
      SELECT count(*) AS n FROM pg_stat_activity
      WHERE datname = current_database() AND wait_event_type = 'Lock'`.execute(db);
    if (Number(rows[0]?.n) > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('no session waited for a lock');
}

/**
 * A draft report row of the period for `createReport`, its kind and plan period from the period, nothing
 * else filled in: tests name only the fields they are about.
 */
export function draftReportRow(
  orgId: string,
  periodIdText: string,
  fields: Partial<NewReportInput> = {},
): NewReportInput {
  const period = parsePeriod(periodIdText);
  return {
    org_id: orgId,
    period_id: periodIdText,
    kind: reportKindOf(period),
    plan_period_id: periodId(planPeriodOf(period)),
    number: null,
    issued_date: null,
    place: null,
    title: null,
    parent_authority: null,
    agency: null,
    signer_name: null,
    signer_position: null,
    signer_on_behalf: null,
    intro: null,
    closing: null,
    status: 'draft',
    origin: 'generated',
    import_id: null,
    reopened_reason: null,
    ...fields,
  };
}

/**
 * The default layout's "a) Ứng dụng CNTT phục vụ hoạt động của cơ quan nhà nước" (cntt_cqnn) as a report
 * stores it, holding `items`: for `replaceReportContent`.
 */
export function storedCnttSection(items: ReportItem[]): ReportSection {
  return {
    key: 'cntt_cqnn',
    level: 3,
    number: 'a',
    title: 'Ứng dụng CNTT phục vụ hoạt động của cơ quan nhà nước',
    items,
    children: [],
  };
}
