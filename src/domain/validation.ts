import type { Catalogue } from './indicator.js';
import type { Period } from './period.js';
import { type Finding, runRule } from './validation/checks.js';
import type { ValidationRule } from './validation/rules.js';
import { type ValueForCheck, ValueIndex } from './validation/value-index.js';

export { type Finding, ratioAgrees } from './validation/checks.js';
export { defaultValidationRules } from './validation/default-rules.js';
export {
  deriveRules,
  parseValidationRulesFile,
  resolveRule,
  resolveRules,
  ruleProblems,
  type Severity,
  type ValidationRule,
  type ValidationRuleInput,
  ValidationRuleSchema,
  ValidationRulesFileSchema,
} from './validation/rules.js';
export type { ValueForCheck } from './validation/value-index.js';

export interface ValidationInput {
  period: Period;
  values: readonly ValueForCheck[];
  /** The previous period's values, for stock continuity (certificates in force last month). */
  previous?: readonly ValueForCheck[];
}

/**
 * Checks a period's values against the rules (see `resolveRules` for the rule list: derived from
 * the catalogue plus catalogue/validation-rules.json). Values are compared only within the same
 * scope and breakdown label; approximate values ("hơn 100", "khoảng 469") are not held to exact sums.
 * Returns findings in rule order; an empty list means the values agree.
 */
export function validate(
  catalogue: Catalogue,
  rules: readonly ValidationRule[],
  input: ValidationInput,
): Finding[] {
  const checkInput = {
    catalogue,
    period: input.period,
    current: new ValueIndex(catalogue, input.values),
    previous: new ValueIndex(catalogue, input.previous ?? []),
  };
  return rules.flatMap((rule) => runRule(checkInput, rule));
}
