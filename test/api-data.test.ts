import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addCitations } from '../src/db/citation.repository.js';
import { ApiClient, DEMO_ORG, describeDemoApi, orgPath, signedInClient } from '../src/server/testing.js';

interface Point {
  periodId: string;
  value: number;
}

describeDemoApi(
  'API organisations, figures, analytics, search and rendering',
  ['vanphong', 'cntt', 'phantich', 'admin', 'bcvt'],
  (api, [office, editor, analyst, admin, otherEditor]) => {
    test('organisations are listed before sign-in, with the successor chain of the 2025 merger', async () => {
      const r = await analyst.get('/api/organisations');
      assert.equal(r.status, 200);
      const travinh = r.body.find((o: { id: string }) => o.id === DEMO_ORG);
      assert.equal(travinh.name, 'Sở Thông tin và Truyền thông tỉnh Trà Vinh');
      assert.equal(travinh.successorId, 'sokhcn-travinh');
      const one = await analyst.get(orgPath(''));
      assert.equal(one.status, 200);
      assert.equal(one.body.place, 'Trà Vinh');
    });

    test('units carry the template sections they write', async () => {
      const r = await analyst.get(orgPath('/units'));
      assert.equal(r.status, 200);
      assert.deepEqual(
        r.body.map((u: { code: string }) => u.code),
        ['van-phong', 'thanh-tra', 'phong-bcvt', 'phong-cntt', 'phong-ttbcxb', 'trung-tam-cntt'],
      );
      const cntt = r.body.find((u: { code: string }) => u.code === 'phong-cntt');
      assert.ok(cntt.sections.includes('cntt_cqnn'));
      assert.ok(!cntt.sections.includes('buu_chinh'));
    });

    test('catalogue and template: indicators with kinds and formulas; template titles filled for a period', async () => {
      const catalogue = await analyst.get(orgPath('/catalogue'));
      const ratio = catalogue.body.find((i: { code: string }) => i.code === 'ioffice.signed_ratio');
      assert.equal(ratio.kind, 'ratio');
      assert.deepEqual(ratio.formula, {
        numerator: 'ioffice.docs_signed',
        denominator: 'ioffice.docs_sent',
        multiplier: 100,
      });
      const template = await analyst.get(orgPath('/template?period=2021-9M'));
      assert.equal(template.status, 200);
      const plan = template.body.sections.find((s: { key: string }) => s.key === 'ke_hoach');
      assert.equal(plan.title, 'KẾ HOẠCH CÔNG TÁC 3 THÁNG CUỐI NĂM 2021');
      const raw = await analyst.get(orgPath('/template'));
      assert.match(
        raw.body.sections.find((s: { key: string }) => s.key === 'ke_hoach').title,
        /\{planPeriodUpper\}/,
      );
    });

    test('admin lists and creates users; the new user can sign in with its role', async () => {
      const list = await admin.get(orgPath('/users'));
      assert.deepEqual(list.body.map((u: { username: string }) => u.username).sort(), [
        'admin',
        'bcvt',
        'cntt',
        'giamdoc',
        'phantich',
        'vanphong',
      ]);
      const created = await admin.post(orgPath('/users'), {
        username: 'ttbcxb',
        displayName: 'Phòng TT-BC-XB',
        password: 'mot-mat-khau-dai',
        roles: [{ role: 'editor', unitCode: 'phong-ttbcxb' }],
      });
      assert.equal(created.status, 201);
      assert.deepEqual(created.body.roles, [
        { role: 'editor', unitId: created.body.roles[0].unitId, unitCode: 'phong-ttbcxb' },
      ]);
      const duplicate = await admin.post(orgPath('/users'), {
        username: 'ttbcxb',
        displayName: 'x',
        password: 'mot-mat-khau-dai',
        roles: [{ role: 'analyst' }],
      });
      assert.equal(duplicate.status, 409);
      const session = await signedInClient(api.app, 'ttbcxb').catch(() => null);
      assert.equal(session, null, 'the demo password is not the new one');
      const login = await new ApiClient(api.app).login('ttbcxb', 'mot-mat-khau-dai');
      assert.equal(login.status, 200);
      const stored = await api.db
        .selectFrom('users')
        .select('password_hash')
        .where('username', '=', 'ttbcxb')
        .executeTakeFirstOrThrow();
      assert.match(stored.password_hash, /^scrypt\$/);
    });

    test('admin deactivates a user: their session ends and they cannot sign in; not their own account', async () => {
      const created = await admin.post(orgPath('/users'), {
        username: 'nghiviec',
        displayName: 'Cán bộ nghỉ việc',
        password: 'mat-khau-ban-dau',
        roles: [{ role: 'editor', unitCode: 'phong-cntt' }],
      });
      const leaver = new ApiClient(api.app);
      assert.equal((await leaver.login('nghiviec', 'mat-khau-ban-dau')).status, 200);
      const off = await admin.patch(orgPath(`/users/${created.body.id}`), { active: false });
      assert.equal(off.status, 200);
      assert.equal(off.body.active, false);
      assert.equal((await leaver.get('/api/auth/me')).status, 401);
      assert.equal((await leaver.login('nghiviec', 'mat-khau-ban-dau')).status, 401);
      const adminId = (await admin.get('/api/auth/me')).body.user.id;
      const self = await admin.patch(orgPath(`/users/${adminId}`), { active: false });
      assert.equal(self.status, 409);
      assert.equal(self.body.error.code, 'user.self');
    });

    test('admin adds a unit with its sections and retires an indicator (no longer offered nor writable)', async () => {
      const bad = await admin.post(orgPath('/units'), {
        code: 'phong-moi',
        name: 'Phòng mới',
        sections: ['khong_co'],
      });
      assert.equal(bad.status, 400);
      assert.equal(bad.body.error.code, 'unit.sections_unknown');
      const unit = await admin.post(orgPath('/units'), {
        code: 'phong-kh-cn',
        name: 'Phòng Khoa học - Công nghệ',
        sections: ['cong_tac_khac'],
      });
      assert.equal(unit.status, 201);
      assert.deepEqual(unit.body.sections, ['cong_tac_khac']);
      const retired = await admin.patch(orgPath('/catalogue/ecommerce.produce_sold'), { active: false });
      assert.equal(retired.status, 200);
      assert.equal(retired.body.active, false);
      const catalogue = await office.get(orgPath('/catalogue'));
      assert.ok(!catalogue.body.some((i: { code: string }) => i.code === 'ecommerce.produce_sold'));
      // The admin screen asks for retired indicators too, so one can be switched back on.
      const everything = await admin.get(orgPath('/catalogue?inactive=true'));
      assert.equal(everything.status, 200);
      const kept = everything.body.find((i: { code: string }) => i.code === 'ecommerce.produce_sold');
      assert.equal(kept?.active, false);
      assert.equal(everything.body.length, catalogue.body.length + 1);
      const write = await office.put(orgPath('/values'), {
        periodId: '2022-08',
        values: [{ indicator: 'ecommerce.produce_sold', value: 5 }],
      });
      assert.equal(write.status, 403);
      const audit = await admin.get(orgPath('/audit?entity=indicator&entityId=ecommerce.produce_sold'));
      assert.equal(audit.body[0].before.active, true);
      assert.deepEqual(audit.body[0].after, { active: false });
    });

    test('values of the April 2022 seed report read back as stored', async () => {
      const r = await analyst.get(orgPath('/values?period=2022-04'));
      assert.equal(r.status, 200);
      const byCode = new Map(r.body.map((v: { indicator: string; value: number }) => [v.indicator, v]));
      assert.equal((byCode.get('ioffice.docs_sent') as { value: number }).value, 20601);
      assert.equal((byCode.get('ioffice.signed_ratio') as { value: number }).value, 77.2);
      assert.equal((byCode.get('ca.total') as { scope: string }).scope, 'as_of_end');
    });

    test('an editor saves Vietnamese-formatted figures for its unit and gets the findings back', async () => {
      const saved = await editor.put(orgPath('/values'), {
        periodId: '2022-06',
        unitCode: 'phong-cntt',
        values: [
          { indicator: 'ioffice.docs_sent', value: '1.858' },
          { indicator: 'ioffice.docs_signed', value: 1500 },
          { indicator: 'ioffice.signed_ratio', value: '30,73' },
        ],
      });
      assert.equal(saved.status, 200);
      assert.equal(saved.body.inserted, 3);
      // 1500 / 1858 = 80.73 %, not the stated 30.73 %: the stated-ratio rule must say so.
      const ratioFinding = saved.body.findings.find((f: { indicators: string[] }) =>
        f.indicators.includes('ioffice.signed_ratio'),
      );
      assert.ok(ratioFinding, JSON.stringify(saved.body.findings));
      const read = await editor.get(orgPath('/values?period=2022-06'));
      const docs = read.body.find((v: { indicator: string }) => v.indicator === 'ioffice.docs_sent');
      assert.equal(docs.value, 1858);
      assert.equal(docs.updatedBy, 'cntt');
      assert.equal(docs.unitId, null, "the organisation's figure, entered for it by the unit");
      const unchanged = await editor.put(orgPath('/values'), {
        periodId: '2022-06',
        unitCode: 'phong-cntt',
        values: [{ indicator: 'ioffice.docs_sent', value: 1858 }],
      });
      assert.equal(unchanged.body.unchanged, 1);
      assert.equal(unchanged.body.saved, 0);
      const notNumber = await editor.put(orgPath('/values'), {
        periodId: '2022-06',
        unitCode: 'phong-cntt',
        values: [{ indicator: 'ioffice.docs_sent', value: 'mười' }],
      });
      assert.equal(notNumber.status, 400);
      assert.equal(notNumber.body.error.code, 'value.not_number');
      const badPeriod = await editor.put(orgPath('/values'), {
        periodId: '2022-13',
        unitCode: 'phong-cntt',
        values: [{ indicator: 'ioffice.docs_sent', value: 1 }],
      });
      assert.equal(badPeriod.status, 400);
      assert.equal(badPeriod.body.error.code, 'period.invalid');
    });

    test('an emptied figure is taken back: removed, audited, and only by a unit that may write it', async () => {
      const entered = await editor.put(orgPath('/values'), {
        periodId: '2022-07',
        unitCode: 'phong-cntt',
        values: [
          { indicator: 'ioffice.docs_sent', value: '1.858' },
          { indicator: 'ioffice.docs_signed', value: '1.500' },
        ],
      });
      assert.equal(entered.status, 200);
      const elsewhere = await otherEditor.put(orgPath('/values'), {
        periodId: '2022-07',
        unitCode: 'phong-bcvt',
        remove: [{ indicator: 'ioffice.docs_sent' }],
      });
      assert.equal(elsewhere.status, 403, 'a unit removes only the figures it may write');
      const both = await editor.put(orgPath('/values'), {
        periodId: '2022-07',
        unitCode: 'phong-cntt',
        values: [{ indicator: 'ioffice.docs_sent', value: 1 }],
        remove: [{ indicator: 'ioffice.docs_sent' }],
      });
      assert.equal(both.status, 400);
      assert.equal(both.body.error.code, 'value.save_and_remove');
      const empty = await editor.put(orgPath('/values'), { periodId: '2022-07', unitCode: 'phong-cntt' });
      assert.equal(empty.status, 400, 'nothing to save or remove');

      const removed = await editor.put(orgPath('/values'), {
        periodId: '2022-07',
        unitCode: 'phong-cntt',
        remove: [{ indicator: 'ioffice.docs_sent' }],
      });
      assert.equal(removed.status, 200, JSON.stringify(removed.body));
      assert.equal(removed.body.removed, 1);
      assert.equal(removed.body.saved, 0);
      const read = await editor.get(orgPath('/values?period=2022-07'));
      assert.deepEqual(
        read.body.map((v: { indicator: string }) => v.indicator),
        ['ioffice.docs_signed'],
      );
      const audit = await api.db
        .selectFrom('value_audit')
        .select(['old_value', 'new_value', 'changed_by'])
        .where('indicator_code', '=', 'ioffice.docs_sent')
        .where('period_id', '=', '2022-07')
        .orderBy('id')
        .execute();
      const number = (v: unknown) => (v === null ? null : Number(v));
      assert.deepEqual(
        audit.map((a) => [number(a.old_value), number(a.new_value), a.changed_by]),
        [
          [null, 1858, 'cntt'],
          [1858, null, 'cntt'],
        ],
      );
      const again = await editor.put(orgPath('/values'), {
        periodId: '2022-07',
        unitCode: 'phong-cntt',
        remove: [{ indicator: 'ioffice.docs_sent' }],
      });
      assert.equal(again.body.removed, 0, 'a figure not stored is nothing to remove');
    });

    test("a unit's correction of an imported figure replaces it: aggregation, series and dashboard see one value", async () => {
      const saved = await editor.put(orgPath('/values'), {
        periodId: '2020-06',
        unitCode: 'phong-cntt',
        values: [{ indicator: 'ioffice.docs_signed', value: '8.300' }],
      });
      assert.equal(saved.status, 200);
      assert.equal(saved.body.updated, 1, 'the imported figure of seed 000 (8.262) is updated, not joined');
      const series = await analyst.get(orgPath('/series?indicators=ioffice.docs_signed&kind=month'));
      assert.deepEqual(
        series.body[0].points.find((p: Point) => p.periodId === '2020-06'),
        { periodId: '2020-06', value: 8300 },
      );
      const board = await analyst.get(orgPath('/dashboard?period=2020-06'));
      const docs = board.body.latest.find(
        (l: { indicator: string }) => l.indicator === 'ioffice.docs_signed',
      );
      assert.equal(docs.value, 8300);
    });

    test('live validation reacts to unsaved edits; stored findings are unaffected', async () => {
      const clean = await analyst.post(orgPath('/validate'), { periodId: '2021-04' });
      assert.equal(clean.status, 200);
      const ratioRule = (findings: Array<{ indicators: string[] }>) =>
        findings.filter((f) => f.indicators.includes('ioffice.signed_ratio'));
      // Seed 004: 14.477 / 18.182 = 79,62 % as stated — no ratio finding.
      assert.equal(ratioRule(clean.body.findings).length, 0);
      const edited = await analyst.post(orgPath('/validate'), {
        periodId: '2021-04',
        values: [{ indicator: 'ioffice.docs_signed', value: '10.000' }],
      });
      assert.ok(ratioRule(edited.body.findings).length > 0);
      const stored = await analyst.get(orgPath('/findings?period=2021-04'));
      assert.equal(ratioRule(stored.body.findings).length, 0);
    });

    test('series run from 2020 to 2022 in time order, months or all kinds', async () => {
      const months = await analyst.get(
        orgPath('/series?indicators=ioffice.docs_sent,ioffice.signed_ratio&kind=month'),
      );
      assert.equal(months.status, 200);
      const docs = months.body.find((s: { indicator: string }) => s.indicator === 'ioffice.docs_sent');
      assert.equal(docs.name, 'Tổng văn bản đi/phát hành trên hệ thống QLVB&ĐH trong kỳ');
      const wanted = [
        { periodId: '2020-06', value: 10754 },
        { periodId: '2021-04', value: 18182 },
        { periodId: '2022-04', value: 20601 },
      ];
      assert.deepEqual(
        docs.points.filter((p: Point) => wanted.some((w) => w.periodId === p.periodId)),
        wanted,
      );
      const periods = docs.points.map((p: Point) => p.periodId);
      assert.deepEqual(periods, [...periods].sort());
      const all = await analyst.get(orgPath('/series?indicators=ioffice.signed_ratio&kind=all'));
      const ratio = all.body[0].points as Point[];
      assert.deepEqual(
        ratio.filter((p) => ['2020-06', '2021-04', '2021-9M', '2022-04'].includes(p.periodId)),
        [
          { periodId: '2020-06', value: 76.82 },
          { periodId: '2021-04', value: 79.62 },
          { periodId: '2021-9M', value: 77.66 },
          { periodId: '2022-04', value: 77.2 },
        ],
      );
      const years = await analyst.get(orgPath('/series?indicators=ca.total&kind=year'));
      assert.deepEqual(years.body[0].points, [{ periodId: '2017', value: 470 }]);
    });

    test('the dashboard compares a period with the previous one and counts each unit’s figures', async () => {
      const r = await analyst.get(orgPath('/dashboard?period=2021-04'));
      assert.equal(r.status, 200);
      assert.equal(r.body.previousPeriodId, '2021-03');
      const docs = r.body.latest.find((l: { indicator: string }) => l.indicator === 'ioffice.docs_sent');
      assert.deepEqual(
        { value: docs.value, previous: docs.previous, change: docs.change },
        { value: 18182, previous: null, change: null },
      );
      const cntt = r.body.completeness.find((u: { unitCode: string }) => u.unitCode === 'phong-cntt');
      assert.ok(cntt.expected > cntt.present && cntt.present > 0, JSON.stringify(cntt));
      // May 2021 against April 2021 (seed 004: 18.182 documents).
      await office.put(orgPath('/values'), {
        periodId: '2021-05',
        values: [{ indicator: 'ioffice.docs_sent', value: 19000 }],
      });
      const may = await analyst.get(orgPath('/dashboard?period=2021-05'));
      const mayDocs = may.body.latest.find((l: { indicator: string }) => l.indicator === 'ioffice.docs_sent');
      assert.deepEqual(
        { value: mayDocs.value, previous: mayDocs.previous, change: mayDocs.change },
        { value: 19000, previous: 18182, change: 818 },
      );
      const latest = await analyst.get(orgPath('/dashboard'));
      assert.equal(latest.status, 200);
      assert.ok(latest.body.periodId >= '2022-04', latest.body.periodId);
    });

    test('search needs no diacritics: items, reports and cited documents', async () => {
      const report = await office.post(orgPath('/reports'), { periodId: '2022-07' });
      await office.patch(orgPath(`/reports/${report.body.id}`), { number: '2001/BC-STTTT-VP' });
      await office.post(orgPath(`/reports/${report.body.id}/items`), {
        sectionKey: 'tham_muu',
        kind: 'result',
        text: 'Tham mưu UBND tỉnh ban hành Quyết định số 695/QĐ-UBND ngày 12/4/2022 về chuyển đổi số.',
      });
      await addCitations(api.db, DEMO_ORG, Number(report.body.id), [
        {
          type: 'Quyết định',
          number: '695',
          symbol: 'QĐ-UBND',
          date: '2022-04-12',
          issuer: 'UBND tỉnh',
          text: 'Quyết định số 695/QĐ-UBND ngày 12/4/2022',
        },
      ]);
      const r = await analyst.get(orgPath(`/search?q=${encodeURIComponent('quyet dinh 695')}`));
      assert.equal(r.status, 200);
      // The item typed here and the one in the imported April 2022 seed report (seed 001).
      assert.deepEqual(r.body.items.map((i: { periodId: string }) => i.periodId).sort(), [
        '2022-04',
        '2022-07',
      ]);
      for (const item of r.body.items) assert.match(item.text, /Quyết định số 695\/QĐ-UBND/);
      assert.equal(r.body.documents.length, 1);
      assert.equal(r.body.documents[0].title, 'Quyết định số 695/QĐ-UBND');
      assert.equal(r.body.documents[0].reports, 2);
      const byNumber = await analyst.get(orgPath('/search?q=2001%2FBC'));
      assert.deepEqual(
        byNumber.body.reports.map((x: { id: string }) => x.id),
        [report.body.id],
      );
      assert.deepEqual(r.body.more, { reports: false, items: false, documents: false });
      const none = await analyst.get(orgPath('/search?q=khongtontai'));
      assert.deepEqual(none.body, {
        reports: [],
        items: [],
        documents: [],
        more: { reports: false, items: false, documents: false },
      });
      // A word in most items of the five imported reports: the list shows the first 50 and says it goes on.
      const common = await analyst.get(orgPath('/search?q=tinh'));
      assert.equal(common.body.items.length, 50);
      assert.equal(common.body.more.items, true);
    });

    test('a report renders as DOCX, HTML and Markdown', async () => {
      const created = await office.post(orgPath('/reports'), { periodId: '2022-04' });
      const id = created.body.id;
      const docx = await analyst.request('GET', orgPath(`/reports/${id}/render?format=docx`));
      assert.equal(docx.status, 200);
      assert.match(docx.headers.get('content-type') ?? '', /wordprocessingml/);
      assert.match(
        docx.headers.get('content-disposition') ?? '',
        /attachment; filename="bao-cao-2022-04.docx"/,
      );
      assert.ok(String(docx.body).startsWith('PK'), 'a zip container');
      const html = await analyst.request('GET', orgPath(`/reports/${id}/render?format=html`));
      assert.match(html.headers.get('content-type') ?? '', /text\/html/);
      assert.match(html.body, /CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM/);
      assert.match(html.body, /20\.601/);
      const md = await analyst.request('GET', orgPath(`/reports/${id}/render?format=md`));
      assert.match(md.body, /tháng 4 năm 2022/);
    });
  },
);
