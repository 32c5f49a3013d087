import { z } from 'zod';
import type { Catalogue } from '../indicator.js';

export const SeveritySchema = z.enum(['error', 'warning']);
export type Severity = z.infer<typeof SeveritySchema>;

const codes = z
  .union([z.string(), z.array(z.string())])
  .transform((value) => (Array.isArray(value) ? value : [value]));

const common = {
  /** Stable name of the rule; a rule in the file with the id of a derived rule replaces it. */
  id: z.string().min(1).optional(),
  severity: SeveritySchema.optional(),
  /** `false` switches a (derived) rule off. */
  enabled: z.boolean().default(true),
  /** Why the rule is there or why it is set this way (not shown to users). */
  note: z.string().optional(),
  /** Heading of the message; defaults to the total's (or stock's) name. */
  label: z.string().optional(),
  /** Short names of the indicators in messages ("USB", "SIM PKI"); default: what differs between their names. */
  labels: z.record(z.string(), z.string()).default({}),
  /** `label` in English ("Active digital certificates"); defaults to the total's (or stock's) English name. */
  labelEn: z.string().optional(),
  /** `labels` in English ("organisations", "individuals"); default: what differs between their English names. */
  labelsEn: z.record(z.string(), z.string()).default({}),
};

/** The parts of one breakdown of a total add up to it (468 tổ chức + 1.755 cá nhân = 2.223). */
export const PartsSumRuleSchema = z.object({
  ...common,
  type: z.literal('parts_sum'),
  total: z.string(),
  /** Without `parts`, the catalogue's parts of `total` in this breakdown dimension. */
  dimension: z.string().optional(),
  parts: z.array(z.string()).min(1).optional(),
  /**
   * A part the report does not state: `skip` checks only that the stated parts do not exceed the
   * total (service levels 1–2 are often left out); `zero` counts it as 0 (lists of document types
   * name only the types that occurred).
   */
  missingParts: z.enum(['skip', 'zero']).default('skip'),
});

/** A subset is not larger than its whole (signed documents ≤ documents sent). */
export const PartWithinTotalRuleSchema = z.object({
  ...common,
  type: z.literal('part_within_total'),
  total: z.string(),
  part: z.string(),
});

/** A stated ratio equals the one computed from its numerator and denominator (catalogue formula). */
export const RatioMatchesRuleSchema = z.object({
  ...common,
  type: z.literal('ratio_matches'),
  ratio: z.string(),
  /** In the ratio's own unit: percentage points for '%'. */
  tolerance: z.number().nonnegative().default(0.01),
});

/** End level = previous period's level + inflows − outflows (certificates in force). */
export const StockContinuityRuleSchema = z.object({
  ...common,
  type: z.literal('stock_continuity'),
  stock: z.string(),
  inflow: codes,
  outflow: codes.default([]),
});

/** Counts are non-negative whole numbers; '%' ratios lie between 0 and 100; nothing else is negative. */
export const BoundsRuleSchema = z.object({
  ...common,
  type: z.literal('bounds'),
  /** Default: every indicator. */
  indicators: z.array(z.string()).optional(),
});

/** Indicators a report of the period must state. */
export const RequiredRuleSchema = z.object({
  ...common,
  type: z.literal('required'),
  indicators: z.array(z.string()).min(1),
  /** Default: every kind of period. */
  periodKinds: z.array(z.enum(['month', 'quarter', 'half_year', 'nine_months', 'year'])).optional(),
});

export const ValidationRuleSchema = z.discriminatedUnion('type', [
  PartsSumRuleSchema,
  PartWithinTotalRuleSchema,
  RatioMatchesRuleSchema,
  StockContinuityRuleSchema,
  BoundsRuleSchema,
  RequiredRuleSchema,
]);
export type ValidationRuleInput = z.input<typeof ValidationRuleSchema>;
type ParsedRule = z.output<typeof ValidationRuleSchema>;

/** The shape of catalogue/validation-rules.json. */
export const ValidationRulesFileSchema = z.object({ rules: z.array(ValidationRuleSchema) });

type Resolved<T> = T extends { type: 'parts_sum' }
  ? Omit<T, 'parts'> & { id: string; severity: Severity; parts: string[] }
  : T & { id: string; severity: Severity };

/** A rule ready to run: id, severity and parts filled in. */
export type ValidationRule = Resolved<ParsedRule>;
export type PartsSumRule = Extract<ValidationRule, { type: 'parts_sum' }>;
export type PartWithinTotalRule = Extract<ValidationRule, { type: 'part_within_total' }>;
export type RatioMatchesRule = Extract<ValidationRule, { type: 'ratio_matches' }>;
export type StockContinuityRule = Extract<ValidationRule, { type: 'stock_continuity' }>;
export type BoundsRule = Extract<ValidationRule, { type: 'bounds' }>;
export type RequiredRule = Extract<ValidationRule, { type: 'required' }>;

// Continuity is only a warning: certificates also expire, which the reports do not count.
const DEFAULT_SEVERITY: Record<ParsedRule['type'], Severity> = {
  parts_sum: 'error',
  part_within_total: 'error',
  ratio_matches: 'error',
  stock_continuity: 'warning',
  bounds: 'error',
  required: 'warning',
};

