import { useEffect, useRef, useState } from 'preact/hooks';
import type { Series } from '../api-types.js';
import { formatValue } from '../format.js';
import { periodLabel, unitLabel, useI18n } from '../i18n.js';
import { DAY, periodShortLabel, periodTime } from '../period-axis.js';

/** Minimum distance in CSS pixels between two tick labels. */
const LABEL_GAP = 52;

/** Tick labels that do not overlap: the most recent period keeps its label, an earlier one too close is blanked. */
function spacedLabels(
  ticks: number[],
  labels: Map<number, string>,
  position: (tick: number) => number,
): string[] {
  const out = ticks.map(() => '');
  let lastShown = Number.POSITIVE_INFINITY;
  for (let i = ticks.length - 1; i >= 0; i--) {
    const at = position(ticks[i]!);
    if (lastShown - at < LABEL_GAP) continue;
    out[i] = labels.get(ticks[i]!) ?? '';
    lastShown = at;
  }
  return out;
}

/** Up to this many points each gets its own labelled tick; more fall back to one label per year. */
const MAX_LABELLED_POINTS = 8;

/** A line chart of one indicator over every stored period; uPlot is fetched only when a chart is drawn. */
export function TrendChart({ series, title }: { series: Series; title: string }) {
  const { lang, t } = useI18n();
  const host = useRef<HTMLDivElement>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const points = series.points
    .filter((p) => p.value !== null && Number.isFinite(periodTime(p.periodId)))
    .sort((a, b) => periodTime(a.periodId) - periodTime(b.periodId));

  useEffect(() => {
    const element = host.current;
    if (!element || points.length === 0) return;
    let chart: { destroy: () => void } | null = null;
    let cancelled = false;
    Promise.all([import('uplot'), import('uplot/dist/uPlot.min.css')])
      .then(([{ default: UPlot }]) => {
        if (cancelled) return;
        const width = Math.max(280, element.clientWidth || 480);
        const xs = points.map((p) => periodTime(p.periodId));
        const labels = new Map(
          points.map((p) => [periodTime(p.periodId), periodShortLabel(p.periodId, lang)]),
        );
        const labelled = points.length <= MAX_LABELLED_POINTS;
        const pad = 45 * DAY;
        chart = new UPlot(
          {
            width,
            height: 220,
            legend: { show: false },
            scales: { x: { time: true, range: (_u, min, max) => [min - pad, max + pad] } },
            axes: [
              labelled
                ? {
                    splits: () => xs,
                    values: (u, ticks) => spacedLabels(ticks, labels, (t) => u.valToPos(t, 'x')),
                  }
                : {
                    values: (_u, ticks) =>
                      ticks.map((tick, i) => {
                        const year = new Date(tick * 1000).getUTCFullYear();
                        const before = i > 0 ? new Date(ticks[i - 1]! * 1000).getUTCFullYear() : null;
                        return year === before ? '' : String(year);
                      }),
                  },
              {
                values: (_u, ticks) => ticks.map((tick) => formatValue(tick)),
                // Wide enough for the longest label ("2.500.000"): a fixed width cut six-digit values.
                size: (_u, values) =>
                  values && values.length > 0
                    ? 24 + 8 * Math.max(...values.map((v) => String(v ?? '').length))
                    : 60,
              },
            ],
            series: [
              {},
              {
                label: series.name,
                stroke: '#1d4ed8',
                width: 2,
                points: { show: true, size: 6, fill: '#1d4ed8' },
              },
            ],
          },
          [points.map((p) => periodTime(p.periodId)), points.map((p) => Number(p.value))],
          element,
        );
      })
      .catch((error: unknown) => setFailed(error instanceof Error ? error.message : String(error)));
    return () => {
      cancelled = true;
      chart?.destroy();
    };
  }, [series, lang]);

  return (
    <figure class="chart" data-indicator={series.indicator}>
      <figcaption>
        {title} <span class="muted">({unitLabel(lang, series.unit)})</span>
      </figcaption>
      {points.length === 0 ? (
        <p class="muted">{t('noData')}</p>
      ) : (
        <div ref={host} class="chart-canvas" role="img" aria-label={title} />
      )}
      {failed && <p class="alert-error">{failed}</p>}
      <details>
        <summary>{lang === 'vi' ? 'Bảng số liệu' : 'Data table'}</summary>
        <table>
          <tbody>
            {points.map((p) => (
              <tr key={p.periodId}>
                <th scope="row">{periodLabel(lang, p.periodId)}</th>
                <td class="num">{formatValue(p.value)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
