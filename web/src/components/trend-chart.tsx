import { useEffect, useRef, useState } from 'preact/hooks';
import type { Series } from '../api-types.js';
import { formatValue } from '../format.js';
import { periodLabel, useI18n } from '../i18n.js';

/** Points placed on a time axis: a period sits at the end of its last month, so 9 months and a year line up. */
export function periodTime(periodId: string): number {
  const match = /^(\d{4})(?:-(\d{2})|-Q([1-4])|-H([12])|-(9M))?$/i.exec(periodId);
  if (!match) return Number.NaN;
  const year = Number(match[1]);
  let month = 12;
  if (match[2]) month = Number(match[2]);
  else if (match[3]) month = Number(match[3]) * 3;
  else if (match[4]) month = Number(match[4]) * 6;
  else if (match[5]) month = 9;
  return Date.UTC(year, month, 0) / 1000;
}

/** A line chart of one indicator over every stored period; uPlot is fetched only when a chart is drawn. */
export function TrendChart({ series, title }: { series: Series; title: string }) {
  const { lang } = useI18n();
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
        chart = new UPlot(
          {
            width,
            height: 220,
            legend: { show: false },
            scales: { x: { time: true } },
            axes: [
              { values: (_u, ticks) => ticks.map((tick) => String(new Date(tick * 1000).getUTCFullYear())) },
              { values: (_u, ticks) => ticks.map((tick) => formatValue(tick)), size: 60 },
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
  }, [series]);

  return (
    <figure class="chart" data-indicator={series.indicator}>
      <figcaption>
        {title} <span class="muted">({series.unit})</span>
      </figcaption>
      <div ref={host} class="chart-canvas" role="img" aria-label={title} />
      {failed && <p class="error">{failed}</p>}
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
