import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { upsertIndicators } from '../db/indicator.repository.js';
import { createOrganisation } from '../db/organisation.repository.js';
import { createReport } from '../db/report.repository.js';
import { someoneWaitsForLock, type TestDatabase, testEngines, useTestDatabase } from '../db/testing.js';
import { getValues } from '../db/value.repository.js';
import { defaultCatalogue } from '../domain/default-catalogue.js';
import { MAX_FILE_BYTES } from '../extract/read.js';
import { makeDocx, makeScannedPdf, makeTextPdf, zipClaiming } from '../extract/tools/sample-files.js';
import { importFile } from './import.service.js';
import { saveValues, setValues } from './value.service.js';

const ORG = 'stttt-tv';
const seedsDir = resolve(import.meta.dirname, '../../fixtures/seeds');
const seedBytes = (name: string) => readFileSync(resolve(seedsDir, name));
const SEED_004 = '004_e05fcdfcee13791a.txt';
const SEED_001 = '001_a5433033de54e12b.txt';
const SEED_000 = '000_981baab46ce6ce10.txt';

async function count(handle: TestDatabase, table: string): Promise<number> {
  const { rows } = await sql<{ n: string | number }>`SELECT count(*) AS n FROM ${sql.table(table)}`.execute(
    handle.db,
  );
  return Number(rows[0]!.n);
}

