import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { defaultCatalogue } from './default-catalogue.js';
import { Catalogue } from './indicator.js';
import { type Period, parsePeriod } from './period.js';
import {
  defaultValidationRules,
  type Finding,
  ratioAgrees,
  resolveRule,
  resolveRules,
  ruleProblems,
  type ValidationRuleInput,
  type ValueForCheck,
  validate,
} from './validation.js';

const catalogue = defaultCatalogue();
const rules = defaultValidationRules(catalogue);
const GOLD_DIR = join(import.meta.dirname, '..', '..', 'fixtures', 'gold');

interface Gold {
  meta: { period: { year: number; month?: number; months?: number[] } };
  values: ValueForCheck[];
}

function readGold(prefix: string): { period: Period; values: ValueForCheck[] } {
  const file = readdirSync(GOLD_DIR).find((name) => name.startsWith(prefix));
  assert.ok(file, `gold file ${prefix}`);
  const gold = JSON.parse(readFileSync(join(GOLD_DIR, file), 'utf8')) as Gold;
  const { year, month, months } = gold.meta.period;
  const id = month ? `${year}-${String(month).padStart(2, '0')}` : months ? `${year}-9M` : `${year}`;
  return { period: parsePeriod(id), values: gold.values };
}

function check(input: ValidationRuleInput, values: ValueForCheck[], previous?: ValueForCheck[]): Finding[] {
  return validate(catalogue, [resolveRule(catalogue, input)], {
    period: parsePeriod('2021-04'),
    values,
    previous,
  });
}

const consistencyRules = new Set([
  'parts_sum',
  'part_within_total',
  'ratio_matches',
  'stock_continuity',
  'bounds',
]);

describe('validation of the seed reports (gold values)', () => {
  test('seed 004: 1.719 USB + 35 SIM PKI ≠ 1.755 personal certificates', () => {
    const { period, values } = readGold('004_');
    const findings = validate(catalogue, rules, { period, values });
    const found = findings.find((f) => f.rule === 'parts.ca.personal.token');
    assert.ok(found, 'the USB/SIM PKI error is found');
    assert.equal(found.severity, 'error');
    assert.deepEqual(found.indicators, ['ca.personal', 'ca.personal_usb', 'ca.personal_sim']);
    assert.deepEqual(found.numbers, {
      'ca.personal': 1755,
      'ca.personal_usb': 1719,
      'ca.personal_sim': 35,
      sum: 1754,
      difference: -1,
    });
    assert.equal(
      found.message,
      'Chứng thư số cá nhân: 1.719 (USB) + 35 (SIM PKI) = 1.754, khác tổng 1.755 (lệch 1).',
    );
    // The same figures in the same (Vietnamese) format; labels from labelEn/labelsEn of the rules file.
    assert.equal(
      found.messageEn,
      'Personal digital certificates: 1.719 (USB) + 35 (SIM PKI) = 1.754, differs from the total 1.755 (off by 1).',
    );
    // 468 organisations + 1.755 persons = 2.223 agrees.
    assert.equal(
      findings.find((f) => f.rule === 'parts.ca.total.holder'),
      undefined,
    );
  });

  test('seed 004: the portal document types add up to 76, not the 77 stated', () => {
    const { period, values } = readGold('004_');
    const found = validate(catalogue, rules, { period, values }).find(
      (f) => f.rule === 'parts.portal.documents.type',
    );
    assert.ok(found);
    // 5 + 1 + 16 + 1 + 13 + 4 + 4 + 1 + 4 + 17 + 10 = 76; the types not stated count as 0.
    assert.equal(found.numbers.sum, 76);
    assert.equal(found.numbers['portal.documents'], 77);
    assert.match(found.message, /^Văn bản đăng trên Cổng TTĐT tỉnh: .* = 76, khác tổng 77 \(lệch 1\)\.$/);
    // Derived English labels: what follows the common "Portal documents:".
    assert.match(
      found.messageEn,
      /^Documents published on the provincial portal: 13 \(directives\) \+ 16 \(legal normative documents\) \+ .* = 76, differs from the total 77 \(off by 1\)\.$/,
    );
  });

  test('seed 003: 454 organisations + 16 persons = 470 certificates, no parts error', () => {
    const { period, values } = readGold('003_');
    const findings = validate(catalogue, rules, { period, values });
    assert.deepEqual(
      findings.filter((f) => f.indicators.includes('ca.total') && f.rule !== 'continuity.ca.total'),
      [],
    );
  });

  test('across all five seeds only the inconsistencies the annotators noted are found', () => {
    const found: string[] = [];
    for (const prefix of ['000_', '001_', '002_', '003_', '004_']) {
      const { period, values } = readGold(prefix);
      for (const f of validate(catalogue, rules, { period, values })) {
        const type = rules.find((r) => r.id === f.rule)!.type;
        if (consistencyRules.has(type)) found.push(`${prefix}${f.rule}`);
      }
    }
    // 000: 76,82% (cut) and 34% (rounded) are accepted; 002: 15,67% for 15,662% is within 0,01.
    assert.deepEqual(found.sort(), [
      '001_parts.covid.hotline_received.status',
      '004_parts.ca.personal.token',
      '004_parts.portal.documents.type',
    ]);
  });
});

