import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { testEngines, useTestDatabase } from '../db/testing.js';
import { getUserByUsername } from '../db/user.repository.js';
import type { Auth } from './access.js';
import { dashboard } from './dashboard.service.js';
import { seedDemo } from './seed.service.js';

for (const engine of testEngines()) {
  describe(`dashboard targets on ${engine}`, () => {
    const handle = useTestDatabase(engine);
    let auth: Auth;
    before(async () => {
      await seedDemo(handle.db);
      const analyst = (await getUserByUsername(handle.db, 'stttt-travinh', 'phantich'))!;
      auth = { db: handle.db, orgId: 'stttt-travinh', userId: analyst.id, username: analyst.username };
    });

    test('the latest values carry the target in force (catalogue/targets.json)', async () => {
      const view = await dashboard(handle.db, auth, 'stttt-travinh', '2022-04');
      const level4 = view.latest.find((r) => r.indicator === 'dvc.services_level4_ratio');
      // Seed 001: "mức 4: 1057 dịch vụ (chiếm tỷ lệ 56,89%)"; the 2022 plan: 100% at level 4.
      assert.equal(level4?.value, 56.89);
      assert.equal(level4?.target, 100);
      const users = view.latest.find((r) => r.indicator === 'ioffice.users');
      assert.equal(users?.target, null);
    });

    test("an organisation's own target replaces the default", async () => {
      await handle.db
        .updateTable('organisations')
        .set({
          settings: JSON.stringify({
            targets: [{ indicator: 'dvc.services_level4_ratio', value: 80, from: 2022 }],
          }),
        })
        .where('id', '=', 'stttt-travinh')
        .execute();
      const view = await dashboard(handle.db, auth, 'stttt-travinh', '2022-04');
      assert.equal(view.latest.find((r) => r.indicator === 'dvc.services_level4_ratio')?.target, 80);
    });
  });
}
