import type { Catalogue, Indicator } from '../indicator.js';
import { type Period, periodLabelEn, periodLabelVi } from '../period.js';
import { unitInEnglish } from '../units.js';
import { formatViNumber } from '../vietnamese/number.js';
import { lowerFirstEn, nameInEnglish, shortLabels, shortLabelsEn, titleEnOf, titleOf } from './labels.js';
import type {
  BoundsRule,
  PartsSumRule,
  PartWithinTotalRule,
  RatioMatchesRule,
  RequiredRule,
  Severity,
  StockContinuityRule,
  ValidationRule,
} from './rules.js';
import { type CheckedValue, isApproximate, type ValueIndex } from './value-index.js';

/**
 * A problem found in a period's values: which rule, which indicators, the numbers, and the message
 * in Vietnamese and in English (the UI's second language).
 */
export interface Finding {
  rule: string;
  severity: Severity;
  indicators: string[];
  /** By indicator code, plus derived figures such as `sum`, `expected`, `difference`. */
  numbers: Record<string, number>;
  message: string;
  /**
   * The same message in English, with the same figures. Figures keep the Vietnamese format
   * (1.858; 30,73) as everywhere in the product, so a number reads the same in both languages.
   */
  messageEn: string;
}

export interface CheckInput {
  catalogue: Catalogue;
  period: Period;
  current: ValueIndex;
  previous: ValueIndex;
}

// Sums of decimal amounts (money) carry float noise; anything smaller than this is equality.
const EPSILON = 1e-6;

function fractionDigits(value: number): number {
  const text = String(value);
  if (text.includes('e')) return 6;
  return Math.min(6, (text.split('.')[1] ?? '').length);
}

/**
 * A number exactly as stated, in Vietnamese format: 1719 → "1.719", 3.13 → "3,13". English messages
 * use it too: the product shows every figure in this format, whatever the language.
 */
function num(value: number): string {
  return formatViNumber(value, { decimals: fractionDigits(Math.round(value * 1e6) / 1e6) });
}

function indicatorOf(catalogue: Catalogue, code: string): Indicator {
  const indicator = catalogue.get(code);
  if (indicator) return indicator;
  // Rules may name codes an organisation's catalogue lacks; they read as their code.
  return {
    code,
    name: code,
    unit: '',
    section: '',
    kind: 'flow',
    formula: null,
    partOf: null,
    dimension: null,
    integer: true,
    required: false,
  };
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLocaleLowerCase('vi') + text.slice(1);
}

function finding(
  rule: ValidationRule,
  indicators: string[],
  numbers: Record<string, number>,
  message: string,
  messageEn: string,
): Finding {
  return { rule: rule.id, severity: rule.severity, indicators, numbers, message, messageEn };
}

function checkPartsSum(input: CheckInput, rule: PartsSumRule): Finding[] {
  const findings: Finding[] = [];
  const parts = rule.parts.map((code) => indicatorOf(input.catalogue, code));
  const labels = shortLabels(parts, rule.labels);
  const labelsEn = shortLabelsEn(parts, rule.labelsEn, rule.labels);
  const heading = rule.label ?? titleOf(indicatorOf(input.catalogue, rule.total));
  const headingEn = nameInEnglish(indicatorOf(input.catalogue, rule.total), rule.labelEn, rule.label);
  for (const context of input.current.contexts) {
    const total = context.values.get(rule.total);
    if (!total || isApproximate(total)) continue;
    const present = rule.parts.flatMap((code) => input.current.find(context, code, 'levels') ?? []);
    if (present.length === 0 || present.some(isApproximate)) continue;
    const missing = present.length < rule.parts.length;
    const sum = present.reduce((s, v) => s + v.value, 0);
    const difference = sum - total.value;
    if (Math.abs(difference) <= EPSILON) continue;
    // With parts left unstated, only a sum above the total is certainly wrong.
    if (missing && rule.missingParts === 'skip' && difference < 0) continue;
    const terms = present.map((v) => `${num(v.value)} (${labels.get(v.indicator)})`).join(' + ');
    const termsEn = present.map((v) => `${num(v.value)} (${labelsEn.get(v.indicator)})`).join(' + ');
    const exceeds = missing && rule.missingParts === 'skip';
    const verdict = exceeds ? 'vượt tổng' : 'khác tổng';
    const verdictEn = exceeds ? 'exceeds the total' : 'differs from the total';
    const numbers: Record<string, number> = { [rule.total]: total.value };
    for (const v of present) numbers[v.indicator] = v.value;
    numbers.sum = sum;
    numbers.difference = difference;
    findings.push(
      finding(
        rule,
        [rule.total, ...present.map((v) => v.indicator)],
        numbers,
        `${heading}: ${terms} = ${num(sum)}, ${verdict} ${num(total.value)} (lệch ${num(Math.abs(difference))}).`,
        `${headingEn}: ${termsEn} = ${num(sum)}, ${verdictEn} ${num(total.value)} (off by ${num(Math.abs(difference))}).`,
      ),
    );
  }
  return findings;
}

