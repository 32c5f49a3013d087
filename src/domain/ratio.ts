import type { RatioFormula } from './indicator.js';

// No runtime import: the web bundles this module (the entry page offers computed ratios) without zod.

/**
 * A ratio as reports state it, computed from its two parts and rounded to two decimals (14.477 documents
 * signed of 18.182 sent → 79,62%); null when the denominator is 0.
 */
export function statedRatio(formula: RatioFormula, numerator: number, denominator: number): number | null {
  if (denominator === 0) return null;
  // Multiplied before dividing: 23 / 160 = 14,375% rounds to 14,38 as by hand (divided first, float error
  // makes it 14,37).
  return Math.round((numerator * formula.multiplier * 100) / denominator) / 100;
}
