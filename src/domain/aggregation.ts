import type { Catalogue, Indicator } from './indicator.js';
import { isPeriodId, monthIdsOf, type Period, parsePeriod, periodContains, periodId } from './period.js';
import type { ValueScope } from './report-document.js';

/** A value as the store holds it: one indicator, one period, optionally one unit and one breakdown label. */
export interface StoredValue {
  indicator: string;
  periodId: string;
  value: number;
  /** Defaults from the indicator kind: flow → 'period', stock → 'as_of_end', ratio → 'period'. */
  scope?: ValueScope;
  /** A breakdown label ("VNPT Trà Vinh"); values with different labels are separate series. */
  breakdown?: string | null;
  /** The unit (phòng, trung tâm) that reported it; values of several units are added up. */
  unitId?: string | null;
}

/**
 * How an aggregated value was obtained: `stored` for the period itself, `sum` of month
 * values (flows), `last` month value (stocks, "lũy kế" cumulative values), or `ratio`
 * recomputed from the aggregated numerator and denominator.
 */
export type AggregationMethod = 'stored' | 'sum' | 'last' | 'ratio';

export interface AggregatedValue {
  indicator: string;
  /** Null when it cannot be computed (a ratio with a missing or zero part, a period ratio without a formula). */
  value: number | null;
  method: AggregationMethod;
  /** Months of the target period holding at least one value (for a stored value: all of them). */
  monthsPresent: number;
  monthsExpected: number;
  /** Flows: every month present. Stocks: every unit's last value is from the period's last month. Ratios: both parts complete. */
  complete: boolean;
  /** For `last`: the month the value stands at (with several units, the oldest of their latest months). */
  asOfPeriodId?: string;
  scope: ValueScope;
  /** Present when the series carries a breakdown label. */
  breakdown?: string;
}

const DEFAULT_SCOPE: Record<Indicator['kind'], ValueScope> = {
  flow: 'period',
  stock: 'as_of_end',
  ratio: 'period',
};

interface Series {
  indicator: string;
  scope: ValueScope;
  breakdown: string;
  values: StoredValue[];
}

/** Removes binary floating-point noise from sums of decimal values (0.1 + 0.2). */
function clean(value: number): number {
  return Number.isInteger(value) ? value : Math.round(value * 1e9) / 1e9;
}

function sum(values: readonly StoredValue[]): number {
  return clean(values.reduce((total, v) => total + v.value, 0));
}

function seriesKey(indicator: string, scope: ValueScope, breakdown: string): string {
  return `${indicator}\u0000${scope}\u0000${breakdown}`;
}

function groupSeries(catalogue: Catalogue, values: readonly StoredValue[]): Map<string, Series> {
  const groups = new Map<string, Series>();
  for (const value of values) {
    const kind = catalogue.get(value.indicator)?.kind ?? 'flow';
    const scope = value.scope ?? DEFAULT_SCOPE[kind];
    const breakdown = value.breakdown ?? '';
    const key = seriesKey(value.indicator, scope, breakdown);
    const series = groups.get(key) ?? { indicator: value.indicator, scope, breakdown, values: [] };
    series.values.push(value);
    groups.set(key, series);
  }
  return groups;
}

function withBreakdown(breakdown: string): { breakdown?: string } {
  return breakdown === '' ? {} : { breakdown };
}

/**
 * A stored value of a period lying inside the target: a month, or a longer period (a 9-month
 * report's figure inside the year). `months` are positions in the target, `end` the last one.
 */
interface Piece {
  value: StoredValue;
  months: number[];
  end: number;
}

function byUnit(pieces: readonly Piece[]): Map<string, Piece[]> {
  const units = new Map<string, Piece[]>();
  for (const piece of pieces) {
    const unit = piece.value.unitId ?? '';
    units.set(unit, [...(units.get(unit) ?? []), piece]);
  }
  return units;
}

/**
 * Flows: per unit, the longest stored periods first, then whatever months they leave uncovered
 * (a stored 9 months + October, November, December), never counting a month twice; then all units
 * added up. Months present = months covered by any unit.
 */