function defaultId(rule: ParsedRule): string {
  switch (rule.type) {
    case 'parts_sum':
      return rule.dimension ? `parts.${rule.total}.${rule.dimension}` : `parts.${rule.total}`;
    case 'part_within_total':
      return `within.${rule.part}`;
    case 'ratio_matches':
      return `ratio.${rule.ratio}`;
    case 'stock_continuity':
      return `continuity.${rule.stock}`;
    case 'bounds':
      return rule.indicators ? `bounds.${rule.indicators.join('+')}` : 'bounds';
    case 'required':
      return `required.${rule.periodKinds?.join('+') ?? 'all'}`;
  }
}

function resolve(catalogue: Catalogue, rule: ParsedRule): ValidationRule {
  const id = rule.id ?? defaultId(rule);
  const severity = rule.severity ?? DEFAULT_SEVERITY[rule.type];
  if (rule.type === 'parts_sum') {
    const parts =
      rule.parts ??
      (catalogue.partsOf(rule.total).get(rule.dimension ?? '') ?? []).map((indicator) => indicator.code);
    return { ...rule, id, severity, parts };
  }
  return { ...rule, id, severity } as ValidationRule;
}

/**
 * Rules that follow from the catalogue itself: parts of each breakdown sum to their total,
 * a subset (`subsetOf`, or a part without a dimension) stays within its total, each ratio with a formula
 * matches it, bounds on every value, and the indicators marked required.
 */
export function deriveRules(catalogue: Catalogue): ValidationRule[] {
  const derived: ParsedRule[] = [];
  const totals = new Set(catalogue.indicators.flatMap((i) => (i.partOf ? [i.partOf] : [])));
  for (const total of totals) {
    for (const [dimension, parts] of catalogue.partsOf(total)) {
      if (dimension === '') {
        for (const part of parts) {
          derived.push(
            PartWithinTotalRuleSchema.parse({ type: 'part_within_total', total, part: part.code }),
          );
        }
      } else {
        derived.push(PartsSumRuleSchema.parse({ type: 'parts_sum', total, dimension }));
      }
    }
  }
  for (const indicator of catalogue.indicators) {
    if (indicator.subsetOf) {
      derived.push(
        PartWithinTotalRuleSchema.parse({
          type: 'part_within_total',
          total: indicator.subsetOf,
          part: indicator.code,
        }),
      );
    }
  }
  for (const indicator of catalogue.indicators) {
    if (indicator.kind === 'ratio' && indicator.formula) {
      derived.push(RatioMatchesRuleSchema.parse({ type: 'ratio_matches', ratio: indicator.code }));
    }
  }
  derived.push(BoundsRuleSchema.parse({ type: 'bounds' }));
  const required = catalogue.indicators.filter((i) => i.required).map((i) => i.code);
  if (required.length > 0) {
    derived.push(
      RequiredRuleSchema.parse({ id: 'required.catalogue', type: 'required', indicators: required }),
    );
  }
  return derived.map((rule) => resolve(catalogue, rule));
}

/**
 * The rules to run: those derived from the catalogue, then the file's rules in order — a file
 * rule with the id of an earlier rule replaces it (same position), `enabled: false` drops it.
 */
export function resolveRules(
  catalogue: Catalogue,
  fileRules: readonly ValidationRuleInput[] = [],
): ValidationRule[] {
  const byId = new Map<string, ValidationRule>();
  for (const rule of deriveRules(catalogue)) byId.set(rule.id, rule);
  for (const input of fileRules) {
    const rule = resolveRule(catalogue, input);
    byId.set(rule.id, rule);
  }
  return [...byId.values()].filter((rule) => rule.enabled);
}

/** One rule ready to run: parsed, with its default id and severity, parts taken from the catalogue when not listed. */
export function resolveRule(catalogue: Catalogue, input: ValidationRuleInput): ValidationRule {
  return resolve(catalogue, ValidationRuleSchema.parse(input));
}

/** Parses the content of a rules file (catalogue/validation-rules.json). */
export function parseValidationRulesFile(data: unknown): ValidationRuleInput[] {
  return ValidationRulesFileSchema.parse(data).rules;
}

/** Indicator codes a rule names that the catalogue does not know, as "rule id → code". */
export function ruleProblems(catalogue: Catalogue, rules: readonly ValidationRule[]): string[] {
  const problems: string[] = [];
  for (const rule of rules) {
    for (const code of codesOf(rule)) {
      if (!catalogue.has(code)) problems.push(`${rule.id} → ${code}`);
    }
    if (rule.type === 'parts_sum' && rule.parts.length === 0) problems.push(`${rule.id} → no parts`);
    if (rule.type === 'ratio_matches' && !catalogue.get(rule.ratio)?.formula) {
      problems.push(`${rule.id} → ${rule.ratio} has no formula`);
    }
  }
  return problems;
}

function codesOf(rule: ValidationRule): string[] {
  switch (rule.type) {
    case 'parts_sum':
      return [rule.total, ...rule.parts];
    case 'part_within_total':
      return [rule.total, rule.part];
    case 'ratio_matches':
      return [rule.ratio];
    case 'stock_continuity':
      return [rule.stock, ...rule.inflow, ...rule.outflow];
    case 'bounds':
      return rule.indicators ?? [];
    case 'required':
      return rule.indicators;
  }
}