describe('parts_sum', () => {
  const rule: ValidationRuleInput = { type: 'parts_sum', total: 'ca.total', dimension: 'holder' };

  test('takes its parts from the catalogue breakdown', () => {
    const resolved = resolveRule(catalogue, rule);
    assert.equal(resolved.id, 'parts.ca.total.holder');
    assert.equal(resolved.type === 'parts_sum' && resolved.parts.join(','), 'ca.org,ca.personal');
  });

  test('fires when the parts do not add up, not when they do', () => {
    const values = (org: number): ValueForCheck[] => [
      { indicator: 'ca.total', value: 2223, scope: 'as_of_end' },
      { indicator: 'ca.org', value: org, scope: 'as_of_end' },
      { indicator: 'ca.personal', value: 1755, scope: 'as_of_end' },
    ];
    assert.deepEqual(check(rule, values(468)), []);
    const [finding] = check(rule, values(470));
    assert.ok(finding);
    assert.equal(finding.numbers.difference, 2);
    assert.equal(finding.rule, 'parts.ca.total.holder');
    // No labels in this rule: heading and labels come from the English names of the catalogue
    // ("Special-use digital certificates in force", "Organisation certificates in force", …).
    assert.equal(
      finding.messageEn,
      'Special-use digital certificates in force: 470 (organisation) + 1.755 (personal) = 2.225, differs from the total 2.223 (off by 2).',
    );
  });

  test('the shipped rule reads with its English labels', () => {
    const [finding] = validate(catalogue, rules, {
      period: parsePeriod('2021-04'),
      values: [
        { indicator: 'ca.total', value: 1755, scope: 'as_of_end' },
        { indicator: 'ca.org', value: 120, scope: 'as_of_end' },
        { indicator: 'ca.personal', value: 1640, scope: 'as_of_end' },
      ],
    }).filter((f) => f.rule === 'parts.ca.total.holder');
    assert.ok(finding);
    assert.equal(
      finding.message,
      'Chứng thư số đang hoạt động: 120 (tổ chức) + 1.640 (cá nhân) = 1.760, khác tổng 1.755 (lệch 5).',
    );
    assert.equal(
      finding.messageEn,
      'Active digital certificates: 120 (organisations) + 1.640 (individuals) = 1.760, differs from the total 1.755 (off by 5).',
    );
  });

  test('derived labels are what differs between the part names', () => {
    const findings = validate(catalogue, rules, {
      period: parsePeriod('2021-04'),
      values: [
        { indicator: 'dvc.dossiers_received', value: 5380 },
        { indicator: 'dvc.dossiers_direct', value: 3838 },
        { indicator: 'dvc.dossiers_online', value: 1500 },
      ],
    }).filter((f) => f.rule === 'parts.dvc.dossiers_received.channel');
    assert.deepEqual(
      findings.map((f) => f.message),
      ['Hồ sơ tiếp nhận: 3.838 (trực tiếp) + 1.500 (trực tuyến) = 5.338, khác tổng 5.380 (lệch 42).'],
    );
    assert.deepEqual(
      findings.map((f) => f.messageEn),
      [
        'Dossiers received: 3.838 (in person) + 1.500 (online) = 5.338, differs from the total 5.380 (off by 42).',
      ],
    );
  });

  test('derived English labels drop what the English names share at the start and at the end', () => {
    const messages = (values: ValueForCheck[]) =>
      validate(catalogue, rules, { period: parsePeriod('2021-04'), values })
        .filter((f) => f.rule.startsWith('parts.'))
        .map((f) => f.messageEn);
    // "Prepaid mobile subscribers", "Postpaid mobile subscribers": the words before the common end.
    assert.deepEqual(
      messages([
        { indicator: 'telecom.mobile_subscribers', value: 1000 },
        { indicator: 'telecom.mobile_prepaid', value: 900 },
        { indicator: 'telecom.mobile_postpaid', value: 200 },
      ]),
      [
        'Mobile telephone subscribers: 900 (prepaid) + 200 (postpaid) = 1.100, differs from the total 1.000 (off by 100).',
      ],
    );
    // Languages keep their capital.
    assert.deepEqual(
      messages([
        { indicator: 'portal.articles', value: 100 },
        { indicator: 'portal.articles_vi', value: 90 },
        { indicator: 'portal.articles_en', value: 5 },
        { indicator: 'portal.articles_km', value: 4 },
      ]),
      [
        'Articles on the provincial portal, all languages: 90 (Vietnamese) + 5 (English) + 4 (Khmer) = 99, differs from the total 100 (off by 1).',
      ],
    );
  });

  test('an indicator without an English name reads in English as on the Vietnamese side', () => {
    const own = Catalogue.parse([
      { code: 'a.total', name: 'Tổng số hồ sơ', unit: 'hồ sơ', section: 's', kind: 'flow' },
      ...['trực tiếp', 'trực tuyến'].map((channel, i) => ({
        code: `a.part${i}`,
        name: `Số hồ sơ tiếp nhận ${channel}`,
        unit: 'hồ sơ',
        section: 's',
        kind: 'flow',
        partOf: 'a.total',
        dimension: 'channel',
      })),
    ]);
    const [finding] = validate(
      own,
      [resolveRule(own, { type: 'parts_sum', total: 'a.total', dimension: 'channel' })],
      {
        period: parsePeriod('2021-04'),
        values: [
          { indicator: 'a.total', value: 10 },
          { indicator: 'a.part0', value: 3 },
          { indicator: 'a.part1', value: 4 },
        ],
      },
    );
    assert.ok(finding);
    assert.equal(finding.message, 'Hồ sơ: 3 (trực tiếp) + 4 (trực tuyến) = 7, khác tổng 10 (lệch 3).');
    assert.equal(
      finding.messageEn,
      'Hồ sơ: 3 (trực tiếp) + 4 (trực tuyến) = 7, differs from the total 10 (off by 3).',
    );
  });

  test('with a part unstated (missingParts: skip) only a sum above the total fires', () => {
    const byLevel: ValidationRuleInput = {
      type: 'parts_sum',
      total: 'dvc.dossiers_received',
      dimension: 'level',
    };
    // Seed 004: levels 3 and 4 give 1.452 + 1.837 = 3.289 of 5.380; levels 1–2 are not stated.
    const stated = [
      { indicator: 'dvc.dossiers_level3', value: 1452 },
      { indicator: 'dvc.dossiers_level4', value: 1837 },
    ];
    assert.deepEqual(check(byLevel, [{ indicator: 'dvc.dossiers_received', value: 5380 }, ...stated]), []);
    const [finding] = check(byLevel, [{ indicator: 'dvc.dossiers_received', value: 3000 }, ...stated]);
    assert.ok(finding);
    assert.match(finding.message, /= 3\.289, vượt tổng 3\.000 \(lệch 289\)\.$/);
    // "Dossiers of level-3 services", "Dossiers of level-4 services" → "level-3", "level-4".
    assert.equal(
      finding.messageEn,
      'Dossiers received: 1.452 (level-3) + 1.837 (level-4) = 3.289, exceeds the total 3.000 (off by 289).',
    );
  });

  test('with missingParts: zero an unstated part counts as 0', () => {
    const zero: ValidationRuleInput = { ...rule, missingParts: 'zero' };
    const values: ValueForCheck[] = [
      { indicator: 'ca.total', value: 470, scope: 'as_of_end' },
      { indicator: 'ca.org', value: 454, scope: 'as_of_end' },
    ];
    assert.equal(check(zero, values)[0]?.numbers.difference, -16);
    assert.deepEqual(
      check(zero, [...values, { indicator: 'ca.personal', value: 16, scope: 'as_of_end' }]),
      [],
    );
  });

  test('compares only values of the same breakdown and of the same kind of scope', () => {
    assert.deepEqual(
      check(rule, [
        { indicator: 'ca.total', value: 100, breakdown: 'VNPT' },
        { indicator: 'ca.org', value: 60 },
        { indicator: 'ca.personal', value: 30 },
      ]),
      [],
    );
    // A flow stated for the month is not a part of a level at its end.
    assert.deepEqual(
      check({ type: 'parts_sum', total: 'dvc.dossiers_received', dimension: 'channel' }, [
        { indicator: 'dvc.dossiers_received', value: 100, scope: 'period' },
        { indicator: 'dvc.dossiers_direct', value: 60, scope: 'cumulative' },
        { indicator: 'dvc.dossiers_online', value: 30, scope: 'cumulative' },
      ]),
      [],
    );
  });

  test('approximate figures ("hơn", "khoảng") are not held to exact sums', () => {
    const values: ValueForCheck[] = [
      { indicator: 'ca.total', value: 2200, qualifier: 'hơn' },
      { indicator: 'ca.org', value: 468 },
      { indicator: 'ca.personal', value: 1755 },
    ];
    assert.deepEqual(check(rule, values), []);
    assert.equal(
      check(
        rule,
        values.map((v) => ({ ...v, qualifier: 'ước' })),
      ).length,
      1,
    );
  });
});

