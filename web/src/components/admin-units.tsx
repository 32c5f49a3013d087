import { useMemo, useState } from 'preact/hooks';
import { formatViDate } from '../../../src/domain/vietnamese/date.js';
import { checkUnit, type FieldErrors, hasErrors, type UnitForm, unitChanges } from '../admin.js';
import { api, orgPath } from '../api.js';
import type { ReportTemplateView, Unit } from '../api-types.js';
import { useApp } from '../app-context.js';
import { useI18n } from '../i18n.js';
import { listOf } from '../lists.js';
import { type FlatSection, flattenSections, sectionTitle } from '../template.js';
import { useAsync } from '../use-async.js';
import { Notice, TextField, useAction } from './admin-form.js';
import { ErrorMessage, Loading } from './status.js';

const EMPTY_UNIT: UnitForm = { code: '', name: '', shortName: '', validTo: '' };

/** "I.4. Lĩnh vực ứng dụng CNTT"; a title naming the period ("{periodUpper}") shows "…" there, being for any period. */
function sectionLabel(section: FlatSection, lang: 'vi' | 'en'): string {
  const title = sectionTitle(section, lang, '').replace(/\s*\{\w+\}/g, ' …');
  return `${section.path ? `${section.path}. ` : ''}${title}`;
}

function AddUnitForm({ sections, onAdded }: { sections: FlatSection[]; onAdded: (unit: Unit) => void }) {
  const { orgId } = useApp();
  const { t, lang } = useI18n();
  const [form, setForm] = useState(EMPTY_UNIT);
  const [chosen, setChosen] = useState<string[]>([]);
  const [errors, setErrors] = useState<FieldErrors<keyof UnitForm>>({});
  const action = useAction();
  const set = (name: keyof UnitForm) => (value: string) => setForm((f) => ({ ...f, [name]: value }));
  const submit = (e: Event) => {
    e.preventDefault();
    const found = checkUnit(form, true);
    setErrors(found);
    if (hasErrors(found)) return;
    void action.run(async () => {
      const unit = await api<Unit>('POST', orgPath(orgId, '/units'), {
        code: form.code.trim(),
        name: form.name.trim(),
        shortName: form.shortName.trim() || null,
        sections: chosen,
      });
      setForm(EMPTY_UNIT);
      setChosen([]);
      onAdded(unit);
    });
  };
  return (
    <form class="admin-form" onSubmit={submit} noValidate aria-labelledby="add-unit-title">
      <h3 id="add-unit-title">{t('addUnit')}</h3>
      <div class="admin-fields">
        <TextField
          id="new-unit-code"
          label={t('unitCode')}
          value={form.code}
          onInput={set('code')}
          placeholder="phong-kh-cn"
          error={errors.code}
        />
        <TextField
          id="new-unit-name"
          label={t('unitName')}
          value={form.name}
          onInput={set('name')}
          error={errors.name}
        />
        <TextField
          id="new-unit-short"
          label={t('shortName')}
          value={form.shortName}
          onInput={set('shortName')}
          error={errors.shortName}
        />
        <div class="field wide">
          <label for="new-unit-sections">{t('unitSections')}</label>
          <select
            id="new-unit-sections"
            multiple
            size={6}
            aria-describedby="new-unit-sections-hint"
            onChange={(e) => setChosen(Array.from(e.currentTarget.selectedOptions, (option) => option.value))}
          >
            {sections.map((section) => (
              <option key={section.key} value={section.key} selected={chosen.includes(section.key)}>
                {'\u00a0'.repeat(section.depth * 2)}
                {sectionLabel(section, lang)}
              </option>
            ))}
          </select>
          <small id="new-unit-sections-hint" class="muted">
            {t('unitSectionsHint')}
          </small>
        </div>
      </div>
      {action.error && <ErrorMessage error={action.error} />}
      <button type="submit" disabled={action.busy}>
        {action.busy ? t('saving') : t('addUnit')}
      </button>
    </form>
  );
}

