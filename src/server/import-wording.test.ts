import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { upsertIndicators } from '../db/indicator.repository.js';
import { createOrganisation } from '../db/organisation.repository.js';
import { testEngines, useTestDatabase } from '../db/testing.js';
import { createUser, grantRole } from '../db/user.repository.js';
import { getValues } from '../db/value.repository.js';
import { defaultCatalogue } from '../domain/default-catalogue.js';
import { refusal } from '../domain/errors.test-helper.js';
import type { Auth } from '../services/access.js';
import { forgetWording, listLearnedWordings } from '../services/extraction-pattern.service.js';
import { importFile } from '../services/import.service.js';
import { acceptUpload, type UploadReview, uploadForReview } from './import-review.js';
import { learnWordingFromUpload, type WordingRequest } from './import-wording.js';

const ORG = 'stttt-tv';
const SEED_004 = readFileSync(
  resolve(import.meta.dirname, '../../fixtures/seeds/004_e05fcdfcee13791a.txt'),
  'utf8',
);
// A wording no pattern knows, added to seed 004 (April 2021) after its iOffice figures.
const SENTENCE =
  '- Hệ thống hội nghị truyền hình của tỉnh phục vụ 23 phiên họp trực tuyến trong tháng, với 310 lượt điểm cầu kết nối.';
const SELECTED = 'Hệ thống hội nghị truyền hình của tỉnh phục vụ 23 phiên họp trực tuyến';

function withSentence(text: string, sentence: string): Uint8Array {
  const at = text.indexOf('\n', text.indexOf('**18.182**')) + 1;
  return new TextEncoder().encode(`${text.slice(0, at)}\n${sentence}\n${text.slice(at)}`);
}

for (const engine of testEngines()) {
  describe(`teaching the importer a wording on the review page (${engine})`, () => {
    const handle = useTestDatabase(engine);
    let office: Auth;
    let analyst: Auth;
    let review: UploadReview;
    const patternsStored = async () => {
      const { rows } = await sql<{
        n: number | string;
      }>`SELECT count(*) AS n FROM extraction_patterns`.execute(handle.db);
      return Number(rows[0]!.n);
    };
    const selection = (text: string, words = SELECTED): Pick<WordingRequest, 'start' | 'end'> => {
      const start = text.indexOf(words);
      assert.ok(start >= 0, words);
      return { start, end: start + words.length };
    };
    const meetings = (values: readonly { indicator: string; value: number }[]) =>
      values.filter((v) => v.indicator === 'vc.mcu_meetings').map((v) => v.value);

    before(async () => {
      await createOrganisation(handle.db, { id: ORG, name: 'Sở Thông tin và Truyền thông tỉnh Trà Vinh' });
      await upsertIndicators(handle.db, ORG, defaultCatalogue().indicators);
      const auth = async (username: string, role: 'office' | 'analyst') => {
        const user = await createUser(handle.db, {
          orgId: ORG,
          username,
          displayName: username,
          passwordHash: 'x',
        });
        await grantRole(handle.db, { orgId: ORG, userId: user.id, unitId: null, role });
        return { db: handle.db, orgId: ORG, userId: user.id, username };
      };
      office = await auth('vanphong', 'office');
      analyst = await auth('phantich', 'analyst');
      review = await uploadForReview(handle.db, office, ORG, {
        name: 'thang4-2021.txt',
        bytes: withSentence(SEED_004, SENTENCE),
      });
    });

    test('a selection that does not make a wording is refused with the reason, and nothing is kept', async () => {
      const upload = Number(review.importId);
      const base = { indicator: 'vc.mcu_meetings', scope: 'period' as const };
      const text = review.sourceText;
      const cases: Array<[WordingRequest, string]> = [
        [{ ...base, start: text.length - 5, end: text.length + 10 }, 'wording.span'],
        [{ ...base, ...selection(text), value: '24' }, 'wording.figure'],
        [{ ...base, ...selection(text), value: '2x' }, 'wording.value'],
        [{ ...base, ...selection(text, 'Hệ thống hội nghị truyền hình của tỉnh') }, 'wording.no_figure'],
        [{ ...base, ...selection(text, 'vụ 23') }, 'wording.too_short'],
        [{ ...base, indicator: 'vc.khong_co', ...selection(text) }, 'wording.indicator'],
      ];
      for (const [request, code] of cases) {
        const error = await refusal(learnWordingFromUpload(handle.db, office, ORG, upload, request));
        assert.equal(error.code, code, JSON.stringify(request));
        assert.equal(error.status, 400);
      }
      // Only those who import files teach the importer.
      const forbidden = await refusal(
        learnWordingFromUpload(handle.db, analyst, ORG, upload, { ...base, ...selection(text) }),
      );
      assert.equal(forbidden.status, 403);
      assert.equal(await patternsStored(), 0);
    });

    test('the selected figure is read, the review shows it, and accepting the review stores it', async () => {
      assert.deepEqual(meetings(review.values), []);
      const learnt = await learnWordingFromUpload(handle.db, office, ORG, Number(review.importId), {
        indicator: 'vc.mcu_meetings',
        scope: 'period',
        ...selection(review.sourceText),
      });
      assert.equal(learnt.found.value, 23);
      assert.equal(
        review.sourceText.slice(learnt.found.start!, learnt.found.end!).includes('23 phiên họp trực tuyến'),
        true,
      );
      assert.match(learnt.wording.match, /\{n\} phien hop truc tuyen/);
      assert.equal(learnt.wording.example, SELECTED);
      assert.deepEqual(meetings(learnt.review.values), [23]);
      // Every figure of the first review keeps its id: decisions made before still point at their figures.
      for (const value of review.values) {
        assert.ok(
          learnt.review.values.some((v) => v.id === value.id && v.value === value.value),
          value.id,
        );
      }
      const sent = learnt.review.values.find((v) => v.indicator === 'ioffice.docs_sent')!;
      const added = learnt.review.values.find((v) => v.indicator === 'vc.mcu_meetings')!;
      await acceptUpload(handle.db, office, ORG, Number(review.importId), [
        { id: sent.id, accept: false },
        { id: added.id, accept: true },
      ]);
      const april = await getValues(handle.db, { orgId: ORG, periodIds: ['2021-04'] });
      assert.deepEqual(meetings(april.map((v) => ({ indicator: v.indicatorCode, value: v.value }))), [23]);
      assert.equal(
        april.some((v) => v.indicatorCode === 'ioffice.docs_sent'),
        false,
      );
    });

    test("later imports read the wording in another month's report, until it is forgotten", async () => {
      const may = withSentence(
        SEED_004.replaceAll('tháng 4', 'tháng 5').replaceAll('THÁNG 4', 'THÁNG 5'),
        SENTENCE.replace('23', '31'),
      );
      const dryRun = () =>
        importFile(handle.db, {
          orgId: ORG,
          name: 'thang5-2021.txt',
          bytes: may,
          actor: 'test',
          dryRun: true,
        });
      const first = await dryRun();
      assert.equal(first.json.meta?.period, '2021-05');
      assert.deepEqual(meetings(first.json.values), [31]);

      const [wording] = await listLearnedWordings(handle.db, analyst, ORG);
      assert.ok(wording);
      assert.equal((await refusal(forgetWording(handle.db, analyst, ORG, Number(wording.id)))).status, 403);
      await forgetWording(handle.db, office, ORG, Number(wording.id));
      assert.deepEqual(meetings((await dryRun()).json.values), []);
      assert.equal(
        (await refusal(forgetWording(handle.db, office, ORG, Number(wording.id)))).code,
        'wording.unknown',
      );
    });
  });
}