describe('part_within_total', () => {
  const rule: ValidationRuleInput = {
    type: 'part_within_total',
    total: 'ioffice.docs_sent',
    part: 'ioffice.docs_signed',
  };

  test('fires when a subset exceeds its whole, not otherwise', () => {
    assert.deepEqual(
      check(rule, [
        { indicator: 'ioffice.docs_sent', value: 18182 },
        { indicator: 'ioffice.docs_signed', value: 14477 },
      ]),
      [],
    );
    const [finding] = check(rule, [
      { indicator: 'ioffice.docs_sent', value: 18182 },
      { indicator: 'ioffice.docs_signed', value: 18200 },
    ]);
    assert.ok(finding);
    assert.equal(finding.rule, 'within.ioffice.docs_signed');
    assert.deepEqual(finding.numbers, {
      'ioffice.docs_signed': 18200,
      'ioffice.docs_sent': 18182,
      difference: 18,
    });
    assert.match(finding.message, /: 18\.200, lớn hơn .* 18\.182 \(lệch 18\)\.$/);
    assert.equal(
      finding.messageEn,
      'Documents issued on iOffice with a digital signature: 18.200, more than documents issued on iOffice at 18.182 (off by 18).',
    );
  });

  test('is derived from subsetOf', () => {
    assert.ok(rules.some((r) => r.id === 'within.ioffice.docs_signed'));
  });
});