function checkPartWithinTotal(input: CheckInput, rule: PartWithinTotalRule): Finding[] {
  const findings: Finding[] = [];
  for (const context of input.current.contexts) {
    const total = context.values.get(rule.total);
    const part = context.values.get(rule.part);
    if (!total || !part || isApproximate(total) || isApproximate(part)) continue;
    const difference = part.value - total.value;
    if (difference <= EPSILON) continue;
    const partTitle = rule.labels[rule.part] ?? titleOf(indicatorOf(input.catalogue, rule.part));
    const totalTitle =
      rule.labels[rule.total] ?? lowerFirst(titleOf(indicatorOf(input.catalogue, rule.total)));
    const partTitleEn = nameInEnglish(
      indicatorOf(input.catalogue, rule.part),
      rule.labelsEn[rule.part],
      rule.labels[rule.part],
    );
    const totalEn = indicatorOf(input.catalogue, rule.total);
    const totalTitleEn =
      rule.labelsEn[rule.total] ??
      (totalEn.nameEn ? undefined : rule.labels[rule.total]) ??
      lowerFirstEn(titleEnOf(totalEn));
    findings.push(
      finding(
        rule,
        [rule.part, rule.total],
        { [rule.part]: part.value, [rule.total]: total.value, difference },
        `${partTitle}: ${num(part.value)}, lớn hơn ${totalTitle} ${num(total.value)} (lệch ${num(difference)}).`,
        `${partTitleEn}: ${num(part.value)}, more than ${totalTitleEn} at ${num(total.value)} (off by ${num(difference)}).`,
      ),
    );
  }
  return findings;
}

/**
 * Reports write ratios with 0–2 decimals and sometimes cut instead of rounding (76,82% stated for
 * 8.262 / 10.754 = 76,827%). A stated ratio agrees when it is within the tolerance of the computed
 * one, or equals the computed one rounded or cut to the decimals it is written with (34% for 33,99%).
 */
export function ratioAgrees(stated: number, computed: number, tolerance: number): boolean {
  if (Math.abs(stated - computed) <= tolerance + 1e-9) return true;
  const factor = 10 ** fractionDigits(stated);
  const rounded = Math.round(computed * factor) / factor;
  const truncated = Math.trunc(computed * factor + 1e-9) / factor;
  return Math.abs(stated - rounded) < 1e-9 || Math.abs(stated - truncated) < 1e-9;
}

function withUnit(text: string, unit: string): string {
  if (unit === '%') return `${text}%`;
  return unit ? `${text} ${unit}` : text;
}

