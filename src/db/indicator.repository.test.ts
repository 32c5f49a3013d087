import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { defaultCatalogue } from '../domain/default-catalogue.js';
import { getIndicator, getIndicators, setIndicatorActive, upsertIndicators } from './indicator.repository.js';
import { createOrganisation } from './organisation.repository.js';
import { testEngines, useTestDatabase } from './testing.js';

for (const engine of testEngines()) {
  describe(`indicator repository (${engine})`, () => {
    const handle = useTestDatabase(engine);
    before(async () => {
      await createOrganisation(handle.db, {
        id: 'stttt-travinh',
        name: 'Sở Thông tin và Truyền thông tỉnh Trà Vinh',
      });
      await createOrganisation(handle.db, {
        id: 'skhcn-vinhlong',
        name: 'Sở Khoa học và Công nghệ tỉnh Vĩnh Long',
      });
    });

    test('the whole default catalogue round-trips through one bulk upsert', async () => {
      const catalogue = defaultCatalogue().indicators;
      await upsertIndicators(handle.db, 'stttt-travinh', catalogue);
      const stored = await getIndicators(handle.db, 'stttt-travinh');
      assert.equal(stored.length, catalogue.length);
      stored.forEach((indicator, index) => {
        const { active, position, ...rest } = indicator;
        const expected = catalogue[index]!;
        assert.equal(active, true);
        assert.equal(position, index);
        assert.deepEqual(rest, {
          ...expected,
          subsetOf: expected.subsetOf ?? null,
        });
      });
      assert.deepEqual(await getIndicators(handle.db, 'skhcn-vinhlong'), []);
    });

    test('upserting again updates in place and re-activates', async () => {
      await upsertIndicators(handle.db, 'stttt-travinh', [
        {
          code: 'test.count',
          name: 'Số thử',
          unit: 'cái',
          section: 'cntt',
          kind: 'flow',
          formula: null,
          partOf: null,
          dimension: null,
          integer: true,
          required: false,
        },
      ]);
      assert.equal(await setIndicatorActive(handle.db, 'stttt-travinh', 'test.count', false), true);
      assert.equal((await getIndicator(handle.db, 'stttt-travinh', 'test.count'))?.active, false);
      assert.deepEqual(
        (await getIndicators(handle.db, 'stttt-travinh', { activeOnly: true, codes: ['test.count'] })).length,
        0,
      );
      await upsertIndicators(handle.db, 'stttt-travinh', [
        {
          code: 'test.count',
          name: 'Số thử (sửa)',
          unit: 'cái',
          section: 'cntt',
          kind: 'stock',
          formula: null,
          partOf: null,
          dimension: null,
          integer: true,
          required: true,
        },
      ]);
      const updated = await getIndicator(handle.db, 'stttt-travinh', 'test.count');
      assert.equal(updated?.name, 'Số thử (sửa)');
      assert.equal(updated?.kind, 'stock');
      assert.equal(updated?.required, true);
      assert.equal(updated?.active, true);
    });
  });
}
