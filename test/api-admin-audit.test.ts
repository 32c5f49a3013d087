import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type ApiClient, describeDemoApi, type Json, orgPath } from '../src/server/testing.js';

/**
 * An admin edit reads the state its audit entry calls "before" inside the transaction that changes it,
 * under the row's lock: edits racing on one record each record what they really replaced, so the
 * entries chain (each "before" is the previous "after") and the last "after" is what is stored.
 */

interface Entry {
  before: Record<string, unknown>;
  after: Record<string, unknown>;
}

describeDemoApi(
  'API admin edits: the audit "before" is read in the transaction',
  ['admin'],
  (api, [admin]) => {
    async function entries(action: string, entityId: string): Promise<Entry[]> {
      const rows = await api.db
        .selectFrom('audit_log')
        .select(['before', 'after'])
        .where('action', '=', action)
        .where('entity_id', '=', entityId)
        .orderBy('id')
        .execute();
      return rows as Entry[];
    }

    /** Sends the edits at once; all succeed, and the audit entries of `field` chain from `first` to the stored value. */
    async function racingEdits(
      client: ApiClient,
      path: string,
      field: string,
      values: string[],
      audit: () => Promise<Entry[]>,
      first: unknown,
      stored: () => Promise<unknown>,
    ): Promise<void> {
      const answers = await Promise.all(values.map((value) => client.patch(path, { [field]: value })));
      for (const answer of answers) assert.equal(answer.status, 200, JSON.stringify(answer.body));
      const log = await audit();
      assert.equal(log.length, values.length);
      assert.deepEqual(
        log.map((entry) => entry.before[field]),
        [first, ...log.slice(0, -1).map((entry) => entry.after[field])],
        'each entry replaced what the previous one wrote',
      );
      assert.deepEqual(log.map((entry) => entry.after[field]).sort(), [...values].sort());
      assert.equal(await stored(), log.at(-1)?.after[field]);
    }

    test('units', async () => {
      const unit = (await admin.get(orgPath('/units'))).body.find((u: Json) => u.code === 'thanh-tra');
      await racingEdits(
        admin,
        orgPath('/units/thanh-tra'),
        'name',
        ['Thanh tra Sở (1)', 'Thanh tra Sở (2)', 'Thanh tra Sở (3)', 'Thanh tra Sở (4)'],
        () => entries('unit.update', unit.id),
        unit.name,
        async () => (await admin.get(orgPath('/units'))).body.find((u: Json) => u.code === 'thanh-tra').name,
      );
    });

    test('catalogue indicators, their notes included', async () => {
      const code = 'ioffice.docs_sent';
      const find = async () =>
        (await admin.get(orgPath('/catalogue?inactive=true'))).body.find((i: Json) => i.code === code);
      await racingEdits(
        admin,
        orgPath(`/catalogue/${code}`),
        'notes',
        ['Ghi chú 1.', 'Ghi chú 2.', 'Ghi chú 3.', 'Ghi chú 4.'],
        () => entries('indicator.update', code),
        (await find()).notes ?? null,
        async () => (await find()).notes,
      );
    });

    test('users', async () => {
      const user = (await admin.get(orgPath('/users'))).body.find((u: Json) => u.username === 'phantich');
      await racingEdits(
        admin,
        orgPath(`/users/${user.id}`),
        'displayName',
        ['Phân tích 1', 'Phân tích 2', 'Phân tích 3', 'Phân tích 4'],
        () => entries('user.update', user.id),
        user.displayName,
        async () =>
          (await admin.get(orgPath('/users'))).body.find((u: Json) => u.username === 'phantich').displayName,
      );
    });
  },
);
