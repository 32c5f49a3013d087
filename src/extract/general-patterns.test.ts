import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { foldDiacritics } from '../domain/vietnamese/fold.js';
import { extractFromText } from './extract-report.js';
import { undoOcrNoise } from './ocr-noise.js';
import { loadValuePatterns } from './value-patterns.js';
import { findValueCandidates } from './values.js';

/** Values read from a paragraph worded unlike any seed report, as "indicator@scope=value", in text order. */
function valuesOf(paragraph: string): string[] {
  const { document } = extractFromText('reworded.txt', paragraph, { agency: 'Sở Thông tin và Truyền thông' });
  return document.values.map((v) => `${v.indicator}@${v.scope}=${v.value}`);
}

describe('general patterns read monthly figures in wordings no seed report uses', () => {
  test('digital certificates: issued, revoked, active, by holder', () => {
    assert.deepEqual(
      valuesOf(
        'Trong tháng, toàn tỉnh cấp mới 15 chứng thư số và thu hồi 3 chứng thư số; hiện có 2.400 chứng thư số đang hoạt động (480 của tổ chức, 1.920 của cá nhân).',
      ),
      [
        'ca.issued@period=15',
        'ca.revoked@period=3',
        'ca.total@as_of_end=2400',
        'ca.org@as_of_end=480',
        'ca.personal@as_of_end=1920',
      ],
    );
  });

  test('iOffice and public services: documents, users, services and dossiers by level', () => {
    assert.deepEqual(
      valuesOf(
        'Hệ thống iOffice hiện có 7.012 người sử dụng; trong tháng có 19.500 văn bản được phát hành, ' +
          'trong đó 15.300 văn bản đã được ký số (tỷ lệ 78,46%). Cổng dịch vụ công của tỉnh đang cung cấp ' +
          '1.900 dịch vụ công trực tuyến, gồm 800 dịch vụ mức độ 3 và 700 dịch vụ mức độ 4. Trong tháng tiếp ' +
          'nhận 6.000 hồ sơ, gồm 4.000 hồ sơ trực tiếp và 2.000 hồ sơ trực tuyến; đã giải quyết 5.500 hồ sơ. ' +
          'Riêng hồ sơ mức độ 3: tiếp nhận 1.200 hồ sơ (1.000 trực tiếp, 200 trực tuyến, tỷ lệ 16,67%); ' +
          'hồ sơ mức độ 4: tiếp nhận 900 hồ sơ (300 trực tiếp, 600 trực tuyến, tỷ lệ 66,67%).',
      ),
      [
        'ioffice.users@as_of_end=7012',
        'ioffice.docs_sent@period=19500',
        'ioffice.docs_signed@period=15300',
        'ioffice.signed_ratio@period=78.46',
        'dvc.services_total@as_of_end=1900',
        'dvc.services_level3@as_of_end=800',
        'dvc.services_level4@as_of_end=700',
        'dvc.dossiers_received@period=6000',
        'dvc.dossiers_direct@period=4000',
        'dvc.dossiers_online@period=2000',
        'dvc.dossiers_resolved@period=5500',
        'dvc.dossiers_level3@period=1200',
        'dvc.dossiers_level3_direct@period=1000',
        'dvc.dossiers_level3_online@period=200',
        'dvc.dossiers_level3_online_ratio@period=16.67',
        'dvc.dossiers_level4@period=900',
        'dvc.dossiers_level4_direct@period=300',
        'dvc.dossiers_level4_online@period=600',
        'dvc.dossiers_level4_online_ratio@period=66.67',
      ],
    );
  });

  test('a scanned copy: OCR misreadings do not hide the figures', () => {
    assert.deepEqual(valuesOf('Trong quý, cip mei 12 chimg thu s6, thu hdi 4 ching thu.'), [
      'ca.issued@period=12',
      'ca.revoked@period=4',
    ]);
  });

  test('a text written with diacritics is no scanned copy: look-alikes of misreadings stay as written', () => {
    const accented =
      'Trong quý, Sở Thông tin và Truyền thông tiếp tục triển khai các nhiệm vụ chuyên môn được giao, phối hợp với các sở, ban, ngành tỉnh. ';
    const misread = 'Trong quý, cip mei 12 chimg thu s6, thu hdi 4 ching thu.';
    assert.deepEqual(valuesOf(accented + misread), []);
    assert.deepEqual(valuesOf(`${foldDiacritics(accented)}${misread}`), [
      'ca.issued@period=12',
      'ca.revoked@period=4',
    ]);
  });

  test('an estimated figure ("ước") is read like a plain one', () => {
    assert.deepEqual(
      valuesOf(
        'Tổng số thuê bao điện thoại di động (trả trước và trả sau): ước 900.500 thuê bao, mật độ ước 80,5 thuê bao/100 dân.',
      ),
      ['telecom.mobile_subscribers@as_of_end=900500', 'telecom.mobile_density@as_of_end=80.5'],
    );
  });
});

