import { z } from 'zod';
import type { Period } from './period.js';

/**
 * A target (chỉ tiêu kế hoạch) for an indicator from a year on, e.g. 100% of eligible public services
 * online at level 4 from 2022. Defaults ship in catalogue/targets.json; an organisation overrides
 * them in its settings (`settings.targets`), indicator by indicator.
 */
export const TargetSchema = z.object({
  indicator: z.string(),
  value: z.number(),
  /** First year the target applies to. */
  from: z.number().int(),
  /** Last year, when it ends. */
  to: z.number().int().nullable().default(null),
  /** Where the target comes from (plan, resolution), shown beside it. */
  source: z.string().default(''),
});
export type Target = z.infer<typeof TargetSchema>;

export const TargetsFileSchema = z.object({ targets: z.array(TargetSchema) });

/** The organisation's targets replace the defaults of the same indicator. */
export function mergeTargets(defaults: readonly Target[], overrides: readonly Target[]): Target[] {
  const overridden = new Set(overrides.map((t) => t.indicator));
  return [...defaults.filter((t) => !overridden.has(t.indicator)), ...overrides];
}

/** The target in force for a period (the one starting latest, when several apply), or null. */
export function targetFor(targets: readonly Target[], indicator: string, period: Period): Target | null {
  const applicable = targets.filter(
    (t) => t.indicator === indicator && t.from <= period.year && (t.to === null || t.to >= period.year),
  );
  return applicable.sort((a, b) => b.from - a.from)[0] ?? null;
}