function EditUnitForm({ unit, onDone, onCancel }: { unit: Unit; onDone: () => void; onCancel: () => void }) {
  const { orgId } = useApp();
  const { t } = useI18n();
  const [form, setForm] = useState<UnitForm>({
    code: unit.code,
    name: unit.name,
    shortName: unit.shortName ?? '',
    validTo: unit.validTo ? formatViDate(unit.validTo) : '',
  });
  const [errors, setErrors] = useState<FieldErrors<keyof UnitForm>>({});
  const action = useAction();
  const set = (name: keyof UnitForm) => (value: string) => setForm((f) => ({ ...f, [name]: value }));
  const id = `unit-${unit.code}`;
  return (
    <form
      class="row-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const found = checkUnit(form, false);
        setErrors(found);
        if (hasErrors(found)) return;
        const changes = unitChanges(unit, form);
        if (Object.keys(changes).length === 0) return onCancel();
        void action.run(async () => {
          await api('PATCH', orgPath(orgId, `/units/${encodeURIComponent(unit.code)}`), changes);
          onDone();
        });
      }}
    >
      <TextField
        id={`${id}-name`}
        label={t('unitName')}
        value={form.name}
        onInput={set('name')}
        error={errors.name}
      />
      <TextField
        id={`${id}-short`}
        label={t('shortName')}
        value={form.shortName}
        onInput={set('shortName')}
        error={errors.shortName}
      />
      <TextField
        id={`${id}-valid-to`}
        label={t('validTo')}
        value={form.validTo}
        onInput={set('validTo')}
        placeholder={t('datePlaceholder')}
        hint={t('validToHint')}
        error={errors.validTo}
      />
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

function UnitRow({
  unit,
  sections,
  onChanged,
}: {
  unit: Unit;
  sections: Map<string, FlatSection>;
  onChanged: (message: string) => void;
}) {
  const { t, lang } = useI18n();
  const [editing, setEditing] = useState(false);
  return (
    <>
      <tr data-unit={unit.code}>
        <th scope="row">{unit.code}</th>
        <td>{unit.name}</td>
        <td>{unit.shortName ?? '—'}</td>
        <td>
          {unit.sections.length === 0 ? (
            <span class="muted">{t('noSections')}</span>
          ) : (
            <ul class="plain sections">
              {unit.sections.map((key) => {
                const section = sections.get(key);
                return <li key={key}>{section ? sectionLabel(section, lang) : key}</li>;
              })}
            </ul>
          )}
        </td>
        <td>{unit.validTo ? formatViDate(unit.validTo) : '—'}</td>
        <td class="row-actions">
          <button
            type="button"
            class="secondary"
            aria-label={t('editUnitLabel', { code: unit.code })}
            aria-expanded={editing}
            onClick={() => setEditing(!editing)}
          >
            {t('edit')}
          </button>
        </td>
      </tr>
      {editing && (
        <tr class="row-editor">
          <td colSpan={6}>
            <EditUnitForm
              unit={unit}
              onCancel={() => setEditing(false)}
              onDone={() => {
                setEditing(false);
                onChanged(t('unitSaved', { code: unit.code }));
              }}
            />
          </td>
        </tr>
      )}
    </>
  );
}

export function UnitsTab() {
  const { orgId } = useApp();
  const { t } = useI18n();
  const units = useAsync(
    async () => listOf<Unit>(await api('GET', orgPath(orgId, '/units')), 'units'),
    [orgId],
  );
  const template = useAsync(() => api<ReportTemplateView>('GET', orgPath(orgId, '/template')), [orgId]);
  const sections = useMemo(
    () => (template.data ? flattenSections(template.data.sections) : []),
    [template.data],
  );
  const byKey = useMemo(() => new Map(sections.map((s) => [s.key, s])), [sections]);
  const [notice, setNotice] = useState<string | null>(null);
  const changed = (message: string) => {
    setNotice(message);
    units.reload();
  };
  return (
    <div class="admin-tab">
      {notice && <Notice>{notice}</Notice>}
      {units.loading && !units.data && <Loading />}
      {units.error && <ErrorMessage error={units.error} onRetry={units.reload} />}
      {template.error && <ErrorMessage error={template.error} onRetry={template.reload} />}
      {units.data && (
        <table class="admin-table units-table">
          <thead>
            <tr>
              <th scope="col">{t('unitCode')}</th>
              <th scope="col">{t('unitName')}</th>
              <th scope="col">{t('shortName')}</th>
              <th scope="col">{t('unitSections')}</th>
              <th scope="col">{t('validTo')}</th>
              <th scope="col">{t('actions')}</th>
            </tr>
          </thead>
          <tbody>
            {units.data.map((unit) => (
              <UnitRow key={unit.code} unit={unit} sections={byKey} onChanged={changed} />
            ))}
          </tbody>
        </table>
      )}
      <AddUnitForm sections={sections} onAdded={(unit) => changed(t('unitAdded', { code: unit.code }))} />
    </div>
  );
}