describe('undoOcrNoise', () => {
  test('rewrites misread words and blanks qualifiers without moving any offset', () => {
    const folded = 'nang tong s6 chimg thu dang hoat dong 1a 2.312, ty 16 77,66%; mat do uoc 2,45';
    const clean = undoOcrNoise(folded);
    assert.equal(clean, 'nang tong so chung thu dang hoat dong la 2.312, ty le 77,66%; mat do     2,45');
    assert.equal(clean.length, folded.length);
  });

  test('leaves ordinary Vietnamese words alone', () => {
    const folded = 'so thong tin se trien khai; cap xa 106; ngay 13 thang 7';
    assert.equal(undoOcrNoise(folded), folded);
  });
});

describe('seed and general patterns on the same figure', () => {
  const text = 'trong thang tiep nhan 120 ho so';
  const pattern = (indicator: string, origin: 'seed' | 'general', weight?: number) => ({
    indicator,
    scope: 'period',
    match: origin === 'seed' ? 'tiep nhan {n} ho so' : 'tiep nhan {n} ho so(?! muc)',
    regex: origin === 'general',
    origin,
    ...(weight === undefined ? {} : { weight }),
  });

  test('a bare four-digit year read as a figure is held for review, a written count of the same size is not', () => {
    // Seed 004's "Chỉ số chuyển đổi số cấp tỉnh 2020" and seed 001's "1.918 chứng thư số cá nhân".
    const patterns = loadValuePatterns({
      version: 1,
      patterns: [
        { indicator: 'ioffice.units_province', scope: 'as_of_end', match: 'cap tinh {n}' },
        { indicator: 'ca.personal', scope: 'as_of_end', match: '{n} chung thu so ca nhan' },
      ],
    });
    const { document, lowConfidence } = extractFromText(
      'nam.txt',
      'Thực hiện phiếu khảo sát đánh giá Chỉ số chuyển đổi số cấp tỉnh 2020. Cấp mới 1.918 chứng thư số cá nhân.',
      { agency: 'Sở Thông tin và Truyền thông', patterns },
    );
    assert.deepEqual(
      document.values.map((v) => [v.indicator, v.value, v.confidence]),
      [
        ['ioffice.units_province', 2020, 0.5],
        ['ca.personal', 1918, 0.95],
      ],
    );
    assert.deepEqual(
      lowConfidence.map((v) => v.indicator),
      ['ioffice.units_province'],
    );
  });

  test('at equal weight the seed pattern wins and keeps its confidence', () => {
    const found = findValueCandidates(
      text,
      loadValuePatterns({
        version: 1,
        patterns: [pattern('general.one', 'general', 19), pattern('seed.one', 'seed')],
      }),
    );
    assert.deepEqual(
      found.map((f) => [f.indicator, f.value, f.confidence]),
      [['seed.one', 120, 0.95]],
    );
  });

  test('a heavier general pattern wins', () => {
    const found = findValueCandidates(
      text,
      loadValuePatterns({
        version: 1,
        patterns: [pattern('general.one', 'general', 30), pattern('seed.one', 'seed')],
      }),
    );
    assert.deepEqual(
      found.map((f) => f.indicator),
      ['general.one'],
    );
  });
});
