import type { Kysely } from 'kysely';
import { getIndicators, type StoredIndicator } from '../db/indicator.repository.js';
import { getOrganisation, organisationLineage } from '../db/organisation.repository.js';
import { completenessQuery } from '../db/queries/completeness.query.js';
import { periodsWithDataQuery } from '../db/queries/dashboard.query.js';
import { type SeriesRow, seriesQuery } from '../db/queries/series.query.js';
import type { Database } from '../db/schema.js';
import type { AggregatedValue } from '../domain/aggregation.js';
import { defaultTargets } from '../domain/default-catalogue.js';
import {
  comparePeriods,
  type Period,
  type PeriodKind,
  parsePeriod,
  periodId,
  periodIdsInside,
  previousPeriod,
} from '../domain/period.js';
import { statedRatio } from '../domain/ratio.js';
import { mergeTargets, type Target, TargetSchema, targetFor } from '../domain/target.js';
import { type Auth, requireAccess } from './access.js';
import { aggregatePeriod } from './period-analysis.service.js';

export type SeriesKind = 'month' | 'year' | 'all';

export interface SeriesView {
  indicator: string;
  name: string;
  unit: string;
  points: Array<{ periodId: string; value: number }>;
}

const KIND_FILTER: Record<SeriesKind, (kind: PeriodKind) => boolean> = {
  month: (kind) => kind === 'month',
  year: (kind) => kind === 'year',
  all: () => true,
};

/** A ratio the reports did not state is recomputed from its parts where both are known. */
function withComputedRatios(indicators: readonly StoredIndicator[], rows: readonly SeriesRow[]): SeriesRow[] {
  const byKey = new Map(rows.map((r) => [`${r.indicator}|${r.periodId}`, r.value]));
  const out = [...rows];
  for (const indicator of indicators) {
    const formula = indicator.formula;
    if (indicator.kind !== 'ratio' || !formula) continue;
    const periods = new Set(rows.filter((r) => r.indicator === formula.denominator).map((r) => r.periodId));
    for (const p of periods) {
      if (byKey.has(`${indicator.code}|${p}`)) continue;
      const numerator = byKey.get(`${formula.numerator}|${p}`);
      const denominator = byKey.get(`${formula.denominator}|${p}`);
      if (numerator === undefined || denominator === undefined) continue;
      const value = statedRatio(formula, numerator, denominator);
      if (value !== null) out.push({ indicator: indicator.code, periodId: p, value });
    }
  }
  return out;
}

/**
 * Trend series of indicators across every period of the organisation and of the organisations it
 * became (the Sở TT&TT merged into the Sở KH&CN), in time order.
 */
export async function indicatorSeries(
  db: Kysely<Database>,
  auth: Auth,
  orgId: string,
  codes: readonly string[],
  kind: SeriesKind = 'all',
): Promise<SeriesView[]> {
  await requireAccess(auth, 'org.read', [orgId]);
  const indicators = await getIndicators(db, orgId, { codes });
  const parts = indicators.flatMap((i) => (i.formula ? [i.formula.numerator, i.formula.denominator] : []));
  const lineage = (await organisationLineage(db, orgId)).map((o) => o.id);
  const rows = withComputedRatios(
    indicators,
    await seriesQuery(db, { orgIds: lineage, catalogueOrgId: orgId, indicators: [...codes, ...parts] }),
  );
  const keep = KIND_FILTER[kind];
  return indicators.map((indicator) => {
    const points = rows
      .filter((r) => r.indicator === indicator.code)
      .map((r) => ({ period: parsePeriod(r.periodId), periodId: r.periodId, value: r.value }))
      .filter((p) => keep(p.period.kind))
      .sort((a, b) => comparePeriods(a.period, b.period))
      .map(({ periodId: id, value }) => ({ periodId: id, value }));
    return { indicator: indicator.code, name: indicator.name, unit: indicator.unit, points };
  });
}

export interface DashboardView {
  periodId: string;
  previousPeriodId: string;
  latest: Array<{
    indicator: string;
    name: string;
    unit: string;
    value: number;
    previous: number | null;
    change: number | null;
    /** The target in force for the period (catalogue/targets.json or the organisation's settings.targets). */
    target: number | null;
  }>;
  completeness: Array<{ unitCode: string; unitName: string; expected: number; present: number }>;
}

/** One figure per indicator: the plain one (no breakdown), in the indicator's natural scope when there is one. */
function plainFigures(values: readonly AggregatedValue[], indicators: Map<string, StoredIndicator>) {
  const out = new Map<string, number>();
  const natural = (code: string) => (indicators.get(code)?.kind === 'stock' ? 'as_of_end' : 'period');
  const sorted = [...values].sort(
    (a, b) => Number(b.scope === natural(b.indicator)) - Number(a.scope === natural(a.indicator)),
  );
  for (const v of sorted) {
    if (v.value === null || (v.breakdown ?? '') !== '' || out.has(v.indicator)) continue;
    out.set(v.indicator, v.value);
  }
  return out;
}

/** Default targets, replaced indicator by indicator by the organisation's own (`settings.targets`). */
async function organisationTargets(db: Kysely<Database>, orgId: string): Promise<Target[]> {
  const settings = (await getOrganisation(db, orgId))?.settings as { targets?: unknown[] } | undefined;
  const own = (settings?.targets ?? []).map((t) => TargetSchema.parse(t));
  return mergeTargets(defaultTargets(), own);
}

async function latestPeriodWithData(db: Kysely<Database>, orgId: string): Promise<Period | undefined> {
  const periods = (await periodsWithDataQuery(db, orgId)).map((p) => parsePeriod(p.periodId));
  return periods.sort(comparePeriods).at(-1);
}

/**
 * The dashboard of a period (default: the latest with figures): each indicator's value beside the
 * previous period's, and per unit how many of its figures are in.
 */
export async function dashboard(
  db: Kysely<Database>,
  auth: Auth,
  orgId: string,
  periodIdText?: string,
): Promise<DashboardView> {
  await requireAccess(auth, 'org.read', [orgId]);
  const period = periodIdText
    ? parsePeriod(periodIdText)
    : ((await latestPeriodWithData(db, orgId)) ?? parsePeriod(String(new Date().getFullYear())));
  const previous = previousPeriod(period);
  const indicators = new Map((await getIndicators(db, orgId)).map((i) => [i.code, i]));
  const [current, before, completeness, targets] = await Promise.all([
    aggregatePeriod(db, orgId, periodId(period)),
    aggregatePeriod(db, orgId, periodId(previous)),
    completenessQuery(db, orgId, periodIdsInside(period)),
    organisationTargets(db, orgId),
  ]);
  const now = plainFigures(current, indicators);
  const then = plainFigures(before, indicators);
  const latest = [...now].map(([code, value]) => {
    const indicator = indicators.get(code);
    const prior = then.get(code) ?? null;
    return {
      indicator: code,
      name: indicator?.name ?? code,
      unit: indicator?.unit ?? '',
      value,
      previous: prior,
      change: prior === null ? null : Math.round((value - prior) * 1e6) / 1e6,
      target: targetFor(targets, code, period)?.value ?? null,
    };
  });
  latest.sort(
    (a, b) => (indicators.get(a.indicator)?.position ?? 0) - (indicators.get(b.indicator)?.position ?? 0),
  );
  return {
    periodId: periodId(period),
    previousPeriodId: periodId(previous),
    latest,
    completeness: completeness.map(({ unitCode, unitName, expected, present }) => ({
      unitCode,
      unitName,
      expected,
      present,
    })),
  };
}
