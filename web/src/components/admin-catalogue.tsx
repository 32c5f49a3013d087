import { useMemo, useState } from 'preact/hooks';
import {
  checkIndicator,
  type FieldErrors,
  filterCatalogue,
  hasErrors,
  type IndicatorForm,
  indicatorChanges,
} from '../admin.js';
import { api, orgPath } from '../api.js';
import type { CatalogueIndicator } from '../api-types.js';
import { useApp } from '../app-context.js';
import { formatValue } from '../format.js';
import { type MessageKey, useI18n } from '../i18n.js';
import { listOf } from '../lists.js';
import { useAsync } from '../use-async.js';
import { Notice, TextField, useAction } from './admin-form.js';
import { ErrorMessage, Loading } from './status.js';

function EditIndicatorForm({
  indicator,
  onDone,
  onCancel,
}: {
  indicator: CatalogueIndicator;
  onDone: () => void;
  onCancel: () => void;
}) {
  const { orgId } = useApp();
  const { t } = useI18n();
  const [form, setForm] = useState<IndicatorForm>({
    name: indicator.name,
    nameEn: indicator.nameEn ?? '',
    required: indicator.required,
    active: indicator.active,
    notes: indicator.notes ?? '',
  });
  const [errors, setErrors] = useState<FieldErrors<keyof IndicatorForm>>({});
  const action = useAction();
  const id = `indicator-${indicator.code.replace(/[^a-z0-9_-]/gi, '-')}`;
  return (
    <form
      class="row-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const found = checkIndicator(form);
        setErrors(found);
        if (hasErrors(found)) return;
        const changes = indicatorChanges(indicator, form);
        if (Object.keys(changes).length === 0) return onCancel();
        void action.run(async () => {
          await api('PATCH', orgPath(orgId, `/catalogue/${encodeURIComponent(indicator.code)}`), changes);
          onDone();
        });
      }}
    >
      <TextField
        id={`${id}-name`}
        label={t('name')}
        wide
        value={form.name}
        onInput={(name) => setForm((f) => ({ ...f, name }))}
        error={errors.name}
      />
      <TextField
        id={`${id}-name-en`}
        label={t('nameEn')}
        wide
        value={form.nameEn}
        onInput={(nameEn) => setForm((f) => ({ ...f, nameEn }))}
        error={errors.nameEn}
      />
      <label class="inline">
        <input
          type="checkbox"
          checked={form.required}
          onChange={(e) => setForm((f) => ({ ...f, required: e.currentTarget.checked }))}
        />
        {t('required')}
      </label>
      <label class="inline">
        <input
          type="checkbox"
          checked={form.active}
          onChange={(e) => setForm((f) => ({ ...f, active: e.currentTarget.checked }))}
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
          onInput={(e) => {
            const notes = e.currentTarget.value;
            setForm((f) => ({ ...f, notes }));
          }}
        />
        {errors.notes && <span class="field-error">{t(errors.notes)}</span>}
      </div>
      <button type="submit" disabled={action.busy}>
        {t('save')}
      </button>
      <button type="button" class="secondary" onClick={onCancel}>
        {t('cancel')}
      </button>
      {action.error && <ErrorMessage error={action.error} />}
    </form>
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
  const [editing, setEditing] = useState(false);
  const yesNo = (flag: boolean) => t(flag ? 'yes' : 'no');
  return (
    <>
      <tr data-indicator={indicator.code} class={indicator.active ? '' : 'inactive'}>
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
        <td class="row-actions">
          <button
            type="button"
            class="secondary"
            aria-label={t('editIndicatorLabel', { code: indicator.code })}
            aria-expanded={editing}
            onClick={() => setEditing(!editing)}
          >
            {t('edit')}
          </button>
        </td>
      </tr>
      {editing && (
        <tr class="row-editor">
          <td colSpan={7}>
            <EditIndicatorForm
              indicator={indicator}
              onCancel={() => setEditing(false)}
              onDone={() => {
                setEditing(false);
                onChanged(t('indicatorSaved', { code: indicator.code }));
              }}
            />
          </td>
        </tr>
      )}
    </>
  );
}

export function CatalogueTab() {
  const { orgId } = useApp();
  const { t } = useI18n();
  // Retired indicators too: an admin must be able to switch one back on.
  const catalogue = useAsync(
    async () =>
      listOf<CatalogueIndicator>(await api('GET', orgPath(orgId, '/catalogue?inactive=true')), 'indicators'),
    [orgId],
  );
  const [query, setQuery] = useState('');
  const [notice, setNotice] = useState<string | null>(null);
  const shown = useMemo(() => filterCatalogue(catalogue.data ?? [], query), [catalogue.data, query]);
  const changed = (message: string) => {
    setNotice(message);
    catalogue.reload();
  };
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
      {catalogue.loading && !catalogue.data && <Loading />}
      {catalogue.error && <ErrorMessage error={catalogue.error} onRetry={catalogue.reload} />}
      {catalogue.data && (
        <>
          <p class="muted" aria-live="polite">
            {t('catalogueCount', {
              shown: formatValue(shown.length),
              total: formatValue(catalogue.data.length),
            })}
          </p>
          <table class="admin-table catalogue-table">
            <thead>
              <tr>
                <th scope="col">{t('code')}</th>
                <th scope="col">{t('name')}</th>
                <th scope="col">{t('unit')}</th>
                <th scope="col">{t('aggregation')}</th>
                <th scope="col">{t('required')}</th>
                <th scope="col">{t('activeIndicator')}</th>
                <th scope="col">{t('actions')}</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((indicator) => (
                <IndicatorRow key={indicator.code} indicator={indicator} onChanged={changed} />
              ))}
            </tbody>
          </table>
        </>
      )}
    </div>
  );
}
