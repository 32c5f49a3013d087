import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createImport } from './import.repository.js';
import { TEST_ORG_ID, testEngines, useTestDatabase } from './testing.js';
import {
  deleteValues,
  getValueHistory,
  getValues,
  type StoredValue,
  toAggregationValue,
  upsertValues,
  type ValueWrite,
} from './value.repository.js';

test('a stored value reaches the aggregation with its indicator code and its unit id as a string', () => {
  const stored: StoredValue = {
    id: 7,
    orgId: 'stttt-travinh',
    unitId: 4,
    indicatorCode: 'ioffice.docs_sent',
    periodId: '2022-04',
    scope: 'period',
    breakdown: '',
    value: 1858,
    qualifier: 'hơn',
    source: 'manual',
    sourceRef: null,
    reportId: null,
    importId: null,
    updatedBy: 'vanphong',
    updatedAt: new Date('2022-05-03T08:00:00Z'),
  };
  assert.deepEqual(toAggregationValue(stored), {
    indicator: 'ioffice.docs_sent',
    periodId: '2022-04',
    value: 1858,
    scope: 'period',
    breakdown: '',
    unitId: '4',
  });
  assert.equal(toAggregationValue({ ...stored, unitId: null }).unitId, null);
});

for (const engine of testEngines()) {
  describe(`value repository (${engine})`, () => {
    const handle = useTestDatabase(engine, { seed: true, truncate: ['value_audit', 'data_values'] });
    const orgId = TEST_ORG_ID;
    const row = (overrides: Partial<ValueWrite>): ValueWrite => ({
      orgId,
      unitId: null,
      indicatorCode: 'ioffice.docs_sent',
      periodId: '2022-04',
      scope: 'period',
      breakdown: '',
      value: 1858,
      source: 'manual',
      ...overrides,
    });

    test('a key repeated in one batch is written once, the last row winning', async () => {
      const result = await upsertValues(handle.db, [row({ value: 1 }), row({ value: 2 })], 'a');
      assert.deepEqual(result, { inserted: 1, updated: 0, unchanged: 0 });
      assert.deepEqual(
        (await getValues(handle.db, { orgId })).map((v) => v.value),
        [2],
      );
    });

    test('a qualifier change is a change; a new source alone is not', async () => {
      await upsertValues(
        handle.db,
        [row({ indicatorCode: 'postal.revenue', value: '38500000000', qualifier: 'ước' })],
        'a',
      );
      const sameButImported = await upsertValues(
        handle.db,
        [row({ indicatorCode: 'postal.revenue', value: 38_500_000_000, qualifier: 'ước', source: 'import' })],
        'b',
      );
      assert.deepEqual(sameButImported, { inserted: 0, updated: 0, unchanged: 1 });
      const firm = await upsertValues(
        handle.db,
        [row({ indicatorCode: 'postal.revenue', value: 38_500_000_000 })],
        'c',
      );
      assert.deepEqual(firm, { inserted: 0, updated: 1, unchanged: 0 });
      const history = await getValueHistory(handle.db, { orgId, indicatorCode: 'postal.revenue' });
      assert.deepEqual(
        history.map((h) => [h.oldQualifier, h.newQualifier, h.changedBy]),
        [
          [null, 'ước', 'a'],
          ['ước', null, 'c'],
        ],
      );
    });

    test('an imported row never replaces a figure a person entered; a person replaces an imported one', async () => {
      await upsertValues(handle.db, [row({ value: 1858 })], 'editor');
      const imported = await upsertValues(
        handle.db,
        [
          row({ value: 18182, source: 'import' }),
          row({ indicatorCode: 'ca.total', value: 900, source: 'import' }),
        ],
        'importer',
      );
      assert.deepEqual(imported, { inserted: 1, updated: 0, unchanged: 1 });
      const corrected = await upsertValues(
        handle.db,
        [row({ indicatorCode: 'ca.total', value: 901 })],
        'editor',
      );
      assert.deepEqual(corrected, { inserted: 0, updated: 1, unchanged: 0 });
      assert.deepEqual(
        (await getValues(handle.db, { orgId })).map((v) => [v.indicatorCode, v.value, v.source]),
        [
          ['ca.total', 901, 'manual'],
          ['ioffice.docs_sent', 1858, 'manual'],
        ],
      );
      const history = await getValueHistory(handle.db, { orgId, indicatorCode: 'ioffice.docs_sent' });
      assert.deepEqual(
        history.map((h) => [h.newValue, h.changedBy]),
        [[1858, 'editor']],
      );
    });

    test('an import writing the value already stored takes it over: import_id changes, nothing else, no audit row', async () => {
      await upsertValues(
        handle.db,
        [row({ indicatorCode: 'ioffice.docs_signed', value: 120, source: 'api', sourceRef: 'api:42' })],
        'api-client',
      );
      const [before] = await getValues(handle.db, { orgId, indicatorCodes: ['ioffice.docs_signed'] });
      assert.ok(before);
      const takenOverBy = await createImport(handle.db, {
        orgId,
        fileName: 'bao-cao.txt',
        fileHash: `takeover-${engine}-${Date.now()}`,
        mediaType: 'text/plain',
        status: 'stored',
        createdBy: 'importer',
      });
      const written = await upsertValues(
        handle.db,
        [
          row({
            indicatorCode: 'ioffice.docs_signed',
            value: '120.00',
            source: 'import',
            sourceRef: 'bao-cao.txt#10-13',
            importId: takenOverBy.id,
          }),
        ],
        'importer',
      );
      assert.deepEqual(written, { inserted: 0, updated: 0, unchanged: 1 });
      const [after] = await getValues(handle.db, { orgId, indicatorCodes: ['ioffice.docs_signed'] });
      assert.deepEqual(after, { ...before, importId: takenOverBy.id });
      const history = await getValueHistory(handle.db, { orgId, indicatorCode: 'ioffice.docs_signed' });
      assert.deepEqual(
        history.map((h) => [h.newValue, h.newSource, h.changedBy]),
        [[120, 'api', 'api-client']],
      );
    });

    test('exact decimals survive storage (money and ratios are numeric, not float)', async () => {
      await upsertValues(
        handle.db,
        [
          row({ indicatorCode: 'postal.revenue', value: '15629000000.50' }),
          row({ indicatorCode: 'ioffice.signed_ratio', value: 30.73 }),
        ],
        null,
      );
      const stored = await handle.db
        .selectFrom('data_values')
        .select(['indicator_code', 'value'])
        .orderBy('indicator_code')
        .execute();
      assert.deepEqual(
        stored.map((s) => s.value),
        ['30.73', '15629000000.50'],
      );
    });

    test('removing a value audits the removal and frees the key', async () => {
      await upsertValues(handle.db, [row({ value: 5 })], 'a');
      const key = row({});
      assert.equal(await deleteValues(handle.db, [key], 'b', 'nhập nhầm'), 1);
      assert.equal(await deleteValues(handle.db, [key], 'b'), 0);
      assert.deepEqual(await getValues(handle.db, { orgId }), []);
      const history = await getValueHistory(handle.db, { orgId });
      assert.deepEqual(
        history.map((h) => [h.oldValue, h.newValue, h.changedBy, h.reason]),
        [
          [null, 5, 'a', null],
          [5, null, 'b', 'nhập nhầm'],
        ],
      );
      assert.deepEqual(await upsertValues(handle.db, [row({ value: 6 })], 'a'), {
        inserted: 1,
        updated: 0,
        unchanged: 0,
      });
    });

    test('a value for an indicator the organisation does not have is refused by the database', async () => {
      await assert.rejects(upsertValues(handle.db, [row({ indicatorCode: 'khong.co' })], null));
    });

    test('filters: periods, indicators, organisation level vs units', async () => {
      await upsertValues(
        handle.db,
        [
          row({ periodId: '2022-03', value: 1500 }),
          row({ periodId: '2022-04', value: 1858 }),
          row({ periodId: '2022-04', indicatorCode: 'ca.total', scope: 'as_of_end', value: 1755 }),
        ],
        null,
      );
      assert.deepEqual(
        (
          await getValues(handle.db, { orgId, periodIds: ['2022-04'], indicatorCodes: ['ioffice.docs_sent'] })
        ).map((v) => v.value),
        [1858],
      );
      assert.deepEqual(await getValues(handle.db, { orgId, periodIds: [] }), []);
      assert.equal((await getValues(handle.db, { orgId, unitId: null })).length, 3);
      assert.equal((await getValues(handle.db, { orgId, unitId: 1 })).length, 0);
      assert.equal((await getValues(handle.db, { orgId: 'other' })).length, 0);
    });

    test('a bulk save of 5,000 values writes 5,000 rows and 5,000 audit rows', async () => {
      const rows = Array.from({ length: 5000 }, (_, i) => row({ breakdown: `b${i}`, value: i }));
      const result = await upsertValues(handle.db, rows, 'bulk');
      assert.deepEqual(result, { inserted: 5000, updated: 0, unchanged: 0 });
      const again = await upsertValues(handle.db, rows, 'bulk');
      assert.deepEqual(again, { inserted: 0, updated: 0, unchanged: 5000 });
      const audit = await handle.db
        .selectFrom('value_audit')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      assert.equal(audit.n, 5000);
    });
  });
}