function checkRatio(input: CheckInput, rule: RatioMatchesRule): Finding[] {
  const indicator = indicatorOf(input.catalogue, rule.ratio);
  const formula = indicator.formula;
  if (!formula) return [];
  const findings: Finding[] = [];
  for (const context of input.current.contexts) {
    const stated = context.values.get(rule.ratio);
    if (!stated || isApproximate(stated)) continue;
    const numerator = input.current.find(context, formula.numerator);
    const denominator = input.current.find(context, formula.denominator);
    if (!numerator || !denominator || denominator.value === 0) continue;
    if (isApproximate(numerator) || isApproximate(denominator)) continue;
    const computed = (numerator.value / denominator.value) * formula.multiplier;
    if (ratioAgrees(stated.value, computed, rule.tolerance)) continue;
    const difference = stated.value - computed;
    const times = formula.multiplier === 1 ? '' : ` × ${num(formula.multiplier)}`;
    const points = indicator.unit === '%' ? ' điểm phần trăm' : indicator.unit ? ` ${indicator.unit}` : '';
    const off = formatViNumber(Math.abs(difference), { decimals: 2 });
    const unitEn = unitInEnglish(indicator.unit);
    // Always two decimals ("1,00"), so always the plural.
    const pointsEn = indicator.unit === '%' ? ' percentage points' : unitEn ? ` ${unitEn}` : '';
    findings.push(
      finding(
        rule,
        [rule.ratio, formula.numerator, formula.denominator],
        {
          [rule.ratio]: stated.value,
          [formula.numerator]: numerator.value,
          [formula.denominator]: denominator.value,
          computed: Math.round(computed * 1e6) / 1e6,
          difference: Math.round(difference * 1e6) / 1e6,
        },
        `${rule.label ?? titleOf(indicator)}: ghi ${withUnit(num(stated.value), indicator.unit)}, tính lại ` +
          `${num(numerator.value)} / ${num(denominator.value)}${times} = ` +
          `${withUnit(formatViNumber(computed, { decimals: 2 }), indicator.unit)} ` +
          `(lệch ${off}${points}).`,
        `${nameInEnglish(indicator, rule.labelEn, rule.label)}: stated ${withUnit(num(stated.value), unitEn)}, ` +
          `recomputed ${num(numerator.value)} / ${num(denominator.value)}${times} = ` +
          `${withUnit(formatViNumber(computed, { decimals: 2 }), unitEn)} ` +
          `(off by ${off}${pointsEn}).`,
      ),
    );
  }
  return findings;
}

function checkContinuity(input: CheckInput, rule: StockContinuityRule): Finding[] {
  const flows = [...rule.inflow, ...rule.outflow].map((code) => indicatorOf(input.catalogue, code));
  const labels = shortLabels(flows, rule.labels);
  const labelsEn = shortLabelsEn(flows, rule.labelsEn, rule.labels);
  const heading = rule.label ?? titleOf(indicatorOf(input.catalogue, rule.stock));
  const headingEn = nameInEnglish(indicatorOf(input.catalogue, rule.stock), rule.labelEn, rule.label);
  const findings: Finding[] = [];
  for (const context of input.current.contexts) {
    const stock = context.values.get(rule.stock);
    const previous = input.previous.find(context, rule.stock, 'levels');
    if (!stock || !previous) continue;
    const inflows = rule.inflow.map((code) => input.current.find(context, code));
    const outflows = rule.outflow.map((code) => input.current.find(context, code));
    const all: Array<CheckedValue | undefined> = [stock, previous, ...inflows, ...outflows];
    if (all.some((v) => v === undefined || isApproximate(v))) continue;
    const ins = inflows as CheckedValue[];
    const outs = outflows as CheckedValue[];
    const expected =
      previous.value + ins.reduce((s, v) => s + v.value, 0) - outs.reduce((s, v) => s + v.value, 0);
    const difference = stock.value - expected;
    if (Math.abs(difference) <= EPSILON) continue;
    const terms = [
      `${num(previous.value)} (kỳ trước)`,
      ...ins.map((v) => `+ ${num(v.value)} (${labels.get(v.indicator)})`),
      ...outs.map((v) => `− ${num(v.value)} (${labels.get(v.indicator)})`),
    ].join(' ');
    const termsEn = [
      `${num(previous.value)} (previous period)`,
      ...ins.map((v) => `+ ${num(v.value)} (${labelsEn.get(v.indicator)})`),
      ...outs.map((v) => `− ${num(v.value)} (${labelsEn.get(v.indicator)})`),
    ].join(' ');
    const numbers: Record<string, number> = { previous: previous.value, [rule.stock]: stock.value };
    for (const v of [...ins, ...outs]) numbers[v.indicator] = v.value;
    numbers.expected = expected;
    numbers.difference = difference;
    findings.push(
      finding(
        rule,
        [rule.stock, ...rule.inflow, ...rule.outflow],
        numbers,
        `${heading}: ${terms} = ${num(expected)}, khác ${num(stock.value)} (lệch ${num(Math.abs(difference))}).`,
        `${headingEn}: ${termsEn} = ${num(expected)}, differs from the stated ${num(stock.value)} (off by ${num(Math.abs(difference))}).`,
      ),
    );
  }
  return findings;
}

