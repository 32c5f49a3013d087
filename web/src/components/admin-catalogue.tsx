import { useMemo, useState } from 'preact/hooks';
import { checkIndicator, filterCatalogue, type IndicatorForm, indicatorChanges } from '../admin.js';
import type { CatalogueIndicator } from '../api-types.js';
import { formatValue } from '../format.js';
import { type MessageKey, useI18n } from '../i18n.js';
import {
  AdminTable,
  EditableRow,
  LoadStatus,
  Notice,
  RowEditForm,
  TextField,
  useAdminList,
} from './admin-form.js';

function EditIndicatorForm({
  indicator,
  onDone,
  onCancel,
}: {
  indicator: CatalogueIndicator;
  onDone: () => void;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const id = `indicator-${indicator.code.replace(/[^a-z0-9_-]/gi, '-')}`;
  return (
    <RowEditForm<IndicatorForm>
      initial={{
        name: indicator.name,
        nameEn: indicator.nameEn ?? '',
        required: indicator.required,
        active: indicator.active,
        notes: indicator.notes ?? '',
      }}
      check={checkIndicator}
      path={`/catalogue/${encodeURIComponent(indicator.code)}`}
      changes={(form) => indicatorChanges(indicator, form)}
      onDone={onDone}
      onCancel={onCancel}
    >
      {({ form, set, errors, field }) => (
        <>
          <TextField id={`${id}-name`} label={t('name')} wide {...field('name')} />
          <TextField id={`${id}-name-en`} label={t('nameEn')} wide {...field('nameEn')} />
          <label class="inline">
            <input
              type="checkbox"
              checked={form.required}
              onChange={(e) => set('required')(e.currentTarget.checked)}
            />
            {t('required')}
          </label>
          <label class="inline">
            <input
              type="checkbox"
              checked={form.active}
              onChange={(e) => set('active')(e.currentTarget.checked)}
            />
            {t('activeIndicator')}
          </label>
          <div class="field wide">
            <label for={`${id}-notes`}>{t('notes')}</label>
            <textarea
              id={`${id}-notes`}
              rows={2}
              value={form.notes}
              aria-invalid={errors.notes ? 'true' : undefined}
              onInput={(e) => set('notes')(e.currentTarget.value)}
            />
            {errors.notes && <span class="field-error">{t(errors.notes)}</span>}
          </div>
        </>
      )}
    </RowEditForm>
  );
}

function IndicatorRow({
  indicator,
  onChanged,
}: {
  indicator: CatalogueIndicator;
  onChanged: (message: string) => void;
}) {
  const { t, lang } = useI18n();
  const yesNo = (flag: boolean) => t(flag ? 'yes' : 'no');
  return (
    <EditableRow
      row={{ 'data-indicator': indicator.code, class: indicator.active ? '' : 'inactive' }}
      columns={7}
      editLabel={t('editIndicatorLabel', { code: indicator.code })}
      savedMessage={t('indicatorSaved', { code: indicator.code })}
      onChanged={onChanged}
      editor={(close) => <EditIndicatorForm indicator={indicator} {...close} />}
    >
      <th scope="row">
        <code>{indicator.code}</code>
      </th>
      <td>
        {lang === 'en' && indicator.nameEn ? indicator.nameEn : indicator.name}
        {indicator.notes && <small class="muted block">{indicator.notes}</small>}
      </td>
      <td>{indicator.unit}</td>
      <td>{t(`agg_${indicator.kind}` as MessageKey)}</td>
      <td class="flag">{yesNo(indicator.required)}</td>
      <td class="flag">{yesNo(indicator.active)}</td>
    </EditableRow>
  );
}

export function CatalogueTab() {
  const { t } = useI18n();
  // Retired indicators too: an admin must be able to switch one back on.
  const {
    records: catalogue,
    notice,
    changed,
  } = useAdminList<CatalogueIndicator>('/catalogue?inactive=true', 'indicators');
  const [query, setQuery] = useState('');
  const shown = useMemo(() => filterCatalogue(catalogue.data ?? [], query), [catalogue.data, query]);
  return (
    <div class="admin-tab">
      {notice && <Notice>{notice}</Notice>}
      <search class="catalogue-search">
        <label for="catalogue-search">{t('catalogueSearch')}</label>
        <input
          id="catalogue-search"
          type="search"
          value={query}
          onInput={(e) => setQuery(e.currentTarget.value)}
        />
      </search>
      <LoadStatus state={catalogue} />
      {catalogue.data && (
        <>
          <p class="muted" aria-live="polite">
            {t('catalogueCount', {
              shown: formatValue(shown.length),
              total: formatValue(catalogue.data.length),
            })}
          </p>
          <AdminTable
            class="catalogue-table"
            headings={[
              t('code'),
              t('name'),
              t('unit'),
              t('aggregation'),
              t('required'),
              t('activeIndicator'),
              t('actions'),
            ]}
          >
            {shown.map((indicator) => (
              <IndicatorRow key={indicator.code} indicator={indicator} onChanged={changed} />
            ))}
          </AdminTable>
        </>
      )}
    </div>
  );
}
