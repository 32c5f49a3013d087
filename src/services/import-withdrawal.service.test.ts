import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { before, describe, test } from 'node:test';
import { type Kysely, sql } from 'kysely';
import { addCitations } from '../db/citation.repository.js';
import { createReport } from '../db/report.repository.js';
import type { Database } from '../db/schema.js';
import {
  commitOnceWaitedFor,
  draftReportRow,
  seedOfficeOrganisation,
  someoneWaitsForLock,
  testEngines,
  useTestDatabase,
} from '../db/testing.js';
import { getValues } from '../db/value.repository.js';
import { defaultCatalogue } from '../domain/default-catalogue.js';
import type { Auth } from './access.js';
import { importFile, readImportFile, storeImport } from './import.service.js';
import { withdrawImport } from './import-withdrawal.service.js';
import { saveValues, setValues } from './value.service.js';

const ORG = 'stttt-tv';
// Seed 004, the April 2021 report: 18.182 documents sent, 14.477 signed, 6.990 iOffice users.
const SEED_004 = readFileSync(resolve(import.meta.dirname, '../../fixtures/seeds/004_e05fcdfcee13791a.txt'));

/** A document only the file built by `seedCiting` cites. */
const UNIQUE_CITATION =
  '- Triển khai Quyết định số 999/QĐ-UBND ngày 02/6/2021 của UBND tỉnh về chuyển đổi số năm 2021.';

/** Seed 004 with one more cited document, after the figures of documents sent. */
function seedCiting(): Uint8Array {
  const text = SEED_004.toString('utf8');
  const at = text.indexOf('\n', text.indexOf('**18.182**')) + 1;
  return new Uint8Array(Buffer.from(`${text.slice(0, at)}${UNIQUE_CITATION}\n${text.slice(at)}`, 'utf8'));
}

/** Waits until `n` sessions wait for a lock (PostgreSQL). */
async function sessionsWaitForLocks(db: Kysely<Database>, n: number): Promise<void> {
  for (let attempt = 0; attempt < 500; attempt++) {
    const { rows } = await sql<{ n: number | string }>`
      SELECT count(*) AS n FROM pg_stat_activity
      WHERE datname = current_database() AND wait_event_type = 'Lock'`.execute(db);
    if (Number(rows[0]?.n) >= n) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`${n} sessions did not wait for a lock`);
}

/** Seed 004 read under `periodId`; `copy` makes the content new to the importer (the same file is imported once). */
function seedAs(copy: number): Uint8Array {
  return new Uint8Array(Buffer.concat([SEED_004, Buffer.from('\n'.repeat(copy))]));
}

