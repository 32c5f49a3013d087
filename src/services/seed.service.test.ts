import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { listOrganisations, organisationLineage } from '../db/organisation.repository.js';
import { testEngines, useTestDatabase } from '../db/testing.js';
import { listUnits } from '../db/unit.repository.js';
import { getUserByUsername, getUserRoles } from '../db/user.repository.js';
import { getValues } from '../db/value.repository.js';
import { verifyPassword } from './password.js';
import { seedDemo } from './seed.service.js';

for (const engine of testEngines()) {
  describe(`demo seed on ${engine}`, () => {
    const handle = useTestDatabase(engine);

    test('creates the Trà Vinh department, its six units, users per role and the seed history', async () => {
      const result = await seedDemo(handle.db);
      assert.equal(result.created, true);
      const orgs = await listOrganisations(handle.db);
      assert.ok(orgs.some((o) => o.name === 'Sở Thông tin và Truyền thông tỉnh Trà Vinh'));
      // The 2017-2025 department lives on in the merged Sở KH&CN of Vĩnh Long.
      const lineage = await organisationLineage(handle.db, 'stttt-travinh');
      assert.deepEqual(
        lineage.map((o) => o.id),
        ['stttt-travinh', 'sokhcn-travinh', 'sokhcn-vinhlong'],
      );
      const units = await listUnits(handle.db, 'stttt-travinh');
      assert.deepEqual(
        units.map((u) => u.name),
        [
          'Văn phòng',
          'Thanh tra',
          'Phòng Bưu chính - Viễn thông',
          'Phòng Công nghệ thông tin',
          'Phòng Thông tin - Báo chí - Xuất bản',
          'Trung tâm Công nghệ thông tin và Truyền thông',
        ],
      );
      const cntt = units.find((u) => u.code === 'phong-cntt')!;
      assert.ok(cntt.sections.includes('cntt_cqnn') && cntt.sections.includes('attt'), cntt.sections.join());
      const editor = await getUserByUsername(handle.db, 'stttt-travinh', 'cntt');
      assert.ok(editor);
      assert.equal(await verifyPassword(result.password, editor.password_hash), true);
      const roles = await getUserRoles(handle.db, 'stttt-travinh', editor.id);
      assert.deepEqual(
        roles.map((r) => r.role),
        ['editor'],
      );
      assert.equal(roles[0]!.unitId, units.find((u) => u.code === 'phong-cntt')!.id);

      // Periods of the five seed reports, with a figure checked against each source text.
      assert.deepEqual(result.history.map((h) => h.periodId).sort(), [
        '2017',
        '2020-06',
        '2021-04',
        '2021-9M',
        '2022-04',
      ]);
      const signed = await getValues(handle.db, {
        orgId: 'stttt-travinh',
        periodIds: ['2022-04'],
        indicatorCodes: ['ioffice.docs_signed'],
      });
      assert.equal(signed[0]?.value, 15905); // "15.905 văn bản được ký số" (seed 001)
      const revenue = await getValues(handle.db, {
        orgId: 'stttt-travinh',
        periodIds: ['2021-9M'],
        indicatorCodes: ['postal.revenue'],
      });
      assert.equal(revenue[0]?.value, 38_500_000_000); // "38,5 tỷ đồng" (seed 002)
    });

    test('seeding again changes nothing', async () => {
      const again = await seedDemo(handle.db);
      assert.equal(again.created, false);
      assert.equal((await listUnits(handle.db, 'stttt-travinh')).length, 6);
    });
  });
}
