import rulesFile from '../../../catalogue/validation-rules.json' with { type: 'json' };
import type { Catalogue } from '../indicator.js';
import { parseValidationRulesFile, resolveRules, type ValidationRule } from './rules.js';

/** The shipped rules: derived from the catalogue, plus and overridden by catalogue/validation-rules.json. */
export function defaultValidationRules(catalogue: Catalogue): ValidationRule[] {
  return resolveRules(catalogue, parseValidationRulesFile(rulesFile));
}
