import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  createOrganisation,
  getOrganisation,
  organisationExists,
  organisationLineage,
  setOrganisationSuccessor,
} from './organisation.repository.js';
import { testEngines, useTestDatabase } from './testing.js';
import { createUnit, listUnits, updateUnit } from './unit.repository.js';

for (const engine of testEngines()) {
  describe(`organisations and units (${engine})`, () => {
    const handle = useTestDatabase(engine);

    test('an organisation keeps its dates, org_id mirrors id, settings are JSON', async () => {
      const created = await createOrganisation(handle.db, {
        id: 'stttt-travinh',
        name: 'Sở Thông tin và Truyền thông tỉnh Trà Vinh',
        parent_authority: 'UBND TỈNH TRÀ VINH',
        place: 'Trà Vinh',
        symbol: 'STTTT',
        cutoff_rule: 'decree09',
        valid_from: '2008-04-01',
        settings: { locale: 'vi' },
      });
      assert.equal(created.org_id, 'stttt-travinh');
      assert.equal(created.valid_from, '2008-04-01');
      assert.equal(created.cutoff_rule, 'decree09');
      assert.deepEqual(created.settings, { locale: 'vi' });
      assert.equal(await organisationExists(handle.db, 'stttt-travinh'), true);
      assert.equal(await organisationExists(handle.db, 'khong-co'), false);
    });

    test('the successor link joins the Sở TT&TT to the merged Sở KH&CN in one lineage', async () => {
      await createOrganisation(handle.db, {
        id: 'skhcn-travinh',
        name: 'Sở Khoa học và Công nghệ tỉnh Trà Vinh',
        valid_from: '2025-03-01',
      });
      await createOrganisation(handle.db, {
        id: 'skhcn-vinhlong',
        name: 'Sở Khoa học và Công nghệ tỉnh Vĩnh Long',
        valid_from: '2025-07-01',
      });
      await setOrganisationSuccessor(handle.db, 'stttt-travinh', 'skhcn-travinh', '2025-02-28');
      await setOrganisationSuccessor(handle.db, 'skhcn-travinh', 'skhcn-vinhlong', '2025-06-30');

      const old = await getOrganisation(handle.db, 'stttt-travinh');
      assert.equal(old?.successor_id, 'skhcn-travinh');
      assert.equal(old?.valid_to, '2025-02-28');
      const expected = ['stttt-travinh', 'skhcn-travinh', 'skhcn-vinhlong'];
      for (const start of expected) {
        const lineage = await organisationLineage(handle.db, start);
        assert.deepEqual(
          lineage.map((o) => o.id),
          expected,
          `lineage from ${start}`,
        );
      }
    });

    test('an organisation cannot succeed itself or name an unknown successor', async () => {
      await assert.rejects(
        setOrganisationSuccessor(handle.db, 'skhcn-vinhlong', 'skhcn-vinhlong', '2030-01-01'),
      );
      await assert.rejects(setOrganisationSuccessor(handle.db, 'skhcn-vinhlong', 'khong-co', '2030-01-01'));
    });

    test('units are unique per organisation by code and filtered by validity', async () => {
      const office = await createUnit(handle.db, {
        org_id: 'stttt-travinh',
        code: 'van-phong',
        name: 'Văn phòng',
        sections: ['chung', 'van_phong'],
        position: 1,
      });
      assert.deepEqual(office.sections, ['chung', 'van_phong']);
      await assert.rejects(
        createUnit(handle.db, { org_id: 'stttt-travinh', code: 'van-phong', name: 'Trùng' }),
      );
      await createUnit(handle.db, {
        org_id: 'skhcn-vinhlong',
        code: 'van-phong',
        name: 'Văn phòng Sở KH&CN',
      });

      const center = await createUnit(handle.db, {
        org_id: 'stttt-travinh',
        code: 'trung-tam',
        name: 'Trung tâm Công nghệ thông tin và Truyền thông',
        parent_id: null,
        valid_from: '2010-01-01',
        position: 2,
      });
      await updateUnit(handle.db, 'stttt-travinh', center.id, { valid_to: '2025-02-28' });
      const in2022 = await listUnits(handle.db, 'stttt-travinh', { onDate: '2022-04-30' });
      const in2026 = await listUnits(handle.db, 'stttt-travinh', { onDate: '2026-01-01' });
      assert.deepEqual(
        in2022.map((u) => u.code),
        ['van-phong', 'trung-tam'],
      );
      assert.deepEqual(
        in2026.map((u) => u.code),
        ['van-phong'],
      );
    });
  });
}