for (const engine of testEngines()) {
  describe(`importFile on ${engine}`, () => {
    const handle = useTestDatabase(engine);

    before(async () => {
      await createOrganisation(handle.db, { id: ORG, name: 'Sở Thông tin và Truyền thông tỉnh Trà Vinh' });
      await upsertIndicators(handle.db, ORG, defaultCatalogue().indicators);
    });

    test('a dry run extracts and validates but writes nothing', async () => {
      const result = await importFile(handle.db, {
        orgId: ORG,
        name: SEED_004,
        bytes: seedBytes(SEED_004),
        actor: 'test',
        dryRun: true,
      });
      assert.equal(result.status, 'dry_run');
      assert.equal(result.json.meta?.period, '2021-04');
      assert.ok(result.json.values.length > 60);
      assert.equal(await count(handle, 'imports'), 0);
      assert.equal(await count(handle, 'reports'), 0);
      assert.equal(await count(handle, 'data_values'), 0);
    });

    test('stores the report, its sections, items, citations and figures in one go', async () => {
      const result = await importFile(handle.db, {
        orgId: ORG,
        name: SEED_004,
        bytes: seedBytes(SEED_004),
        actor: 'test',
      });
      assert.equal(result.ok, true, result.error?.message);
      assert.ok(result.status === 'stored' || result.status === 'pending_review');
      assert.ok(result.reportId !== null && result.importId !== null);
      const report = await handle.db
        .selectFrom('reports')
        .selectAll()
        .where('id', '=', result.reportId!)
        .executeTakeFirstOrThrow();
      assert.equal(report.origin, 'imported');
      assert.equal(report.period_id, '2021-04');
      assert.equal(report.signer_name, 'Nguyễn Văn Chuẩn');
      assert.equal(await count(handle, 'report_sections'), result.sections);
      assert.equal(await count(handle, 'narrative_items'), result.items);
      assert.equal(await count(handle, 'cited_documents'), 24);
      const stored = await getValues(handle.db, { orgId: ORG, periodIds: ['2021-04'] });
      const docsSent = stored.find((v) => v.indicatorCode === 'ioffice.docs_sent')!;
      assert.equal(docsSent.value, 18182);
      assert.equal(docsSent.source, 'import');
      assert.equal(stored.find((v) => v.indicatorCode === 'ca.total')?.scope, 'as_of_end');
      assert.equal(result.values.inserted, stored.length);
    });

    test('re-importing the same content changes nothing and says so', async () => {
      const before = await Promise.all(
        ['imports', 'reports', 'data_values', 'value_audit'].map((t) => count(handle, t)),
      );
      const result = await importFile(handle.db, {
        orgId: ORG,
        name: 'copy.txt',
        bytes: seedBytes(SEED_004),
        actor: 'test',
      });
      assert.equal(result.status, 'duplicate');
      assert.match(result.warnings[0] ?? '', /đã được nhập trước đó/);
      const afterCounts = await Promise.all(
        ['imports', 'reports', 'data_values', 'value_audit'].map((t) => count(handle, t)),
      );
      assert.deepEqual(afterCounts, before);
    });

    test('a figure a person entered is not overwritten; the conflict is reported', async () => {
      await setValues(handle.db, 'editor', {
        orgId: ORG,
        periodId: '2022-04',
        values: [{ indicator: 'ioffice.docs_sent', value: 1 }],
        source: 'manual',
      });
      const result = await importFile(handle.db, {
        orgId: ORG,
        name: SEED_001,
        bytes: seedBytes(SEED_001),
        actor: 'test',
      });
      assert.equal(result.ok, true, result.error?.message);
      const conflict = result.conflicts.find((c) => c.indicator === 'ioffice.docs_sent');
      assert.ok(conflict, 'conflict reported');
      assert.equal(conflict.manual, 1);
      const [kept] = await getValues(handle.db, {
        orgId: ORG,
        periodIds: ['2022-04'],
        indicatorCodes: ['ioffice.docs_sent'],
      });
      assert.equal(kept?.value, 1);
      assert.equal(kept?.source, 'manual');
    });

    test('a document cited by two reports is one registry entry with two mentions', async () => {
      const rows = await handle.db
        .selectFrom('cited_documents')
        .select(['id', 'doc_type', 'number', 'symbol'])
        .where('number', '=', '45')
        .where('symbol', '=', '2020/NĐ-CP')
        .execute();
      assert.equal(rows.length, 1);
      const mentions = await handle.db
        .selectFrom('citation_mentions')
        .select('report_id')
        .where('document_id', '=', rows[0]!.id)
        .execute();
      assert.equal(new Set(mentions.map((m) => m.report_id)).size, 2);
    });

    test("a signer's name the PDF damaged is restored from the signers of earlier reports", async () => {
      const read = () =>
        importFile(handle.db, {
          orgId: ORG,
          name: SEED_000,
          bytes: seedBytes(SEED_000),
          actor: 'test',
          dryRun: true,
        });
      // Seed 000 ends "GI M ĐỐC … Tr n V n Kho nh"; no stored report was signed by him yet.
      const unknown = await read();
      assert.equal(unknown.json.meta?.signer?.name, 'Tr n V n Kho nh');
      assert.ok(unknown.warnings.some((w) => w.includes('bị mất ký tự')));
      await createReport(handle.db, {
        org_id: ORG,
        period_id: '2020-05',
        kind: 'monthly',
        origin: 'generated',
        signer_name: 'Trần Văn Khoảnh',
        signer_position: 'GIÁM ĐỐC',
      });
      const known = await read();
      assert.deepEqual(known.json.meta?.signer, {
        name: 'Trần Văn Khoảnh',
        position: 'GIÁM ĐỐC',
        on_behalf: null,
      });
    });

    test('bad files each give a clear error naming the file and store nothing', async () => {
      const docx = await makeDocx(seedBytes(SEED_004).toString('utf8'));
      const pdf = makeTextPdf(seedBytes(SEED_004).toString('utf8'));
      const bad: Array<{ name: string; bytes: Uint8Array; code: string }> = [
        { name: 'cat-ngang.docx', bytes: docx.subarray(0, docx.length >> 1), code: 'import.corrupt_file' },
        { name: 'hong.docx', bytes: Buffer.from('PK broken'), code: 'import.corrupt_file' },
        { name: 'hong.pdf', bytes: pdf.subarray(0, pdf.length >> 1), code: 'import.corrupt_file' },
        { name: 'scan.pdf', bytes: makeScannedPdf(), code: 'import.scanned_pdf' },
        { name: 'rong.txt', bytes: new Uint8Array(0), code: 'import.empty_file' },
        {
          name: 'rac.txt',
          bytes: Uint8Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256),
          code: 'import.corrupt_file',
        },
        { name: 'lon.txt', bytes: Buffer.alloc(MAX_FILE_BYTES + 1, 0x61), code: 'import.too_large' },
        { name: 'bom.docx', bytes: zipClaiming(3_000_000_000), code: 'import.zip_bomb' },
        { name: 'a.xls', bytes: Buffer.from('x'), code: 'import.unsupported_type' },
      ];
      const tables = [
        'imports',
        'reports',
        'report_sections',
        'narrative_items',
        'data_values',
        'cited_documents',
        'citation_mentions',
      ];
      const before = await Promise.all(tables.map((table) => count(handle, table)));
      for (const file of bad) {
        const result = await importFile(handle.db, {
          orgId: ORG,
          name: file.name,
          bytes: file.bytes,
          actor: 'test',
        });
        assert.equal(result.ok, false, file.name);
        assert.equal(result.status, 'failed', file.name);
        assert.equal(result.json.ok, false, file.name);
        assert.match(result.error?.message ?? '', new RegExp(file.name.replace('.', '\\.')), file.name);
        // A truncated PDF may keep a readable start without text: either refusal names the problem.
        if (file.name === 'hong.pdf')
          assert.ok(['import.corrupt_file', 'import.scanned_pdf'].includes(result.error?.code ?? ''));
        else assert.equal(result.error?.code, file.code, file.name);
      }
      assert.deepEqual(await Promise.all(tables.map((table) => count(handle, table))), before);
    });

    test('a file of a period an approved or locked report covers is refused, a dry run says so, nothing is stored', async () => {
      // Seed 004 was stored above (April 2021); a re-saved copy is new content for the same period.
      const copy = Buffer.concat([seedBytes(SEED_004), Buffer.from('\n')]);
      const quarter = await createReport(handle.db, {
        org_id: ORG,
        period_id: '2021-Q2',
        kind: 'quarterly',
        origin: 'generated',
        status: 'locked',
      });
      const tables = [
        'imports',
        'reports',
        'report_sections',
        'narrative_items',
        'data_values',
        'value_audit',
      ];
      const before = await Promise.all(tables.map((t) => count(handle, t)));
      for (const dryRun of [false, true]) {
        const result = await importFile(handle.db, {
          orgId: ORG,
          name: 'thang4-2021.txt',
          bytes: copy,
          actor: 'test',
          dryRun,
        });
        assert.equal(result.ok, false, `dry run ${dryRun}`);
        assert.equal(result.status, 'failed');
        assert.equal(result.error?.code, 'value.locked');
        assert.equal(
          result.error?.message,
          'Không nhập tệp thang4-2021.txt: số liệu tháng 4 năm 2021 đã khóa vì báo cáo quý II năm 2021 đã khóa. Cần mở lại báo cáo (kèm lý do) trước khi nhập.',
        );
        // The --json line still says what the file holds.
        assert.equal(result.json.ok, false);
        assert.equal(result.json.error, result.error?.message);
        assert.equal(result.json.meta?.period, '2021-04');
        assert.ok(result.json.values.length > 60);
      }
      // The same content as stored before is a duplicate, frozen or not: nothing changes, not a failure.
      const again = await importFile(handle.db, {
        orgId: ORG,
        name: SEED_004,
        bytes: seedBytes(SEED_004),
        actor: 'test',
      });
      assert.equal(again.status, 'duplicate');
      assert.deepEqual(await Promise.all(tables.map((t) => count(handle, t))), before);

      await handle.db.updateTable('reports').set({ status: 'draft' }).where('id', '=', quarter.id).execute();
      await handle.db
        .updateTable('reports')
        .set({ status: 'approved' })
        .where('period_id', '=', '2021-04')
        .execute();
      const approved = await importFile(handle.db, {
        orgId: ORG,
        name: 'thang4-2021.txt',
        bytes: copy,
        actor: 'test',
      });
      assert.equal(approved.error?.code, 'value.locked');
      assert.match(approved.error?.message ?? '', /báo cáo tháng 4 năm 2021 đã được duyệt/);
      assert.deepEqual(await Promise.all(tables.map((t) => count(handle, t))), before);
    });
  });
}