describe('ratio_matches', () => {
  const rule: ValidationRuleInput = { type: 'ratio_matches', ratio: 'ioffice.signed_ratio' };
  const values = (stated: number, signed = 8262, sent = 10754): ValueForCheck[] => [
    { indicator: 'ioffice.docs_sent', value: sent },
    { indicator: 'ioffice.docs_signed', value: signed },
    { indicator: 'ioffice.signed_ratio', value: stated },
  ];

  test('accepts a cut ratio (seed 000: 8.262 / 10.754 = 76,827% written 76,82%)', () => {
    assert.deepEqual(check(rule, values(76.82)), []);
    assert.deepEqual(check(rule, values(76.83)), []);
  });

  test('fires beyond rounding and cutting', () => {
    assert.equal(check(rule, values(76.84)).length, 1);
    // 14.477 / 18.182 = 79,6227%; 78,5% is neither 79,6 rounded nor cut nor within 0,01.
    const [finding] = check(rule, values(78.5, 14477, 18182));
    assert.ok(finding);
    assert.equal(
      finding.message,
      'Tỷ lệ văn bản đi được ký số: ghi 78,5%, tính lại 14.477 / 18.182 × 100 = 79,62% (lệch 1,12 điểm phần trăm).',
    );
    assert.equal(
      finding.messageEn,
      'Share of issued documents digitally signed: stated 78,5%, recomputed 14.477 / 18.182 × 100 = 79,62% (off by 1,12 percentage points).',
    );
    assert.equal(finding.numbers.computed, 79.622704);
    assert.deepEqual(finding.indicators, [
      'ioffice.signed_ratio',
      'ioffice.docs_signed',
      'ioffice.docs_sent',
    ]);
  });

  test('a ratio in another unit names the unit in English', () => {
    // 1.180 / 1.000 × 100 = 118 subscribers per 100 inhabitants; 120,5 is stated.
    const [finding] = check({ type: 'ratio_matches', ratio: 'telecom.mobile_density' }, [
      { indicator: 'telecom.mobile_subscribers', value: 1180 },
      { indicator: 'telecom.population_basis', value: 1000 },
      { indicator: 'telecom.mobile_density', value: 120.5 },
    ]);
    assert.ok(finding);
    assert.equal(
      finding.messageEn,
      'Mobile telephone density (per 100 inhabitants): stated 120,5 subscribers per 100 inhabitants, ' +
        'recomputed 1.180 / 1.000 × 100 = 118,00 subscribers per 100 inhabitants ' +
        '(off by 2,50 subscribers per 100 inhabitants).',
    );
  });

  test('is skipped when a part is missing or the denominator is 0', () => {
    assert.deepEqual(check(rule, values(50).slice(1)), []);
    assert.deepEqual(check(rule, values(50, 0, 0)), []);
  });

  test('ratioAgrees: tolerance, rounding and cutting to the decimals written', () => {
    assert.equal(ratioAgrees(76.82, 76.827, 0.01), true);
    assert.equal(ratioAgrees(34, (652 / 1918) * 100, 0.01), true); // 33,99% written 34%
    assert.equal(ratioAgrees(1.28, (95 / 7386) * 100, 0.01), true); // 1,286% written 1,28%
    assert.equal(ratioAgrees(15.67, (291 / 1858) * 100, 0.01), true); // 15,662% written 15,67%
    assert.equal(ratioAgrees(83.8, (921783 / 1100000) * 100, 0.01), true); // 83,798 written 83,8
    assert.equal(ratioAgrees(83.9, (921783 / 1100000) * 100, 0.01), false);
    assert.equal(ratioAgrees(35, (652 / 1918) * 100, 0.01), false);
    // A whole number is read as written without decimals: 80% for 79,62% is a rounding.
    assert.equal(ratioAgrees(80, 79.6227, 0.01), true);
    assert.equal(ratioAgrees(81, 79.6227, 0.01), false);
  });

  test('every ratio with a formula gets a derived rule', () => {
    const ratios = catalogue.indicators
      .filter((i) => i.kind === 'ratio' && i.formula)
      .map((i) => `ratio.${i.code}`);
    assert.ok(ratios.length >= 10);
    for (const id of ratios)
      assert.ok(
        rules.some((r) => r.id === id),
        id,
      );
  });
});