/** What is wrong with a value, in Vietnamese and in English. */
interface Problem {
  vi: string;
  en: string;
}

const OUT_OF_RANGE: Problem = { vi: 'tỷ lệ phải từ 0% đến 100%', en: 'a ratio must lie between 0% and 100%' };
const NEGATIVE: Problem = { vi: 'số liệu không được âm', en: 'the figure cannot be negative' };
const FRACTIONAL: Problem = { vi: 'số lượng phải là số nguyên', en: 'a count must be a whole number' };

function boundsProblem(indicator: Indicator, value: number): Problem | null {
  if (indicator.kind === 'ratio' && indicator.unit === '%') {
    return value < 0 || value > 100 ? OUT_OF_RANGE : null;
  }
  // Other percentages are changes (tăng/giảm …%), which may be negative.
  if (indicator.unit === '%') return null;
  if (value < 0) return NEGATIVE;
  if (indicator.integer && indicator.kind !== 'ratio' && !Number.isInteger(value)) return FRACTIONAL;
  return null;
}

function checkBounds(input: CheckInput, rule: BoundsRule): Finding[] {
  const only = rule.indicators ? new Set(rule.indicators) : null;
  const findings: Finding[] = [];
  for (const value of input.current.all()) {
    if (only && !only.has(value.indicator)) continue;
    const indicator = input.catalogue.get(value.indicator);
    if (!indicator) continue;
    const problem = boundsProblem(indicator, value.value);
    if (!problem) continue;
    const figure = withUnit(num(value.value), indicator.unit === '%' ? '%' : '');
    findings.push(
      finding(
        rule,
        [value.indicator],
        { [value.indicator]: value.value },
        `${titleOf(indicator)}: ${figure} — ${problem.vi}.`,
        `${titleEnOf(indicator)}: ${figure} — ${problem.en}.`,
      ),
    );
  }
  return findings;
}

function checkRequired(input: CheckInput, rule: RequiredRule): Finding[] {
  if (rule.periodKinds && !rule.periodKinds.includes(input.period.kind)) return [];
  return rule.indicators
    .filter((code) => !input.current.has(code))
    .map((code) =>
      finding(
        rule,
        [code],
        {},
        `Báo cáo ${periodLabelVi(input.period)} thiếu chỉ tiêu bắt buộc: ${rule.labels[code] ?? titleOf(indicatorOf(input.catalogue, code))}.`,
        `The report for ${periodLabelEn(input.period)} is missing a required indicator: ${nameInEnglish(indicatorOf(input.catalogue, code), rule.labelsEn[code], rule.labels[code])}.`,
      ),
    );
}

export function runRule(input: CheckInput, rule: ValidationRule): Finding[] {
  switch (rule.type) {
    case 'parts_sum':
      return checkPartsSum(input, rule);
    case 'part_within_total':
      return checkPartWithinTotal(input, rule);
    case 'ratio_matches':
      return checkRatio(input, rule);
    case 'stock_continuity':
      return checkContinuity(input, rule);
    case 'bounds':
      return checkBounds(input, rule);
    case 'required':
      return checkRequired(input, rule);
  }
}
