import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { TEST_ORG_ID, testEngines, useTestDatabase } from '../db/testing.js';
import { defaultCatalogue } from '../domain/default-catalogue.js';
import { aggregatePeriod, validatePeriod } from './period-analysis.service.js';
import { setValues } from './value.service.js';

for (const engine of testEngines()) {
  describe(`period analysis on ${engine}`, () => {
    const handle = useTestDatabase(engine, { seed: defaultCatalogue().indicators });

    test('finds the USB/SIM PKI error of seed 004 (1.719 + 35 ≠ 1.755) and nothing on consistent totals', async () => {
      await setValues(handle.db, 'test', {
        orgId: TEST_ORG_ID,
        periodId: '2021-04',
        source: 'manual',
        values: [
          { indicator: 'ca.total', value: '2.223', scope: 'as_of_end' },
          { indicator: 'ca.org', value: '468', scope: 'as_of_end' },
          { indicator: 'ca.personal', value: '1.755', scope: 'as_of_end' },
          { indicator: 'ca.personal_usb', value: '1.719', scope: 'as_of_end' },
          { indicator: 'ca.personal_sim', value: '35', scope: 'as_of_end' },
        ],
      });
      const findings = await validatePeriod(handle.db, TEST_ORG_ID, '2021-04');
      const parts = findings.filter((f) => f.indicators.includes('ca.personal_usb'));
      assert.equal(parts.length, 1, JSON.stringify(findings));
      assert.equal(parts[0]!.indicators.includes('ca.personal'), true);
      // 468 + 1.755 = 2.223: the holder breakdown agrees.
      assert.equal(findings.filter((f) => f.indicators.includes('ca.org')).length, 0);
    });

    test('an unsaved edit replaces the stored value in live validation', async () => {
      const findings = await validatePeriod(handle.db, TEST_ORG_ID, '2021-04', {
        edits: [{ indicator: 'ca.personal_sim', value: 36, scope: 'as_of_end' }],
      });
      assert.equal(findings.filter((f) => f.indicators.includes('ca.personal_usb')).length, 0);
    });

    test('aggregates a quarter from months: flows summed, ratio recomputed', async () => {
      const months = [
        ['2021-07', 100, 80],
        ['2021-08', 200, 150],
        ['2021-09', 300, 270],
      ] as const;
      for (const [periodId, sent, signed] of months) {
        await setValues(handle.db, 'test', {
          orgId: TEST_ORG_ID,
          periodId,
          source: 'manual',
          values: [
            { indicator: 'ioffice.docs_sent', value: sent },
            { indicator: 'ioffice.docs_signed', value: signed },
          ],
        });
      }
      const result = await aggregatePeriod(handle.db, TEST_ORG_ID, '2021-Q3');
      const byCode = new Map(result.map((r) => [r.indicator, r]));
      assert.equal(byCode.get('ioffice.docs_sent')?.value, 600);
      assert.equal(byCode.get('ioffice.docs_signed')?.value, 500);
      // 500 / 600 × 100 = 83,33…%, not the mean of 80%, 75%, 90%.
      assert.ok(Math.abs(byCode.get('ioffice.signed_ratio')!.value! - 83.3333) < 0.001);
      assert.equal(byCode.get('ioffice.docs_sent')?.monthsPresent, 3);
    });

    test('an unknown organisation is refused with a clear message', async () => {
      await assert.rejects(() => validatePeriod(handle.db, 'khong-co', '2021-04'), /Không tìm thấy tổ chức/);
    });
  });
}
