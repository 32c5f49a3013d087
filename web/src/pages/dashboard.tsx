import { useState } from 'preact/hooks';
import { api, orgPath } from '../api.js';
import type { CatalogueIndicator, Dashboard, DashboardLatest, Series } from '../api-types.js';
import { useApp } from '../app-context.js';
import { ErrorMessage, Loading } from '../components/status.js';
import { TrendChart } from '../components/trend-chart.js';
import { formatChange, formatValue } from '../format.js';
import { type MessageKey, periodLabel, useI18n } from '../i18n.js';
import { listOf } from '../lists.js';
import { useAsync } from '../use-async.js';

/**
 * The trends the director asks for first (DESIGN.md): signed documents, online dossiers (count, and the share
 * the catalogue states for level-4 services), certificates in force.
 */
const DEFAULT_CHARTS: { indicator: string; title: MessageKey }[] = [
  { indicator: 'ioffice.signed_ratio', title: 'chartSigned' },
  { indicator: 'dvc.dossiers_online', title: 'chartOnline' },
  { indicator: 'dvc.dossiers_level4_online_ratio', title: 'chartOnlineShare' },
  { indicator: 'ca.total', title: 'chartCertificates' },
];

/** Rows shown before the rest of the period's figures fold away. */
const LATEST_SHOWN = 12;

/** The featured trends first, then the period's other figures in catalogue order. */
function featuredFirst(rows: readonly DashboardLatest[]): DashboardLatest[] {
  const rank = (code: string) => {
    const at = DEFAULT_CHARTS.findIndex((c) => c.indicator === code);
    return at < 0 ? DEFAULT_CHARTS.length : at;
  };
  return rows
    .map((row, index) => ({ row, index }))
    .sort((a, b) => rank(a.row.indicator) - rank(b.row.indicator) || a.index - b.index)
    .map((entry) => entry.row);
}

function LatestTable({ rows, names }: { rows: DashboardLatest[]; names: ReadonlyMap<string, string> }) {
  const { t } = useI18n();
  return (
    <table class="latest">
      <thead>
        <tr>
          <th scope="col">{t('indicator')}</th>
          <th scope="col">{t('value')}</th>
          <th scope="col">{t('previous')}</th>
          <th scope="col">{t('change')}</th>
          <th scope="col">{t('target')}</th>
          <th scope="col">{t('vsTarget')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => {
          const gap =
            row.target !== null && row.target !== undefined && row.value !== null
              ? Number(row.value) - Number(row.target)
              : null;
          return (
            <tr key={row.indicator}>
              <th scope="row">{names.get(row.indicator) ?? row.name ?? row.indicator}</th>
              <td class="num">
                {formatValue(row.value)}
                {row.unit === '%' && row.value !== null ? '%' : ''}
              </td>
              <td class="num">
                {formatValue(row.previous)}
                {row.unit === '%' && row.previous !== null ? '%' : ''}
              </td>
              {/* No change is drawn as a rise or a fall: only a real difference is coloured. */}
              <td
                class={`num ${row.change === null || row.change === 0 ? '' : row.change < 0 ? 'down' : 'up'}`}
              >
                {formatChange(row.change)}
              </td>
              <td class="num">{formatValue(row.target ?? null)}</td>
              <td class="num">{formatChange(gap)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

export function DashboardPage() {
  const { orgId, periodId } = useApp();
  const { t, lang } = useI18n();
  const [extra, setExtra] = useState<string[]>([]);
  const catalogue = useAsync(
    async () => listOf<CatalogueIndicator>(await api('GET', orgPath(orgId, '/catalogue')), 'indicators'),
    [orgId],
  );
  const codes = [...DEFAULT_CHARTS.map((c) => c.indicator), ...extra];
  const series = useAsync(
    async () =>
      listOf<Series>(
        await api(
          'GET',
          orgPath(orgId, `/series?indicators=${codes.map(encodeURIComponent).join(',')}&kind=all`),
        ),
        'series',
      ),
    [orgId, codes.join(',')],
  );
  const dashboard = useAsync(
    () => api<Dashboard>('GET', orgPath(orgId, `/dashboard?period=${encodeURIComponent(periodId)}`)),
    [orgId, periodId],
  );
  const names = new Map(
    (catalogue.data ?? []).map((i) => [i.code, lang === 'en' && i.nameEn ? i.nameEn : i.name] as const),
  );
  const titleOf = (code: string) => {
    const preset = DEFAULT_CHARTS.find((c) => c.indicator === code);
    return preset ? t(preset.title) : (names.get(code) ?? code);
  };

  return (
    <section class="content" aria-labelledby="dashboard-title">
      <h2 id="dashboard-title">{t('dashboardTitle')}</h2>
      <h3>{t('trends')}</h3>
      {series.loading && !series.data && <Loading />}
      {series.error && <ErrorMessage error={series.error} onRetry={series.reload} />}
      <div class="charts">
        {(series.data ?? []).map((s) => (
          <TrendChart key={s.indicator} series={s} title={titleOf(s.indicator)} />
        ))}
      </div>
      {catalogue.data && (
        <label class="add-chart">
          {t('addChart')}
          <select
            value=""
            onChange={(e) => {
              const code = e.currentTarget.value;
              if (code && !codes.includes(code)) setExtra([...extra, code]);
            }}
          >
            <option value="">+</option>
            {catalogue.data
              .filter((i) => !codes.includes(i.code))
              .map((i) => (
                <option key={i.code} value={i.code}>
                  {names.get(i.code)}
                </option>
              ))}
          </select>
        </label>
      )}
      <h3>
        {t('latest')} — {periodLabel(lang, periodId)}
      </h3>
      {dashboard.loading && !dashboard.data && <Loading />}
      {dashboard.error && <ErrorMessage error={dashboard.error} onRetry={dashboard.reload} />}
      {dashboard.data && dashboard.data.latest.length === 0 && <p class="muted">{t('noData')}</p>}
      {dashboard.data && dashboard.data.latest.length > 0 && (
        <>
          <LatestTable rows={featuredFirst(dashboard.data.latest).slice(0, LATEST_SHOWN)} names={names} />
          {dashboard.data.latest.length > LATEST_SHOWN && (
            <details>
              <summary>{t('moreFigures', { n: dashboard.data.latest.length - LATEST_SHOWN })}</summary>
              <LatestTable rows={featuredFirst(dashboard.data.latest).slice(LATEST_SHOWN)} names={names} />
            </details>
          )}
        </>
      )}
      <h3>{t('completeness')}</h3>
      {dashboard.data && (
        <ul class="completeness">
          {dashboard.data.completeness.map((c) => {
            const share = c.expected > 0 ? Math.round((100 * c.present) / c.expected) : 100;
            return (
              <li key={c.unitCode}>
                <span>{c.unitName}</span>
                <progress max={c.expected || 1} value={c.present} aria-label={c.unitName} />
                <span class="num">
                  {c.present}/{c.expected} ({share}%)
                </span>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
