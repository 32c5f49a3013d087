import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { before, test } from 'node:test';
import { listAudit } from '../src/db/audit.repository.js';
import type { ImportReview, LearnedWording, ReviewValue } from '../src/server/api-types.js';
import { DEMO_ORG, describeDemoApi, orgPath } from '../src/server/testing.js';

// Seed 004 (April 2021) with a sentence no pattern reads, after its iOffice figures.
const SEED_FILE = 'fixtures/seeds/004_e05fcdfcee13791a.txt';
const SENTENCE =
  '- Hệ thống hội nghị truyền hình của tỉnh phục vụ 23 phiên họp trực tuyến trong tháng, với 310 lượt điểm cầu kết nối.';
// Taught right: the meetings.
const MEETINGS = 'Hệ thống hội nghị truyền hình của tỉnh phục vụ 23 phiên họp trực tuyến';
const MEETINGS_MATCH = 'he thong hoi nghi truyen hinh cua tinh phuc vu {n} phien hop truc tuyen';
// Taught wrong: the endpoints (the last number, 310) under the Jitsi meetings.
const ENDPOINTS = 'phục vụ 23 phiên họp trực tuyến trong tháng, với 310 lượt điểm cầu';
const ENDPOINTS_MATCH = 'phuc vu {#} phien hop truc tuyen trong thang, voi {n} luot diem cau';

function reportWith(seed: string, sentence: string, month = 4): FormData {
  const moved =
    month === 4 ? seed : seed.replaceAll('tháng 4', `tháng ${month}`).replaceAll('THÁNG 4', `THÁNG ${month}`);
  const at = moved.indexOf('\n', moved.indexOf('**18.182**')) + 1;
  const data = new FormData();
  data.set(
    'file',
    new File([`${moved.slice(0, at)}\n${sentence}\n${moved.slice(at)}`], `bao-cao-thang-${month}-2021.txt`, {
      type: 'text/plain',
    }),
  );
  return data;
}