function aggregateFlow(series: Series, pieces: readonly Piece[], monthsExpected: number): AggregatedValue {
  const chosen: StoredValue[] = [];
  const present = new Set<number>();
  for (const unitPieces of byUnit(pieces).values()) {
    const covered = new Set<number>();
    const longestFirst = [...unitPieces].sort((a, b) => b.months.length - a.months.length || a.end - b.end);
    for (const piece of longestFirst) {
      if (piece.months.some((m) => covered.has(m))) continue;
      for (const m of piece.months) {
        covered.add(m);
        present.add(m);
      }
      chosen.push(piece.value);
    }
  }
  return {
    indicator: series.indicator,
    value: sum(chosen),
    method: 'sum',
    monthsPresent: present.size,
    monthsExpected,
    complete: present.size === monthsExpected,
    scope: series.scope,
    ...withBreakdown(series.breakdown),
  };
}

/**
 * Stocks: per unit, the value standing at the latest end inside the period (the shortest period
 * on a tie: the month's own figure), then all units added up. Months present = distinct end months.
 */
function aggregateStock(series: Series, pieces: readonly Piece[], monthIds: string[]): AggregatedValue {
  const latest: Piece[] = [];
  for (const unitPieces of byUnit(pieces).values()) {
    const best = unitPieces.reduce((a, b) =>
      b.end > a.end || (b.end === a.end && b.months.length < a.months.length) ? b : a,
    );
    latest.push(best);
  }
  const oldestEnd = Math.min(...latest.map((p) => p.end));
  return {
    indicator: series.indicator,
    value: sum(latest.map((p) => p.value)),
    method: 'last',
    monthsPresent: new Set(pieces.map((p) => p.end)).size,
    monthsExpected: monthIds.length,
    complete: oldestEnd === monthIds.length - 1,
    asOfPeriodId: monthIds[oldestEnd]!,
    scope: series.scope,
    ...withBreakdown(series.breakdown),
  };
}

/** The series' values of periods strictly inside the target, as pieces; malformed period ids are skipped. */
function piecesInside(values: readonly StoredValue[], target: Period, monthIds: string[]): Piece[] {
  const position = new Map(monthIds.map((id, i) => [id, i]));
  const targetId = periodId(target);
  const pieces: Piece[] = [];
  for (const value of values) {
    if (value.periodId === targetId || !isPeriodId(value.periodId)) continue;
    const period = parsePeriod(value.periodId);
    if (!periodContains(target, period)) continue;
    const months = monthIdsOf(period).map((id) => position.get(id)!);
    pieces.push({ value, months, end: Math.max(...months) });
  }
  return pieces;
}

function storedForTarget(series: Series, stored: StoredValue[], monthsExpected: number): AggregatedValue {
  return {
    indicator: series.indicator,
    value: sum(stored),
    method: 'stored',
    monthsPresent: monthsExpected,
    monthsExpected,
    complete: true,
    scope: series.scope,
    ...withBreakdown(series.breakdown),
  };
}

function unknownRatio(
  indicator: string,
  scope: ValueScope,
  breakdown: string,
  monthsExpected: number,
): AggregatedValue {
  return {
    indicator,
    value: null,
    method: 'ratio',
    monthsPresent: 0,
    monthsExpected,
    complete: false,
    scope,
    ...withBreakdown(breakdown),
  };
}

/**
 * Aggregates stored values to a target period (month, quarter, 6 months, 9 months, year).
 *
 * - A value stored for the target period itself wins (a 9-month report's own figures).
 * - Otherwise from the values of the periods inside it: months, and longer periods stored for
 *   themselves (a 9-month report's figures plus October–December make a year). Values of scope
 *   `period` are flows and are summed, longest stored periods first and no month twice;
 *   `as_of_end` (stock) and `cumulative` (lũy kế) values take the value at the latest end.
 * - Values of several units are added up: flows over each unit's months, stocks as the sum of each
 *   unit's latest value in the period. Values with a breakdown label form their own series.
 * - A ratio with a formula is recomputed from its aggregated numerator and denominator of the same
 *   breakdown (never summed or averaged); null when a part is missing or the denominator is 0.
 *   A ratio without a formula can only carry its last value forward when it is `as_of_end`.
 *
 * Values of periods not inside the target are ignored; `periodIdsInside(target)` lists the ids worth loading. Output is sorted by indicator, scope, breakdown.
 */
