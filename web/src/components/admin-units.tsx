import { useMemo } from 'preact/hooks';
import { formatViDate } from '../../../src/domain/vietnamese/date.js';
import { checkUnit, type UnitForm, unitChanges } from '../admin.js';
import { api, orgPath } from '../api.js';
import type { ReportTemplateView, Unit } from '../api-types.js';
import { useApp } from '../app-context.js';
import { useI18n } from '../i18n.js';
import { type FlatSection, flattenSections, sectionTitle } from '../template.js';
import { useAsync } from '../use-async.js';
import {
  AddForm,
  AdminTable,
  EditableRow,
  LoadStatus,
  Notice,
  RowEditForm,
  TextField,
  useAdminList,
} from './admin-form.js';
import { ErrorMessage } from './status.js';

/** "I.4. Lĩnh vực ứng dụng CNTT"; a title naming the period ("{periodUpper}") shows "…" there, being for any period. */
function sectionLabel(section: FlatSection, lang: 'vi' | 'en'): string {
  const title = sectionTitle(section, lang, '').replace(/\s*\{\w+\}/g, ' …');
  return `${section.path ? `${section.path}. ` : ''}${title}`;
}

/** The new unit's fields and the report sections it writes. */
type NewUnitForm = UnitForm & { sections: string[] };

const EMPTY_UNIT: NewUnitForm = { code: '', name: '', shortName: '', validTo: '', sections: [] };

/** The report sections a unit writes, chosen from the layout (Ctrl or Shift for several). */
function SectionChoice({
  id,
  sections,
  chosen,
  onChange,
}: {
  id: string;
  sections: FlatSection[];
  chosen: readonly string[];
  onChange: (keys: string[]) => void;
}) {
  const { t, lang } = useI18n();
  return (
    <div class="field wide">
      <label for={id}>{t('unitSections')}</label>
      <select
        id={id}
        multiple
        size={6}
        aria-describedby={`${id}-hint`}
        onChange={(e) => onChange(Array.from(e.currentTarget.selectedOptions, (option) => option.value))}
      >
        {sections.map((section) => (
          <option key={section.key} value={section.key} selected={chosen.includes(section.key)}>
            {'\u00a0'.repeat(section.depth * 2)}
            {sectionLabel(section, lang)}
          </option>
        ))}
      </select>
      <small id={`${id}-hint`} class="muted">
        {t('unitSectionsHint')}
      </small>
    </div>
  );
}

function AddUnitForm({ sections, onAdded }: { sections: FlatSection[]; onAdded: (unit: Unit) => void }) {
  const { t } = useI18n();
  return (
    <AddForm
      id="add-unit"
      title={t('addUnit')}
      initial={EMPTY_UNIT}
      check={(form) => checkUnit(form, true)}
      path="/units"
      body={(form) => ({
        code: form.code.trim(),
        name: form.name.trim(),
        shortName: form.shortName.trim() || null,
        sections: form.sections,
      })}
      onAdded={onAdded}
    >
      {({ form, set, field }) => (
        <>
          <TextField id="new-unit-code" label={t('unitCode')} placeholder="phong-kh-cn" {...field('code')} />
          <TextField id="new-unit-name" label={t('unitName')} {...field('name')} />
          <TextField id="new-unit-short" label={t('shortName')} {...field('shortName')} />
          <SectionChoice
            id="new-unit-sections"
            sections={sections}
            chosen={form.sections}
            onChange={set('sections')}
          />
        </>
      )}
    </AddForm>
  );
}

function EditUnitForm({
  unit,
  sections,
  onDone,
  onCancel,
}: {
  unit: Unit;
  sections: FlatSection[];
  onDone: () => void;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const id = `unit-${unit.code}`;
  return (
    <RowEditForm
      initial={{
        code: unit.code,
        name: unit.name,
        shortName: unit.shortName ?? '',
        validTo: unit.validTo ? formatViDate(unit.validTo) : '',
        sections: unit.sections,
      }}
      check={(form) => checkUnit(form, false)}
      path={`/units/${encodeURIComponent(unit.code)}`}
      changes={(form) => unitChanges(unit, form)}
      onDone={onDone}
      onCancel={onCancel}
    >
      {({ form, set, field }) => (
        <>
          <TextField id={`${id}-name`} label={t('unitName')} {...field('name')} />
          <TextField id={`${id}-short`} label={t('shortName')} {...field('shortName')} />
          <TextField
            id={`${id}-valid-to`}
            label={t('validTo')}
            placeholder={t('datePlaceholder')}
            hint={t('validToHint')}
            {...field('validTo')}
          />
          <SectionChoice
            id={`${id}-sections`}
            sections={sections}
            chosen={form.sections}
            onChange={set('sections')}
          />
        </>
      )}
    </RowEditForm>
  );
}

function UnitRow({
  unit,
  sections,
  byKey,
  onChanged,
}: {
  unit: Unit;
  sections: FlatSection[];
  byKey: Map<string, FlatSection>;
  onChanged: (message: string) => void;
}) {
  const { t, lang } = useI18n();
  return (
    <EditableRow
      row={{ 'data-unit': unit.code }}
      columns={6}
      editLabel={t('editUnitLabel', { code: unit.code })}
      savedMessage={t('unitSaved', { code: unit.code })}
      onChanged={onChanged}
      editor={(close) => <EditUnitForm unit={unit} sections={sections} {...close} />}
    >
      <th scope="row">{unit.code}</th>
      <td>{unit.name}</td>
      <td>{unit.shortName ?? '—'}</td>
      <td>
        {unit.sections.length === 0 ? (
          <span class="muted">{t('noSections')}</span>
        ) : (
          <ul class="plain sections">
            {unit.sections.map((key) => {
              const section = byKey.get(key);
              return <li key={key}>{section ? sectionLabel(section, lang) : key}</li>;
            })}
          </ul>
        )}
      </td>
      <td>{unit.validTo ? formatViDate(unit.validTo) : '—'}</td>
    </EditableRow>
  );
}

export function UnitsTab() {
  const { orgId } = useApp();
  const { t } = useI18n();
  const { records: units, notice, changed } = useAdminList<Unit>('/units', 'units');
  const template = useAsync(() => api<ReportTemplateView>('GET', orgPath(orgId, '/template')), [orgId]);
  const sections = useMemo(
    () => (template.data ? flattenSections(template.data.sections) : []),
    [template.data],
  );
  const byKey = useMemo(() => new Map(sections.map((s) => [s.key, s])), [sections]);
  return (
    <div class="admin-tab">
      {notice && <Notice>{notice}</Notice>}
      <LoadStatus state={units} />
      {template.error && <ErrorMessage error={template.error} onRetry={template.reload} />}
      {units.data && (
        <AdminTable
          class="units-table"
          headings={[
            t('unitCode'),
            t('unitName'),
            t('shortName'),
            t('unitSections'),
            t('validTo'),
            t('actions'),
          ]}
        >
          {units.data.map((unit) => (
            <UnitRow key={unit.code} unit={unit} sections={sections} byKey={byKey} onChanged={changed} />
          ))}
        </AdminTable>
      )}
      <AddUnitForm sections={sections} onAdded={(unit) => changed(t('unitAdded', { code: unit.code }))} />
    </div>
  );
}
