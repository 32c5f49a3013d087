import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { TEST_ORG_ID, type TestDatabase, testEngines, useTestDatabase } from '../db/testing.js';
import { createUnit } from '../db/unit.repository.js';
import { getValueHistory } from '../db/value.repository.js';
import { refusal } from '../domain/errors.test-helper.js';
import { getValues, setValues } from './value.service.js';

async function countRows(handle: TestDatabase, table: 'data_values' | 'value_audit'): Promise<number> {
  const row = await handle.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return row.n;
}

for (const engine of testEngines()) {
  describe(`value service (${engine})`, () => {
    const handle = useTestDatabase(engine, { seed: true, truncate: ['value_audit', 'data_values'] });
    const orgId = TEST_ORG_ID;

    test('a value saved twice keeps one current value and two audit rows', async () => {
      // Seed 004 (April 2022): 1.858 documents sent; a correction changes it.
      const first = await setValues(handle.db, 'van-phong', {
        orgId,
        periodId: '2022-04',
        values: [{ indicator: 'ioffice.docs_sent', value: '1.858' }],
        source: 'manual',
      });
      assert.deepEqual(first, { inserted: 1, updated: 0, unchanged: 0 });
      const second = await setValues(handle.db, 'giam-doc', {
        orgId,
        periodId: '2022-04',
        values: [{ indicator: 'ioffice.docs_sent', value: 1860 }],
        source: 'manual',
        reason: 'đính chính',
      });
      assert.deepEqual(second, { inserted: 0, updated: 1, unchanged: 0 });

      const current = await getValues(handle.db, { orgId, periodIds: ['2022-04'] });
      assert.equal(current.length, 1);
      assert.equal(current[0]?.value, 1860);
      assert.equal(current[0]?.updatedBy, 'giam-doc');

      const history = await getValueHistory(handle.db, { orgId, indicatorCode: 'ioffice.docs_sent' });
      assert.deepEqual(
        history.map((h) => [h.oldValue, h.newValue, h.changedBy, h.reason]),
        [
          [null, 1858, 'van-phong', null],
          [1858, 1860, 'giam-doc', 'đính chính'],
        ],
      );
      assert.equal(history[1]?.valueId, current[0]?.id);
    });

    test('saving the same value again writes no new audit row', async () => {
      const request = {
        orgId,
        periodId: '2022-04',
        values: [{ indicator: 'ioffice.signed_ratio', value: '30,73' }],
        source: 'manual' as const,
      };
      await setValues(handle.db, null, request);
      const again = await setValues(handle.db, null, {
        ...request,
        values: [{ indicator: 'ioffice.signed_ratio', value: 30.73 }],
      });
      assert.deepEqual(again, { inserted: 0, updated: 0, unchanged: 1 });
      assert.equal(await countRows(handle, 'value_audit'), 1);
      assert.equal(await countRows(handle, 'data_values'), 1);
    });

    test('Vietnamese notation is read as numbers and money keeps its decimals', async () => {
      await setValues(handle.db, null, {
        orgId,
        periodId: '2021-9M',
        values: [
          { indicator: 'postal.revenue', value: '15.629.000.000', qualifier: 'ước' },
          { indicator: 'ioffice.signed_ratio', value: '77,2%' },
          { indicator: 'ca.total', value: 1755, scope: 'as_of_end' },
        ],
        source: 'import',
      });
      const values = await getValues(handle.db, { orgId, periodIds: ['2021-9M'] });
      assert.deepEqual(
        values.map((v) => [v.indicatorCode, v.value, v.scope, v.qualifier, v.source]),
        [
          ['ca.total', 1755, 'as_of_end', null, 'import'],
          ['ioffice.signed_ratio', 77.2, 'period', null, 'import'],
          ['postal.revenue', 15629000000, 'period', 'ước', 'import'],
        ],
      );
    });

    test('a multi-value save with one bad value leaves nothing written', async () => {
      const error = await refusal(
        setValues(handle.db, null, {
          orgId,
          periodId: '2022-04',
          values: [
            { indicator: 'ioffice.docs_sent', value: 1858 },
            { indicator: 'ioffice.docs_signed', value: 571 },
            { indicator: 'ca.total', value: -3 },
          ],
          source: 'manual',
        }),
      );
      assert.equal(error.code, 'value.negative');
      assert.equal(await countRows(handle, 'data_values'), 0);
      assert.equal(await countRows(handle, 'value_audit'), 0);
    });

    test('a failure inside the write transaction rolls back the values already written', async () => {
      await setValues(handle.db, null, {
        orgId,
        periodId: '2022-04',
        values: [{ indicator: 'ioffice.docs_sent', value: 1858 }],
        source: 'manual',
      });
      // The first value passes validation and is written; the report id breaks the foreign key on write.
      await assert.rejects(
        setValues(handle.db, null, {
          orgId,
          periodId: '2022-04',
          values: [
            { indicator: 'ioffice.docs_sent', value: 2000 },
            { indicator: 'ioffice.docs_signed', value: 571 },
          ],
          source: 'import',
          reportId: 999_999,
        }),
      );
      const values = await getValues(handle.db, { orgId });
      assert.deepEqual(
        values.map((v) => [v.indicatorCode, v.value]),
        [['ioffice.docs_sent', 1858]],
      );
      assert.equal(await countRows(handle, 'value_audit'), 1);
    });

    const refusals: Array<{
      name: string;
      periodId?: string;
      indicator: string;
      value: number | string;
      code: string;
      mentions: string[];
    }> = [
      {
        name: 'unknown indicator',
        indicator: 'ioffice.nope',
        value: 1,
        code: 'indicator.unknown',
        mentions: ['ioffice.nope', 'Chỉ tiêu'],
      },
      {
        name: 'malformed period id',
        periodId: '2022-13',
        indicator: 'ioffice.docs_sent',
        value: 1,
        code: 'period.invalid',
        mentions: ['2022-13', 'Kỳ báo cáo'],
      },
      {
        name: 'non-numeric value',
        indicator: 'ioffice.docs_sent',
        value: 'một nghìn',
        code: 'value.not_number',
        mentions: ['một nghìn', 'không phải là số', 'ioffice.docs_sent'],
      },
      {
        name: 'non-finite number',
        indicator: 'ioffice.docs_sent',
        value: Number.NaN,
        code: 'value.not_number',
        mentions: ['không phải là số'],
      },
      {
        name: 'negative count',
        indicator: 'ioffice.docs_sent',
        value: -5,
        code: 'value.negative',
        mentions: ['không được âm', 'ioffice.docs_sent'],
      },
      {
        name: 'negative count as text',
        indicator: 'ca.total',
        value: '-1.200',
        code: 'value.negative',
        mentions: ['không được âm', '-1.200'],
      },
      {
        name: 'fractional count',
        indicator: 'ioffice.docs_sent',
        value: '12,5',
        code: 'value.not_integer',
        mentions: ['số nguyên', '12,5'],
      },
      {
        name: 'ratio above 100',
        indicator: 'ioffice.signed_ratio',
        value: '130,73',
        code: 'value.out_of_range',
        mentions: ['0–100', '130,73', 'Tỷ lệ văn bản đi được ký số'],
      },
    ];
    for (const c of refusals) {
      test(`refuses a ${c.name} with ${c.code} and a Vietnamese message`, async () => {
        const error = await refusal(
          setValues(handle.db, null, {
            orgId,
            periodId: c.periodId ?? '2022-04',
            values: [{ indicator: c.indicator, value: c.value }],
            source: 'manual',
          }),
        );
        assert.equal(error.code, c.code);
        assert.equal(error.status, 400);
        for (const part of c.mentions)
          assert.ok(error.message.includes(part), `"${error.message}" should mention "${part}"`);
        assert.equal(await countRows(handle, 'data_values'), 0);
      });
    }

    test('refuses an unknown organisation and a unit of another organisation', async () => {
      const unknownOrg = await refusal(
        setValues(handle.db, null, {
          orgId: 'so-khong-co',
          periodId: '2022-04',
          values: [{ indicator: 'ioffice.docs_sent', value: 1 }],
          source: 'manual',
        }),
      );
      assert.equal(unknownOrg.code, 'organisation.unknown');
      assert.match(unknownOrg.message, /so-khong-co/);

      const unknownUnit = await refusal(
        setValues(handle.db, null, {
          orgId,
          periodId: '2022-04',
          unitId: 424242,
          values: [{ indicator: 'ioffice.docs_sent', value: 1 }],
          source: 'manual',
        }),
      );
      assert.equal(unknownUnit.code, 'unit.unknown');
    });

    test('organisation-level and unit-level values of one key are distinct, each unique', async () => {
      const unit = await createUnit(handle.db, { org_id: orgId, code: 'van-phong', name: 'Văn phòng' });
      const save = (unitId: number | null, value: number) =>
        setValues(handle.db, null, {
          orgId,
          periodId: '2022-04',
          unitId,
          values: [{ indicator: 'ioffice.docs_sent', value }],
          source: 'manual',
        });
      await save(null, 1858);
      await save(null, 1859);
      await save(unit.id, 300);
      await save(unit.id, 301);
      const all = await getValues(handle.db, { orgId, periodIds: ['2022-04'] });
      assert.deepEqual(
        all.map((v) => [v.unitId, v.value]),
        [
          [unit.id, 301],
          [null, 1859],
        ],
      );
      const orgLevel = await getValues(handle.db, { orgId, unitId: null });
      assert.deepEqual(
        orgLevel.map((v) => v.value),
        [1859],
      );
      assert.equal(await countRows(handle, 'value_audit'), 4);
    });

    test('breakdowns keep two values of one indicator in one period apart', async () => {
      await setValues(handle.db, null, {
        orgId,
        periodId: '2021-9M',
        values: [
          { indicator: 'ioffice.docs_sent', value: 100, breakdown: 'trước thời hạn' },
          { indicator: 'ioffice.docs_sent', value: 40, breakdown: 'đúng thời hạn' },
        ],
        source: 'manual',
      });
      const values = await getValues(handle.db, { orgId, indicatorCodes: ['ioffice.docs_sent'] });
      assert.deepEqual(
        values.map((v) => [v.breakdown, v.value]),
        // byte order: 't' (0x74) sorts before 'đ' (U+0111)
        [
          ['trước thời hạn', 100],
          ['đúng thời hạn', 40],
        ],
      );
    });
  });
}