describe('stock_continuity', () => {
  const rule: ValidationRuleInput = {
    type: 'stock_continuity',
    stock: 'ca.total',
    inflow: 'ca.issued',
    outflow: 'ca.revoked',
    label: 'Chứng thư số đang hoạt động',
  };
  // March 2021 ends with 2.216 certificates; April issues 7 and revokes 2 → 2.221.
  const march: ValueForCheck[] = [{ indicator: 'ca.total', value: 2216, scope: 'as_of_end' }];
  const april = (total: number): ValueForCheck[] => [
    { indicator: 'ca.issued', value: 7, scope: 'period' },
    { indicator: 'ca.revoked', value: 2, scope: 'period' },
    { indicator: 'ca.total', value: total, scope: 'as_of_end' },
  ];

  test('two consecutive months that agree give nothing', () => {
    assert.deepEqual(check(rule, april(2221), march), []);
  });

  test('fires when end ≠ previous + issued − revoked', () => {
    const [finding] = check(rule, april(2223), march);
    assert.ok(finding);
    assert.equal(finding.severity, 'warning');
    assert.equal(finding.rule, 'continuity.ca.total');
    assert.deepEqual(finding.numbers, {
      previous: 2216,
      'ca.total': 2223,
      'ca.issued': 7,
      'ca.revoked': 2,
      expected: 2221,
      difference: 2,
    });
    assert.equal(
      finding.message,
      'Chứng thư số đang hoạt động: 2.216 (kỳ trước) + 7 (cấp mới) − 2 (thu hồi) = 2.221, khác 2.223 (lệch 2).',
    );
    // This rule has Vietnamese labels only: the English ones come from the English names.
    assert.equal(
      finding.messageEn,
      'Special-use digital certificates in force: 2.216 (previous period) + 7 (issued) − 2 (revoked) = 2.221, differs from the stated 2.223 (off by 2).',
    );
    const shipped = validate(catalogue, rules, {
      period: parsePeriod('2021-04'),
      values: april(2223),
      previous: march,
    }).find((f) => f.rule === 'continuity.ca.total');
    assert.equal(
      shipped?.messageEn,
      'Active digital certificates: 2.216 (previous period) + 7 (issued) − 2 (revoked) = 2.221, differs from the stated 2.223 (off by 2).',
    );
  });

  test('is skipped without the previous period or with a flow missing', () => {
    assert.deepEqual(check(rule, april(2300)), []);
    assert.deepEqual(check(rule, april(2300).slice(1), march), []);
  });
});