for (const engine of testEngines()) {
  // Two sessions are needed to race; PGlite has one, where transactions cannot interleave at all.
  describe(`an import racing a person's save of the same figure (${engine})`, {
    skip: engine !== 'postgres' && 'needs two sessions (PostgreSQL)',
  }, () => {
    const handle = useTestDatabase(engine);
    const stored = async (indicator: string) =>
      (await getValues(handle.db, { orgId: ORG, periodIds: ['2021-04'], indicatorCodes: [indicator] })).map(
        (v) => [v.value, v.source],
      );

    before(async () => {
      await createOrganisation(handle.db, { id: ORG, name: 'Sở Thông tin và Truyền thông tỉnh Trà Vinh' });
      await upsertIndicators(handle.db, ORG, defaultCatalogue().indicators);
    });

    /**
     * Imports `bytes` while a person's save of `indicator` (April 2021) is written and not yet committed:
     * the import reads the store without it, then reaches the figure, waits, and the save commits.
     */
    async function importDuringSave(indicator: string, value: number, bytes: Uint8Array, name: string) {
      const saving = await handle.db.startTransaction().execute();
      try {
        await saveValues(saving, 'editor', {
          orgId: ORG,
          periodId: '2021-04',
          values: [{ indicator, value }],
          source: 'manual',
        });
        const importing = importFile(handle.db, { orgId: ORG, name, bytes, actor: 'importer' });
        await someoneWaitsForLock(handle.db);
        await saving.commit().execute();
        return await importing;
      } finally {
        if (!saving.isCommitted) await saving.rollback().execute();
      }
    }

    test('a figure new to the store: the save committed while the import waited is kept, the conflict reported', async () => {
      const result = await importDuringSave('ioffice.docs_sent', 1858, seedBytes(SEED_004), SEED_004);
      assert.equal(result.status, 'stored', result.error?.message);
      assert.deepEqual(await stored('ioffice.docs_sent'), [[1858, 'manual']]);
      assert.deepEqual(
        result.conflicts.filter((c) => c.indicator === 'ioffice.docs_sent'),
        [
          {
            indicator: 'ioffice.docs_sent',
            scope: 'period',
            periodId: '2021-04',
            manual: 1858,
            imported: 18182,
          },
        ],
      );
      assert.ok(
        result.warnings.includes(
          'Chỉ tiêu ioffice.docs_sent kỳ 2021-04: giữ giá trị do người nhập (1858), không ghi giá trị nhập từ tệp (18182).',
        ),
      );
      const history = await handle.db
        .selectFrom('value_audit')
        .select(['new_value', 'changed_by'])
        .where('indicator_code', '=', 'ioffice.docs_sent')
        .execute();
      assert.deepEqual(
        history.map((h) => [Number(h.new_value), h.changed_by]),
        [[1858, 'editor']],
      );
      // The import's own record lists the conflict too.
      const record = await handle.db
        .selectFrom('imports')
        .select(['summary', 'findings'])
        .executeTakeFirstOrThrow();
      const summary = record.summary as { conflicts: Array<{ indicator: string }> };
      assert.ok(summary.conflicts.some((c) => c.indicator === 'ioffice.docs_sent'));
      // The period is checked with the person's 1.858 documents, not the file's 18.182: the file's 79,62% of
      // 14.477 signed no longer holds (14.477 / 1.858 = 779,17%), and the finding is kept with the import.
      const ratio = result.findings.find((f) => f.rule === 'ratio.ioffice.signed_ratio');
      assert.ok(ratio, JSON.stringify(result.findings));
      assert.equal(ratio.numbers['ioffice.docs_sent'], 1858);
      assert.equal(Math.round(ratio.numbers.computed! * 100) / 100, 779.17);
      assert.deepEqual(record.findings, result.findings);
    });

    test('a figure imported before: the correction committed while the import waited is kept', async () => {
      assert.deepEqual(await stored('ioffice.docs_signed'), [[14477, 'import']]);
      // The same report saved again (one more line): new content to the importer, same figures.
      const copy = new Uint8Array(Buffer.concat([seedBytes(SEED_004), Buffer.from('\n')]));
      const result = await importDuringSave('ioffice.docs_signed', 14000, copy, 'thang4-2021.txt');
      assert.equal(result.status, 'stored', result.error?.message);
      assert.deepEqual(await stored('ioffice.docs_signed'), [[14000, 'manual']]);
      assert.deepEqual(
        result.conflicts
          .filter((c) => c.indicator === 'ioffice.docs_signed')
          .map((c) => [c.manual, c.imported]),
        [[14000, 14477]],
      );
    });
  });
}
