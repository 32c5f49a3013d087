import type { RatioFormula } from './indicator.js';

// No runtime import: the web bundles this module (the entry page offers computed ratios) without zod.

/**
 * A ratio as reports state it, computed from its two parts and rounded to two decimals (14.477 documents
 * signed of 18.182 sent → 79,62%); null when the denominator is 0.
 */
export function statedRatio(formula: RatioFormula, numerator: number, denominator: number): number | null {
  if (denominator === 0) return null;
  return Math.round((numerator / denominator) * formula.multiplier * 100) / 100;
}