describe('bounds', () => {
  const rule: ValidationRuleInput = { type: 'bounds' };

  test('valid values give nothing', () => {
    assert.deepEqual(
      check(rule, [
        { indicator: 'ca.total', value: 0 },
        { indicator: 'ioffice.signed_ratio', value: 100 },
        // Densities per 100 inhabitants may exceed 100.
        { indicator: 'telecom.mobile_density', value: 120.5 },
        { indicator: 'ecommerce.produce_sold', value: 2.3 },
        { indicator: 'postal.revenue', value: 15_629_000_000 },
      ]),
      [],
    );
  });

  test('negative counts, fractional counts and ratios above 100% fire', () => {
    const findings = check(rule, [
      { indicator: 'ca.issued', value: -1 },
      { indicator: 'ca.total', value: 2.5 },
      { indicator: 'ioffice.signed_ratio', value: 101.2 },
      { indicator: 'postal.revenue', value: -5 },
    ]);
    assert.deepEqual(
      findings.map((f) => [f.indicators[0], f.message.split(' — ')[1]]),
      [
        ['ca.issued', 'số liệu không được âm.'],
        ['ca.total', 'số lượng phải là số nguyên.'],
        ['ioffice.signed_ratio', 'tỷ lệ phải từ 0% đến 100%.'],
        ['postal.revenue', 'số liệu không được âm.'],
      ],
    );
    assert.equal(findings[2]!.message, 'Tỷ lệ văn bản đi được ký số: 101,2% — tỷ lệ phải từ 0% đến 100%.');
    assert.deepEqual(
      findings.map((f) => f.messageEn),
      [
        'Special-use digital certificates issued: -1 — the figure cannot be negative.',
        'Special-use digital certificates in force: 2,5 — a count must be a whole number.',
        'Share of issued documents digitally signed: 101,2% — a ratio must lie between 0% and 100%.',
        'Postal and courier revenue: -5 — the figure cannot be negative.',
      ],
    );
  });
});

