import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { before, describe, test } from 'node:test';
import { upsertIndicators } from '../src/db/indicator.repository.js';
import { createOrganisation } from '../src/db/organisation.repository.js';
import { testEngines, useTestDatabase } from '../src/db/testing.js';
import { defaultCatalogue } from '../src/domain/default-catalogue.js';
import { type ImportFileResult, importFile } from '../src/services/import.service.js';

const ORG = 'stttt-tv';
const seedsDir = resolve(import.meta.dirname, '../fixtures/seeds');
const samplesDir = resolve(import.meta.dirname, '../fixtures/samples');

for (const engine of testEngines()) {
  describe(`importing the five seed reports as history (${engine})`, () => {
    const handle = useTestDatabase(engine);
    const results: ImportFileResult[] = [];

    before(async () => {
      await createOrganisation(handle.db, { id: ORG, name: 'Sở Thông tin và Truyền thông tỉnh Trà Vinh' });
      await upsertIndicators(handle.db, ORG, defaultCatalogue().indicators);
      for (const name of readdirSync(seedsDir).sort()) {
        results.push(
          await importFile(handle.db, {
            orgId: ORG,
            name,
            bytes: readFileSync(resolve(seedsDir, name)),
            actor: 'seed',
          }),
        );
      }
    });

    test('every seed is imported with its own period', async () => {
      assert.deepEqual(
        results.map((r) => [r.ok, r.json.meta?.period]),
        [
          [true, '2020-06'],
          [true, '2022-04'],
          [true, '2021-9M'],
          [true, '2017'],
          [true, '2021-04'],
        ],
      );
      const reports = await handle.db.selectFrom('reports').select(['period_id', 'origin']).execute();
      assert.equal(reports.length, 5);
      assert.ok(reports.every((r) => r.origin === 'imported'));
    });

    test('a decree cited by four reports is one registry entry with four mentions', async () => {
      const documents = await handle.db
        .selectFrom('cited_documents')
        .select('id')
        .where('number', '=', '43')
        .where('symbol', '=', '2011/NĐ-CP')
        .execute();
      assert.equal(documents.length, 1);
      const mentions = await handle.db
        .selectFrom('citation_mentions')
        .select('report_id')
        .where('document_id', '=', documents[0]!.id)
        .execute();
      assert.equal(new Set(mentions.map((m) => m.report_id)).size, 4);
    });

    test('figures land in their periods, the OCR 9-month report included', async () => {
      const rows = await handle.db
        .selectFrom('data_values')
        .select(['period_id', 'indicator_code', 'value'])
        .where('indicator_code', '=', 'internet.subscribers')
        .orderBy('period_id')
        .execute();
      assert.deepEqual(
        rows.map((r) => [r.period_id, Number(r.value)]),
        [
          ['2017', 59105],
          ['2021-9M', 675608],
        ],
      );
    });

    test('a scanned PDF fails clearly and stores nothing', async () => {
      const before = await handle.db.selectFrom('imports').select('id').execute();
      const result = await importFile(handle.db, {
        orgId: ORG,
        name: 'ban-quet.pdf',
        bytes: readFileSync(resolve(samplesDir, 'ban-quet.pdf')),
        actor: 'seed',
      });
      assert.equal(result.ok, false);
      assert.equal(result.error?.code, 'import.scanned_pdf');
      assert.equal((await handle.db.selectFrom('imports').select('id').execute()).length, before.length);
    });
  });
}