for (const engine of testEngines()) {
  // Two sessions are needed to race; PGlite has one, where transactions cannot interleave at all.
  describe(`withdrawing an import racing other writes (${engine})`, {
    skip: engine !== 'postgres' && 'needs two sessions (PostgreSQL)',
  }, () => {
    const handle = useTestDatabase(engine);
    let office: Auth;
    let copies = 0;

    const stored = async (periodId: string, indicator: string) =>
      (
        await getValues(handle.db, {
          orgId: ORG,
          unitId: null,
          periodIds: [periodId],
          indicatorCodes: [indicator],
        })
      )
        .filter((v) => v.breakdown === '')
        .map((v) => [v.value, v.source, v.importId]);

    const imported = async (periodId: string) => {
      const result = await importFile(handle.db, {
        orgId: ORG,
        name: `bao-cao-${periodId}-${++copies}.txt`,
        bytes: seedAs(copies),
        periodId,
        actor: 'vanphong',
      });
      assert.equal(result.ok, true, result.error?.message);
      assert.ok(result.importId !== null, result.status);
      return result.importId;
    };

    before(async () => {
      const userId = await seedOfficeOrganisation(handle.db, ORG, defaultCatalogue().indicators);
      office = { db: handle.db, orgId: ORG, userId, username: 'vanphong' };
    });

    test('a person’s save committed while the withdrawal runs is kept, and listed as kept', async () => {
      const importId = await imported('2021-07');
      assert.deepEqual(await stored('2021-07', 'ioffice.docs_sent'), [[18182, 'import', importId]]);
      const { waited: result } = await commitOnceWaitedFor(
        handle.db,
        (saving) =>
          saveValues(saving, 'truongphong', {
            orgId: ORG,
            periodId: '2021-07',
            values: [{ indicator: 'ioffice.docs_sent', value: 18200 }],
            source: 'manual',
          }),
        () => withdrawImport(handle.db, office, ORG, importId),
      );
      assert.deepEqual(await stored('2021-07', 'ioffice.docs_sent'), [[18200, 'manual', null]]);
      assert.deepEqual(
        result.kept.figures.filter((f) => f.indicator === 'ioffice.docs_sent'),
        [
          {
            indicator: 'ioffice.docs_sent',
            scope: 'period',
            breakdown: '',
            value: 18200,
            reason: 'manual',
          },
        ],
      );
      const { rows } = await sql<{ n: number | string }>`
        SELECT count(*) AS n FROM data_values WHERE import_id = ${importId}`.execute(handle.db);
      assert.equal(Number(rows[0]?.n), 0);
      assert.equal(result.removed.figures, 68);
    });

    test('a figure written while an import is accepted is what withdrawing the import gives back', async () => {
      await setValues(handle.db, 'api-client', {
        orgId: ORG,
        periodId: '2021-08',
        values: [{ indicator: 'ioffice.docs_signed', value: 14000 }],
        source: 'api',
      });
      // The API's correction, written and not yet committed when the import starts.
      const { waited: importId } = await commitOnceWaitedFor(
        handle.db,
        (writing) =>
          saveValues(writing, 'api-client', {
            orgId: ORG,
            periodId: '2021-08',
            values: [{ indicator: 'ioffice.docs_signed', value: 14100 }],
            source: 'api',
          }),
        () => imported('2021-08'),
      );
      assert.deepEqual(await stored('2021-08', 'ioffice.docs_signed'), [[14477, 'import', importId]]);
      const result = await withdrawImport(handle.db, office, ORG, importId);
      assert.equal(result.removed.restored, 1);
      assert.deepEqual(await stored('2021-08', 'ioffice.docs_signed'), [[14100, 'api', null]]);
    });

    test('two imports of one period accepted at once: withdrawing the later gives back the earlier’s figures', async () => {
      const firstRead = await readImportFile(handle.db, {
        orgId: ORG,
        name: `bao-cao-2021-09-${++copies}.txt`,
        bytes: seedAs(copies),
        periodId: '2021-09',
      });
      // Without citations, so that the later import does not wait for the registry rows the first one holds.
      const { document } = firstRead.extraction;
      const uncited = {
        ...firstRead,
        extraction: { ...firstRead.extraction, document: { ...document, citations: [] } },
      };
      const { held: first, waited: second } = await commitOnceWaitedFor(
        handle.db,
        async (accepting) => (await storeImport(accepting, uncited, { actor: 'vanphong' })).importId,
        () => imported('2021-09'),
      );
      // The later one took the same figures over; withdrawn, it hands them back to the earlier one.
      assert.deepEqual(await stored('2021-09', 'ioffice.docs_sent'), [[18182, 'import', second]]);
      const result = await withdrawImport(handle.db, office, ORG, second);
      assert.equal(result.removed.figures, 69);
      assert.deepEqual(await stored('2021-09', 'ioffice.docs_sent'), [[18182, 'import', first]]);
      const { rows } = await sql<{ n: number | string }>`
        SELECT count(*) AS n FROM data_values WHERE import_id = ${first}`.execute(handle.db);
      assert.equal(Number(rows[0]?.n), 69);
    });

    test('two withdrawals at once along a chain of imports leave no figure under a withdrawn import', async () => {
      const earlier = await imported('2021-10');
      const later = await imported('2021-10');
      assert.deepEqual(await stored('2021-10', 'ioffice.docs_sent'), [[18182, 'import', later]]);
      const { report_id: earlierReport } = await handle.db
        .selectFrom('imports')
        .select('report_id')
        .where('id', '=', earlier)
        .executeTakeFirstOrThrow();
      // Holds the earlier import's report: the later one's withdrawal pauses as it puts the figures back under
      // the earlier import (which still stands, its report with it), after it has read the chain.
      const holding = await handle.db.startTransaction().execute();
      let results: unknown[];
      try {
        await sql`SELECT id FROM reports WHERE id = ${earlierReport} FOR UPDATE`.execute(holding);
        const settle = (p: Promise<unknown>) =>
          p.then(
            (r) => r,
            (error: unknown) => error,
          );
        const withdrawingLater = settle(withdrawImport(handle.db, office, ORG, later));
        await someoneWaitsForLock(handle.db);
        const withdrawingEarlier = settle(withdrawImport(handle.db, office, ORG, earlier));
        await sessionsWaitForLocks(handle.db, 2);
        await holding.commit().execute();
        results = await Promise.all([withdrawingLater, withdrawingEarlier]);
      } finally {
        if (!holding.isCommitted) await holding.rollback().execute();
      }
      for (const result of results) assert.ok(!(result instanceof Error), String(result));
      // The period held nothing before the two imports: nothing is left, under either of them.
      const left = await getValues(handle.db, { orgId: ORG, periodIds: ['2021-10'] });
      assert.deepEqual(
        left.map((v) => [v.indicatorCode, v.importId]),
        [],
      );
      const statuses = await handle.db
        .selectFrom('imports')
        .select('status')
        .where('id', 'in', [earlier, later])
        .execute();
      assert.deepEqual(
        statuses.map((r) => r.status),
        ['withdrawn', 'withdrawn'],
      );
    });

    test('a document cited at the same moment by another report stays in the registry with its mention', async () => {
      const result = await importFile(handle.db, {
        orgId: ORG,
        name: 'bao-cao-2021-11.txt',
        bytes: seedCiting(),
        periodId: '2021-11',
        actor: 'vanphong',
      });
      assert.ok(result.importId !== null, result.error?.message ?? result.status);
      const docKey = 'quyet dinh|999|QĐ-UBND';
      const documents = () =>
        handle.db.selectFrom('cited_documents').select('id').where('doc_key', '=', docKey).execute();
      assert.equal((await documents()).length, 1);
      // Another report cites the same document, in a transaction not yet committed.
      const { held: other, waited: withdrawn } = await commitOnceWaitedFor(
        handle.db,
        async (citing) => {
          const report = (await createReport(citing, draftReportRow(ORG, '2021-12'))).id;
          await addCitations(citing, ORG, report, [
            {
              type: 'Quyết định',
              number: '999',
              symbol: 'QĐ-UBND',
              date: null,
              issuer: null,
              text: 'Quyết định số 999/QĐ-UBND',
            },
          ]);
          return report;
        },
        () => withdrawImport(handle.db, office, ORG, result.importId!),
      );
      assert.equal(withdrawn.removed.citations, 25);
      const [document] = await documents();
      assert.ok(document, 'the document stays in the registry');
      const mentions = await handle.db
        .selectFrom('citation_mentions')
        .select('report_id')
        .where('document_id', '=', document.id)
        .execute();
      assert.deepEqual(mentions, [{ report_id: other }]);
    });

    test('a withdrawal waits for an import of its period in progress before it locks a figure or a document', async () => {
      const standing = await imported('2022-01');
      const read = await readImportFile(handle.db, {
        orgId: ORG,
        name: `bao-cao-2022-01-${++copies}.txt`,
        bytes: seedAs(copies),
        periodId: '2022-01',
      });
      // Another import of January, stored and not yet committed: it holds the cited documents and the figures.
      const accepting = await handle.db.startTransaction().execute();
      try {
        const later = await storeImport(accepting, read, { actor: 'vanphong' });
        const withdrawing = withdrawImport(handle.db, office, ORG, standing);
        await someoneWaitsForLock(handle.db);
        // Waiting for the period, not for a row the import holds: the two never hold locks the other wants.
        const { rows } = await sql<{ locktype: string }>`
          SELECT l.locktype FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
          WHERE NOT l.granted AND a.datname = current_database()`.execute(handle.db);
        assert.deepEqual(
          rows.map((r) => r.locktype),
          ['advisory'],
        );
        await accepting.commit().execute();
        const result = await withdrawing;
        // The later import took every figure over: the withdrawn one held none any more.
        assert.equal(result.removed.figures, 0);
        assert.deepEqual(await stored('2022-01', 'ioffice.docs_sent'), [[18182, 'import', later.importId]]);
      } finally {
        if (!accepting.isCommitted) await accepting.rollback().execute();
      }
    });
  });
}