describe('required', () => {
  const rule: ValidationRuleInput = {
    type: 'required',
    indicators: ['ca.total', 'ioffice.docs_sent'],
    periodKinds: ['month'],
  };

  test('fires for each indicator missing, not for those present', () => {
    const findings = check(rule, [{ indicator: 'ca.total', value: 2223 }]);
    assert.deepEqual(
      findings.map((f) => f.indicators),
      [['ioffice.docs_sent']],
    );
    assert.match(findings[0]!.message, /^Báo cáo tháng 4 năm 2021 thiếu chỉ tiêu bắt buộc: /);
    assert.equal(
      findings[0]!.messageEn,
      'The report for Apr 2021 is missing a required indicator: Documents issued on iOffice.',
    );
    const labelled = check({ ...rule, labelsEn: { 'ioffice.docs_sent': 'Documents sent' } }, []);
    assert.deepEqual(
      labelled.map((f) => f.messageEn),
      [
        'The report for Apr 2021 is missing a required indicator: Special-use digital certificates in force.',
        'The report for Apr 2021 is missing a required indicator: Documents sent.',
      ],
    );
    assert.deepEqual(
      check(rule, [
        { indicator: 'ca.total', value: 2223 },
        { indicator: 'ioffice.docs_sent', value: 1 },
      ]),
      [],
    );
  });

  test('applies only to the listed period kinds', () => {
    const findings = validate(catalogue, [resolveRule(catalogue, rule)], {
      period: parsePeriod('2021'),
      values: [],
    });
    assert.deepEqual(findings, []);
  });
});

describe('rules as data', () => {
  test('the shipped rules name only indicators of the default catalogue', () => {
    assert.deepEqual(ruleProblems(catalogue, rules), []);
  });

  test('a file rule with the id of a derived rule replaces it; enabled: false removes it', () => {
    const derived = resolveRules(catalogue);
    const holder = derived.find((r) => r.id === 'parts.ca.total.holder');
    assert.ok(holder && holder.severity === 'error');
    const resolved = resolveRules(catalogue, [
      {
        id: 'parts.ca.total.holder',
        type: 'parts_sum',
        total: 'ca.total',
        dimension: 'holder',
        severity: 'warning',
      },
      {
        id: 'parts.ca.personal.token',
        type: 'parts_sum',
        total: 'ca.personal',
        dimension: 'token',
        enabled: false,
      },
    ]);
    assert.equal(resolved.length, derived.length - 1);
    assert.equal(resolved.find((r) => r.id === 'parts.ca.total.holder')?.severity, 'warning');
    assert.equal(
      resolved.find((r) => r.id === 'parts.ca.personal.token'),
      undefined,
    );
  });

  test('a total with two breakdowns gets a rule for each', () => {
    const ids = resolveRules(catalogue)
      .map((r) => r.id)
      .filter((id) => id.startsWith('parts.dvc.dossiers_received.'));
    assert.deepEqual(ids.sort(), [
      'parts.dvc.dossiers_received.channel',
      'parts.dvc.dossiers_received.level',
    ]);
  });

  test('a malformed rule is refused', () => {
    assert.throws(() => resolveRule(catalogue, { type: 'ratio_matches' } as unknown as ValidationRuleInput));
  });
});
