import { useState } from 'preact/hooks';
import type { PeriodKind } from '../../../src/domain/period.js';
import { parsePeriod, periodId } from '../../../src/domain/period.js';
import { useI18n } from '../i18n.js';
import { switchPeriodKind } from '../period-switch.js';

const YEARS = Array.from({ length: 2026 - 2017 + 1 }, (_, i) => 2017 + i);

/** Chooses a period by kind, year and index; emits period ids ("2022-04", "2021-9M", "2017"). */
export function PeriodPicker({ value, onChange }: { value: string; onChange: (id: string) => void }) {
  const { t } = useI18n();
  const period = parsePeriod(value);
  // Drawn again after each choice: when the app declines the new period (unsaved figures), `value` shows again.
  const [, redraw] = useState(0);
  const choose = (id: string) => {
    onChange(id);
    redraw((n) => n + 1);
  };
  const change = (kind: PeriodKind, year: number, index: number) => {
    const fixedIndex =
      kind === 'month'
        ? Math.min(Math.max(index, 1), 12)
        : kind === 'quarter'
          ? Math.min(Math.max(index, 1), 4)
          : kind === 'half_year'
            ? Math.min(Math.max(index, 1), 2)
            : 0;
    choose(periodId({ kind, year, index: fixedIndex }));
  };
  const indexOptions =
    period.kind === 'month'
      ? Array.from({ length: 12 }, (_, i) => ({ value: i + 1, label: `${t('month')} ${i + 1}` }))
      : period.kind === 'quarter'
        ? [1, 2, 3, 4].map((q) => ({ value: q, label: `${t('quarter')} ${['I', 'II', 'III', 'IV'][q - 1]}` }))
        : period.kind === 'half_year'
          ? [
              { value: 1, label: t('firstHalf') },
              { value: 2, label: t('secondHalf') },
            ]
          : [];
  return (
    <fieldset class="period-picker">
      <legend>{t('period')}</legend>
      <label>
        {t('periodKind')}
        <select
          value={period.kind}
          onChange={(e) => choose(periodId(switchPeriodKind(period, e.currentTarget.value as PeriodKind)))}
        >
          <option value="month">{t('kindMonth')}</option>
          <option value="quarter">{t('kindQuarter')}</option>
          <option value="half_year">{t('kindHalf')}</option>
          <option value="nine_months">{t('kindNine')}</option>
          <option value="year">{t('kindYear')}</option>
        </select>
      </label>
      {indexOptions.length > 0 && (
        <label>
          {period.kind === 'month' ? t('month') : period.kind === 'quarter' ? t('quarter') : t('half')}
          <select
            value={String(period.index)}
            onChange={(e) => change(period.kind, period.year, Number(e.currentTarget.value))}
          >
            {indexOptions.map((o) => (
              <option key={o.value} value={String(o.value)}>
                {o.label}
              </option>
            ))}
          </select>
        </label>
      )}
      <label>
        {t('year')}
        <select
          value={String(period.year)}
          onChange={(e) => change(period.kind, Number(e.currentTarget.value), period.index)}
        >
          {YEARS.map((y) => (
            <option key={y} value={String(y)}>
              {y}
            </option>
          ))}
        </select>
      </label>
    </fieldset>
  );
}
