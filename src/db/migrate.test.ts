import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { openDatabase } from './engine.js';
import { loadMigrations, runMigrations } from './migrate.js';
import { createTestDatabase, testEngines, useTestDatabase } from './testing.js';

for (const engine of testEngines()) {
  describe(`migrations (${engine})`, () => {
    const handle = useTestDatabase(engine);

    test('a migrated database records every migration file once', async () => {
      const files = (await loadMigrations()).map((m) => m.version);
      assert.ok(files.includes('0001_init'));
      const rows = await handle.db
        .selectFrom('schema_migrations')
        .select('version')
        .orderBy('version')
        .execute();
      assert.deepEqual(
        rows.map((r) => r.version),
        files,
      );
    });

    test('running the migrations again applies nothing and keeps the data', async () => {
      await handle.db.insertInto('organisations').values({ id: 'org-a', name: 'Sở A' }).execute();
      assert.deepEqual(await runMigrations(handle.db), []);
      assert.deepEqual(await runMigrations(handle.db), []);
      const count = await handle.db
        .selectFrom('organisations')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      assert.equal(count.n, 1);
    });

    test('a failing migration leaves nothing of itself behind', async () => {
      const migrations = [
        ...(await loadMigrations()),
        { version: '9999_broken', sql: 'CREATE TABLE half_done (id int); SELECT 1 / 0;' },
      ];
      await assert.rejects(runMigrations(handle.db, migrations), /division by zero/);
      const table = await sql<{ name: string | null }>`SELECT to_regclass('half_done')::text AS name`.execute(
        handle.db,
      );
      assert.equal(table.rows[0]?.name, null);
      const recorded = await handle.db
        .selectFrom('schema_migrations')
        .select('version')
        .where('version', '=', '9999_broken')
        .execute();
      assert.deepEqual(recorded, []);
    });

    test('indicator notes still holding the review annotation become the user note; edited ones stay', async () => {
      await handle.db.insertInto('organisations').values({ id: 'org-notes', name: 'Sở B' }).execute();
      const row = (code: string, notes: string) => ({
        org_id: 'org-notes',
        code,
        name: code,
        unit: 'văn bản',
        section: 'van_phong',
        kind: 'flow' as const,
        notes,
      });
      await handle.db
        .insertInto('indicators')
        .values([
          row(
            'ca.total',
            'Seeds: 000, 001, 002, 003, 004. = ca.org + ca.personal. Liên tục: ca.total cuối kỳ = ca.total kỳ trước + ca.issued − ca.revoked.',
          ),
          row('ioffice.users', 'Seeds: 000, 001, 002, 003, 004.'),
          row('postal.revenue', 'Ghi chú riêng của Sở.'),
        ])
        .execute();
      // As on a database migrated before 0300: the migration has not run yet.
      await handle.db.deleteFrom('schema_migrations').where('version', '=', '0300_indicator_notes').execute();
      assert.deepEqual(await runMigrations(handle.db), ['0300_indicator_notes']);
      const notes = await handle.db
        .selectFrom('indicators')
        .select(['code', 'notes'])
        .where('org_id', '=', 'org-notes')
        .orderBy('code')
        .execute();
      assert.deepEqual(notes, [
        {
          code: 'ca.total',
          notes:
            'Bằng tổng chứng thư số của tổ chức và của cá nhân. Số cuối kỳ bằng số cuối kỳ trước cộng số cấp mới, trừ số thu hồi trong kỳ.',
        },
        { code: 'ioffice.users', notes: null },
        { code: 'postal.revenue', notes: 'Ghi chú riêng của Sở.' },
      ]);
    });

    test('0400: figures of earlier imports are traced to their import; a withdrawn import frees its file', async () => {
      await handle.db.insertInto('organisations').values({ id: 'org-imp', name: 'Sở C' }).execute();
      await handle.db
        .insertInto('indicators')
        .values(
          ['ioffice.docs_sent', 'ioffice.users', 'ca.issued'].map((code) => ({
            org_id: 'org-imp',
            code,
            name: code,
            unit: 'văn bản',
            section: 'cntt',
            kind: 'flow' as const,
          })),
        )
        .execute();
      const imported = await handle.db
        .insertInto('imports')
        .values({
          org_id: 'org-imp',
          file_name: 'a.txt',
          file_hash: 'h1',
          media_type: 'text/plain',
          status: 'stored',
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const report = await handle.db
        .insertInto('reports')
        .values({
          org_id: 'org-imp',
          period_id: '2022-04',
          kind: 'monthly',
          origin: 'imported',
          import_id: imported.id,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const figure = (indicator_code: string, source: 'import' | 'manual', report_id: number | null) => ({
        org_id: 'org-imp',
        indicator_code,
        period_id: '2022-04',
        value: 1,
        source,
        report_id,
      });
      await handle.db
        .insertInto('data_values')
        .values([
          figure('ioffice.docs_sent', 'import', report.id),
          // A correction made while reviewing, or a person's later entry: the two cannot be told apart.
          figure('ioffice.users', 'manual', report.id),
          figure('ca.issued', 'import', null),
        ])
        .execute();
      // As on a database migrated before 0400: the migration has not run yet, its column is not filled.
      await handle.db
        .deleteFrom('schema_migrations')
        .where('version', '=', '0400_import_withdrawal')
        .execute();
      assert.deepEqual(await runMigrations(handle.db), ['0400_import_withdrawal']);
      const traced = await handle.db
        .selectFrom('data_values')
        .select(['indicator_code', 'import_id'])
        .where('org_id', '=', 'org-imp')
        .orderBy('indicator_code')
        .execute();
      assert.deepEqual(traced, [
        { indicator_code: 'ca.issued', import_id: null },
        { indicator_code: 'ioffice.docs_sent', import_id: imported.id },
        { indicator_code: 'ioffice.users', import_id: null },
      ]);

      // The same content twice is refused while the first import stands, allowed once it is withdrawn.
      const again = {
        org_id: 'org-imp',
        file_name: 'a2.txt',
        file_hash: 'h1',
        media_type: 'text/plain',
      } as const;
      await assert.rejects(
        handle.db
          .insertInto('imports')
          .values({ ...again, status: 'stored' })
          .execute(),
        /imports_org_id_file_hash_key/,
      );
      await handle.db
        .updateTable('imports')
        .set({ status: 'withdrawn', withdrawn_by: 'vanphong', withdrawn_at: new Date() })
        .where('id', '=', imported.id)
        .execute();
      await handle.db
        .insertInto('imports')
        .values({ ...again, status: 'stored' })
        .execute();
      await assert.rejects(
        handle.db
          .insertInto('imports')
          .values({ ...again, file_hash: 'h2', status: 'gone' as 'withdrawn' })
          .execute(),
        /imports_status_check/,
      );
    });

    test('unaccent and pg_trgm are enabled and folding handles Vietnamese', async () => {
      const result = await sql<{
        folded: string;
        similarity: number;
      }>`SELECT baocao_fold('Quyết định số 695/QĐ-UBND') AS folded, similarity('quyet dinh', 'quyet dinh so') AS similarity`.execute(
        handle.db,
      );
      assert.equal(result.rows[0]?.folded, 'quyet dinh so 695/qd-ubnd');
      assert.ok((result.rows[0]?.similarity ?? 0) > 0.5);
    });

    test('both drivers give the same shapes: bigint a number, numeric and date strings, arrays alike', async () => {
      const result = await sql<Record<string, unknown>>`
        SELECT 9007199254740::bigint AS id, 30.73::numeric AS n, '2022-04-12'::date AS d,
               ARRAY[5::bigint, 6] AS ids, ARRAY[1.50::numeric] AS nums, ARRAY['2022-01-02'::date] AS days,
               count(*) AS c, ${'x'}::text AS param`.execute(handle.db);
      assert.deepEqual(result.rows[0], {
        id: 9007199254740,
        n: '30.73',
        d: '2022-04-12',
        ids: [5, 6],
        nums: ['1.50'],
        days: ['2022-01-02'],
        c: 1,
        param: 'x',
      });
    });
  });
}

describe('openDatabase (pglite data folder)', () => {
  let parent: string;
  let dataDir: string;
  before(async () => {
    parent = await mkdtemp(join(tmpdir(), 'baocao-open-'));
    dataDir = join(parent, 'data', 'pglite');
  });
  after(() => rm(parent, { recursive: true, force: true }));

  test('opening a folder that does not exist yet, twice, migrates once and keeps what was written', async () => {
    const first = await openDatabase({ dataDir, databaseUrl: '' });
    assert.equal(first.engine, 'pglite');
    await first.db.insertInto('organisations').values({ id: 'org-b', name: 'Sở B' }).execute();
    await first.close();
    const second = await openDatabase({ dataDir, databaseUrl: '' });
    const orgs = await second.db.selectFrom('organisations').select('id').execute();
    const migrations = await second.db.selectFrom('schema_migrations').select('version').execute();
    await second.close();
    assert.deepEqual(
      orgs.map((o) => o.id),
      ['org-b'],
    );
    assert.equal(migrations.length, (await loadMigrations()).length);
  });
});

if (testEngines().includes('postgres')) {
  describe('concurrent migration (postgres)', () => {
    test('two processes opening one new database at once apply each migration once', async () => {
      const handle = await createTestDatabase('postgres');
      // A fresh, unmigrated database beside the test one: the same server, a new name.
      const name = `baocao_race_${process.pid}_${Date.now()}`;
      await sql.raw(`CREATE DATABASE ${name}`).execute(handle.db);
      const url = new URL(process.env.DATABASE_URL!);
      url.pathname = `/${name}`;
      try {
        const [a, b] = await Promise.all([
          openDatabase({ databaseUrl: url.toString() }),
          openDatabase({ databaseUrl: url.toString() }),
        ]);
        const rows = await a.db.selectFrom('schema_migrations').select('version').execute();
        await Promise.all([a.close(), b.close()]);
        assert.equal(rows.length, (await loadMigrations()).length);
      } finally {
        await sql.raw(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).execute(handle.db);
        await handle.close();
      }
    });
  });
}