describeDemoApi(
  'API editing a learnt wording: indicator, scope, words',
  ['vanphong', 'cntt', 'phantich'],
  (api, [office, editor, analyst]) => {
    let seed: string;
    let review: ImportReview;
    let meetings: LearnedWording;
    let endpoints: LearnedWording;
    const path = (wording: LearnedWording | string) =>
      orgPath(`/wordings/${typeof wording === 'string' ? wording : wording.id}`);
    const teach = async (words: string, indicator: string) => {
      const start = review.sourceText.indexOf(words);
      assert.ok(start >= 0, words);
      return office.post(orgPath(`/imports/${review.importId}/wordings`), {
        start,
        end: start + words.length,
        indicator,
        scope: 'period',
      });
    };
    const listed = async () => (await office.get(orgPath('/wordings'))).body as LearnedWording[];
    const updates = async () =>
      (await listAudit(api.db, { orgId: DEMO_ORG, entity: 'extraction_pattern' })).filter(
        (entry) => entry.action === 'wording.update',
      );

    before(async () => {
      seed = await readFile(SEED_FILE, 'utf8');
      const uploaded = await office.post(orgPath('/imports'), reportWith(seed, SENTENCE));
      assert.equal(uploaded.status, 201, JSON.stringify(uploaded.body));
      review = uploaded.body;
      const first = await teach(MEETINGS, 'vc.mcu_meetings');
      assert.equal(first.status, 201, JSON.stringify(first.body));
      assert.deepEqual([first.body.wording.match, first.body.found.value], [MEETINGS_MATCH, 23]);
      meetings = first.body.wording;
      const second = await teach(ENDPOINTS, 'vc.jitsi_meetings');
      assert.equal(second.status, 201, JSON.stringify(second.body));
      assert.deepEqual([second.body.wording.match, second.body.found.value], [ENDPOINTS_MATCH, 310]);
      endpoints = second.body.wording;
    });

    test('only office and admin edit wordings; an unknown wording is 404', async () => {
      for (const client of [editor, analyst]) {
        const refused = await client.patch(path(endpoints), { indicator: 'vc.mcu_endpoints' });
        assert.equal(refused.status, 403);
        assert.equal(refused.body.error.code, 'access.denied');
      }
      const unknown = await office.patch(path('999999'), { indicator: 'vc.mcu_endpoints' });
      assert.equal(unknown.status, 404);
      assert.equal(unknown.body.error.code, 'wording.unknown');
      assert.equal(unknown.body.error.message, 'Không tìm thấy cách viết đã học số 999999.');
    });

    test('a change that does not make a wording is refused with the reason, and nothing changes', async () => {
      const before = await listed();
      const cases: Array<[Record<string, unknown>, number, string, RegExp]> = [
        [
          { indicator: 'vc.khong_co' },
          400,
          'wording.indicator',
          /^Chỉ tiêu vc\.khong_co không có trong danh mục của tổ chức\.$/,
        ],
        [{ scope: 'monthly' }, 400, 'request.invalid', /phạm vi "monthly" không có/],
        [{ match: '  ' }, 400, 'wording.empty', /^Cách viết không được để trống\.$/],
        [{ match: 'phuc vu 23 phien hop truc tuyen' }, 400, 'wording.no_placeholder', /phải có \{n\}/],
        [
          { match: 'phuc vu {n} phien hop {n}' },
          400,
          'wording.placeholders',
          /^Cách viết có 2 chỗ \{n\}; chỉ để \{n\} ở số liệu cần đọc/,
        ],
        [{ match: 'phuc vu {so} phien hop {n}' }, 400, 'wording.syntax', /không hợp lệ "\{so\}"/],
        [{ match: 'phuc vu {n phien hop' }, 400, 'wording.syntax', /không hợp lệ "\{n phien hop"/],
        [{ match: '{n} phien' }, 400, 'wording.too_short', /ít nhất hai từ/],
        [{ match: 'x'.repeat(501) }, 400, 'wording.too_long', /^Cách viết dài 501 ký tự; tối đa 500\.$/],
        // Gaps: each multiplies the tries of a match, six take minutes on one report.
        [
          { match: 'he thong {...} {…} {…} {n} phien hop' },
          400,
          'wording.gaps',
          /^Cách viết có 3 chỗ \{…\}; tối đa 2\./,
        ],
        [
          { match: 'he thong {…} {…} {n} phien hop' },
          400,
          'wording.gaps',
          /không ở đầu, ở cuối hay ngay cạnh/,
        ],
        [{ match: '{…} phuc vu {n} phien hop' }, 400, 'wording.gaps', /không ở đầu/],
        [{ match: 'phuc vu {n} phien hop {…}' }, 400, 'wording.gaps', /ở cuối/],
        // The multiplier was learnt with the words after the figure: a scale word added would multiply 23 wrongly.
        [
          { match: 'phuc vu {n} trieu phien hop' },
          400,
          'wording.scale',
          /đổi chữ chỉ quy mô ngay sau \{n\} \("—" thành "trieu"\)/,
        ],
        // Words that make a pattern but read nothing in the sentence the wording was learnt from.
        [
          { match: 'tong so {n} cuoc hop truc tuyen' },
          422,
          'wording.not_read',
          /^Cách viết "tong so \{n\} cuoc hop truc tuyen" không đọc được số liệu nào trong câu đã học: "Hệ thống hội nghị truyền hình của tỉnh phục vụ 23 phiên họp trực tuyến"\.$/,
        ],
      ];
      for (const [change, status, code, message] of cases) {
        const refused = await office.patch(path(meetings), change);
        assert.equal(refused.status, status, JSON.stringify(change));
        assert.equal(refused.body.error.code, code, JSON.stringify(change));
        assert.match(refused.body.error.message, message);
      }
      assert.deepEqual(await listed(), before);
      assert.deepEqual(await updates(), []);
    });

    test('new words, typed with diacritics, are stored as a pattern and read the figure of their sentence', async () => {
      const edited = await office.patch(path(meetings), { match: '  Phục vụ {n}  phiên họp trực tuyến ' });
      assert.equal(edited.status, 200, JSON.stringify(edited.body));
      assert.equal(edited.body.wording.match, 'phuc vu {n} phien hop truc tuyen');
      assert.equal(edited.body.wording.indicator, 'vc.mcu_meetings');
      assert.equal(edited.body.wording.scope, 'period');
      // Unchanged: where it came from, who taught it.
      assert.equal(edited.body.wording.example, MEETINGS);
      assert.equal(edited.body.wording.createdBy, 'vanphong');
      assert.deepEqual(edited.body.found, { value: 23 });

      const [entry] = await updates();
      assert.ok(entry);
      assert.equal(entry.entityId, meetings.id);
      assert.deepEqual(
        [(entry.before as LearnedWording).match, (entry.after as LearnedWording).match],
        [MEETINGS_MATCH, 'phuc vu {n} phien hop truc tuyen'],
      );
      meetings = edited.body.wording;
    });

    test('a wording taught under the wrong indicator is moved to the right one, with its scope', async () => {
      const edited = await office.patch(path(endpoints), {
        indicator: 'vc.mcu_endpoints',
        scope: 'cumulative',
      });
      assert.equal(edited.status, 200, JSON.stringify(edited.body));
      assert.deepEqual(
        [edited.body.wording.indicator, edited.body.wording.scope, edited.body.wording.match],
        ['vc.mcu_endpoints', 'cumulative', ENDPOINTS_MATCH],
      );
      assert.deepEqual(edited.body.found, { value: 310 });
      const back = await office.patch(path(endpoints), { scope: 'period' });
      assert.equal(back.status, 200);
      endpoints = back.body.wording;

      const stored = (await listed()).find((w) => w.id === endpoints.id);
      assert.deepEqual([stored?.indicator, stored?.scope], ['vc.mcu_endpoints', 'period']);
      // One entry per change, newest first, naming who made it.
      const [last, first] = await updates();
      assert.ok(first && last);
      const officeUser = await api.db
        .selectFrom('users')
        .select('id')
        .where('username', '=', 'vanphong')
        .executeTakeFirstOrThrow();
      assert.equal(first.entityId, endpoints.id);
      assert.equal(first.userId, officeUser.id);
      assert.deepEqual(
        [(first.before as LearnedWording).indicator, (first.after as LearnedWording).indicator],
        ['vc.jitsi_meetings', 'vc.mcu_endpoints'],
      );
      assert.deepEqual(
        [(last.before as LearnedWording).scope, (last.after as LearnedWording).scope],
        ['cumulative', 'period'],
      );
    });

    test('the file waiting for review is read again with the wordings as edited, and nothing is written', async () => {
      const audit = await listAudit(api.db, { orgId: DEMO_ORG });
      const reread = await office.post(orgPath(`/imports/${review.importId}/reread`), {});
      assert.equal(reread.status, 200, JSON.stringify(reread.body));
      const read = (reread.body as ImportReview).values.filter((v: ReviewValue) => v.value === 310);
      // 310 is now read as endpoints, no longer as Jitsi meetings (as taught first).
      assert.deepEqual(
        read.map((v: ReviewValue) => [v.indicator, v.value]),
        [['vc.mcu_endpoints', 310]],
      );
      assert.equal((await listAudit(api.db, { orgId: DEMO_ORG })).length, audit.length);
      for (const client of [editor, analyst]) {
        const refused = await client.post(orgPath(`/imports/${review.importId}/reread`), {});
        assert.equal(refused.status, 403);
      }
      const unknown = await office.post(orgPath('/imports/999999/reread'), {});
      assert.equal(unknown.status, 404);
    });

    test('a change that makes the wording one the organisation has is refused (409)', async () => {
      const before = await listed();
      const audited = (await updates()).length;
      // The endpoints' sentence holds the meetings' words: the same wording, indicator and scope as the other.
      const duplicate = await office.patch(path(endpoints), {
        indicator: 'vc.mcu_meetings',
        match: 'phuc vu {n} phien hop truc tuyen',
      });
      assert.equal(duplicate.status, 409);
      assert.equal(duplicate.body.error.code, 'wording.exists');
      assert.equal(
        duplicate.body.error.message,
        'Cách viết "phuc vu {n} phien hop truc tuyen" đã được ghi nhớ cho chỉ tiêu vc.mcu_meetings.',
      );
      assert.deepEqual(await listed(), before);
      assert.equal((await updates()).length, audited);
    });

    test('the next import reads the wordings as edited', async () => {
      // Words only the edited meetings wording reads; the endpoints' words under their new indicator.
      const may = await office.post(
        orgPath('/imports'),
        reportWith(
          seed,
          '- Hệ thống MCU của tỉnh phục vụ 31 phiên họp trực tuyến trong tháng, với 280 lượt điểm cầu kết nối.',
          5,
        ),
      );
      assert.equal(may.status, 201, JSON.stringify(may.body));
      assert.equal(may.body.meta.periodId, '2021-05');
      const read = (code: string) =>
        (may.body.values as ReviewValue[]).filter((v) => v.indicator === code).map((v) => v.value);
      assert.deepEqual(read('vc.mcu_meetings'), [31]);
      assert.deepEqual(read('vc.mcu_endpoints'), [280]);
      assert.deepEqual(read('vc.jitsi_meetings'), []);
    });

    test('teaching on a file whose period was approved meanwhile is refused as uploading it is (409), nothing learnt', async () => {
      assert.equal((await office.delete(path(endpoints))).status, 204);
      const approved = await api.db
        .updateTable('reports')
        .set({ status: 'approved' })
        .where('org_id', '=', DEMO_ORG)
        .where('period_id', '=', '2021-04')
        .executeTakeFirst();
      assert.equal(Number(approved.numUpdatedRows), 1);
      const before = await listed();
      const audit = await listAudit(api.db, { orgId: DEMO_ORG });

      const refused = await teach(ENDPOINTS, 'vc.mcu_endpoints');
      assert.equal(refused.status, 409, JSON.stringify(refused.body));
      assert.equal(refused.body.error.code, 'value.locked');
      assert.match(
        refused.body.error.message,
        /^Không nhập tệp bao-cao-thang-4-2021\.txt: số liệu tháng 4 năm 2021 đã khóa/,
      );
      assert.equal(refused.body.error.details.file, 'bao-cao-thang-4-2021.txt');
      assert.deepEqual(await listed(), before);
      assert.equal((await listAudit(api.db, { orgId: DEMO_ORG })).length, audit.length);

      // Uploading the same file now is refused the same way.
      const upload = await office.post(orgPath('/imports'), reportWith(seed, SENTENCE));
      assert.deepEqual([upload.status, upload.body.error.code], [409, 'value.locked']);
    });
  },
);