export function aggregateToPeriod(
  catalogue: Catalogue,
  target: Period,
  values: readonly StoredValue[],
): AggregatedValue[] {
  const targetId = periodId(target);
  const monthIds = monthIdsOf(target);
  const results = new Map<string, AggregatedValue>();
  const pendingRatios: Series[] = [];

  for (const [key, series] of groupSeries(catalogue, values)) {
    const indicator = catalogue.get(series.indicator);
    const stored = series.values.filter((v) => v.periodId === targetId);
    const inside = piecesInside(series.values, target, monthIds);
    const isRatio = indicator?.kind === 'ratio';
    // Ratios of several units cannot be added: recompute them instead.
    if (stored.length > 0 && (!isRatio || stored.length === 1)) {
      results.set(key, storedForTarget(series, stored, monthIds.length));
    } else if (isRatio && indicator?.formula) {
      pendingRatios.push(series);
    } else if (inside.length === 0) {
      // Nothing inside the period for this series.
    } else if (series.scope === 'period' && !isRatio) {
      results.set(key, aggregateFlow(series, inside, monthIds.length));
    } else if (series.scope !== 'period') {
      results.set(key, aggregateStock(series, inside, monthIds));
    } else {
      results.set(key, unknownRatio(series.indicator, series.scope, series.breakdown, monthIds.length));
    }
  }

  for (const ratio of catalogue.indicators) {
    if (ratio.kind !== 'ratio' || !ratio.formula) continue;
    const formula = ratio.formula;
    const numerators = [...results.values()].filter((r) => r.indicator === formula.numerator);
    for (const numerator of numerators) {
      const key = seriesKey(ratio.code, numerator.scope, numerator.breakdown ?? '');
      if (results.has(key)) continue;
      const denominators = [...results.values()].filter(
        (r) => r.indicator === formula.denominator && (r.breakdown ?? '') === (numerator.breakdown ?? ''),
      );
      const denominator = denominators.find((d) => d.scope === numerator.scope) ?? denominators[0];
      const computable =
        denominator !== undefined &&
        numerator.value !== null &&
        denominator.value !== null &&
        denominator.value !== 0;
      results.set(key, {
        indicator: ratio.code,
        value: computable ? clean((numerator.value! / denominator.value!) * formula.multiplier) : null,
        method: 'ratio',
        monthsPresent: Math.min(numerator.monthsPresent, denominator?.monthsPresent ?? 0),
        monthsExpected: monthIds.length,
        complete: numerator.complete && (denominator?.complete ?? false),
        scope: numerator.scope,
        ...withBreakdown(numerator.breakdown ?? ''),
      });
    }
  }
  // Ratio series seen in the input whose parts are missing still appear, as unknown.
  for (const series of pendingRatios) {
    const sameBreakdown = [...results.values()].some(
      (r) => r.indicator === series.indicator && (r.breakdown ?? '') === series.breakdown,
    );
    const relevant = series.values.some((v) => v.periodId === targetId);
    if (!sameBreakdown && (relevant || piecesInside(series.values, target, monthIds).length > 0)) {
      const key = seriesKey(series.indicator, series.scope, series.breakdown);
      results.set(key, unknownRatio(series.indicator, series.scope, series.breakdown, monthIds.length));
    }
  }

  return [...results.values()].sort(
    (a, b) =>
      a.indicator.localeCompare(b.indicator) ||
      a.scope.localeCompare(b.scope) ||
      (a.breakdown ?? '').localeCompare(b.breakdown ?? ''),
  );
}
