import { useMemo, useState } from 'preact/hooks';
import type { ReportTemplate } from '../../../src/domain/report-template.js';
import { api, orgPath } from '../api.js';
import type { Unit } from '../api-types.js';
import { useApp } from '../app-context.js';
import { type MessageKey, useI18n } from '../i18n.js';
import {
  addSection,
  cleanLayout,
  type LayoutSection,
  layoutRows,
  moveSection,
  parseCodes,
  parseLines,
  removeSection,
  SECTION_KINDS,
  updateSection,
} from '../layout-edit.js';
import { useLeaveGuard } from '../leave-guard.js';
import { listOf } from '../lists.js';
import { useAction } from '../use-action.js';
import { useAsync } from '../use-async.js';
import { Notice } from './admin-form.js';
import { ErrorMessage, Loading } from './status.js';

type DocumentText = 'title' | 'subtitle' | 'intro' | 'planIntro' | 'closing';

const DOCUMENT_TEXTS: Array<{ field: DocumentText; label: MessageKey }> = [
  { field: 'title', label: 'layoutDocTitle' },
  { field: 'subtitle', label: 'layoutSubtitle' },
  { field: 'intro', label: 'layoutIntro' },
  { field: 'planIntro', label: 'layoutPlanIntro' },
  { field: 'closing', label: 'layoutClosing' },
];

function SectionRow({
  section,
  depth,
  index,
  siblings,
  writers,
  onChange,
}: {
  section: LayoutSection;
  depth: number;
  index: number;
  siblings: number;
  writers: string;
  onChange: (edit: (sections: LayoutSection[]) => LayoutSection[]) => void;
}) {
  const { t } = useI18n();
  const [codes, setCodes] = useState(section.indicators.join(', '));
  const [aliases, setAliases] = useState(section.aliases.join('\n'));
  const [child, setChild] = useState('');
  const label = section.title || section.key;
  const addChild = () => {
    const title = child.trim();
    if (title === '') return;
    setChild('');
    onChange((s) => addSection(s, section.key, title).sections);
  };
  return (
    <tr data-section-key={section.key}>
      <td>
        <input
          class="layout-number"
          aria-label={`${t('layoutNumber')} ${label}`}
          value={section.number ?? ''}
          onInput={(e) => {
            const number = e.currentTarget.value.trim() || null;
            onChange((s) => updateSection(s, section.key, { number }));
          }}
        />
      </td>
      <td style={{ paddingLeft: `${0.5 + depth * 1.25}rem` }}>
        <input
          class="layout-title"
          aria-label={`${t('layoutSectionTitle')} ${section.key}`}
          value={section.title}
          onInput={(e) => {
            const title = e.currentTarget.value;
            onChange((s) => updateSection(s, section.key, { title }));
          }}
        />
        <small class="muted"> {writers || t('layoutNoWriter')}</small>
        <details class="layout-more">
          <summary>
            {t('layoutMore')}
            {section.aliases.length > 0 && ` (${section.aliases.length})`}
          </summary>
          <label class="layout-more-field">
            {t('layoutTitleEn')}
            <input
              class="layout-more-input"
              aria-label={`${t('layoutTitleEn')} ${section.key}`}
              value={section.titleEn ?? ''}
              onInput={(e) => {
                const titleEn = e.currentTarget.value;
                onChange((s) => updateSection(s, section.key, { titleEn }));
              }}
            />
          </label>
          <label class="layout-more-field">
            {t('layoutKind')}
            <select
              class="layout-more-input"
              aria-label={`${t('layoutKind')} ${section.key}`}
              value={section.kind}
              onChange={(e) => {
                const kind = SECTION_KINDS.find((k) => k === e.currentTarget.value);
                if (kind) onChange((s) => updateSection(s, section.key, { kind }));
              }}
            >
              {SECTION_KINDS.map((kind) => (
                <option key={kind} value={kind}>
                  {t(`layoutKind_${kind}`)}
                </option>
              ))}
            </select>
          </label>
          <small class="muted">{t('layoutKindHelp')}</small>
          <label class="layout-more-field">
            {t('layoutAliases')}
            <textarea
              class="layout-more-input"
              rows={2}
              aria-label={`${t('layoutAliases')} ${section.key}`}
              value={aliases}
              onInput={(e) => {
                const text = e.currentTarget.value;
                setAliases(text);
                onChange((s) => updateSection(s, section.key, { aliases: parseLines(text) }));
              }}
            />
          </label>
          <small class="muted">{t('layoutAliasesHelp')}</small>
        </details>
      </td>
      <td>
        <textarea
          class="layout-codes"
          rows={1}
          aria-label={`${t('layoutIndicators')} ${label}`}
          value={codes}
          onInput={(e) => {
            const text = e.currentTarget.value;
            setCodes(text);
            onChange((s) => updateSection(s, section.key, { indicators: parseCodes(text) }));
          }}
        />
      </td>
      <td>
        <input
          type="checkbox"
          aria-label={`${t('layoutOptional')} ${label}`}
          checked={section.optional}
          onChange={(e) => {
            const optional = e.currentTarget.checked;
            onChange((s) => updateSection(s, section.key, { optional }));
          }}
        />
      </td>
      <td class="layout-actions">
        <button
          type="button"
          class="secondary"
          aria-label={`${t('layoutUp')} ${label}`}
          disabled={index === 0}
          onClick={() => onChange((s) => moveSection(s, section.key, -1))}
        >
          ↑
        </button>
        <button
          type="button"
          class="secondary"
          aria-label={`${t('layoutDown')} ${label}`}
          disabled={index === siblings - 1}
          onClick={() => onChange((s) => moveSection(s, section.key, 1))}
        >
          ↓
        </button>
        <button
          type="button"
          class="secondary"
          aria-label={`${t('layoutRemove')} ${label}`}
          onClick={() => onChange((s) => removeSection(s, section.key))}
        >
          {t('layoutRemove')}
        </button>
        {section.level < 4 && (
          <span class="layout-add">
            <input
              aria-label={`${t('layoutNewChild')} ${label}`}
              placeholder={t('layoutNewChild')}
              value={child}
              onInput={(e) => setChild(e.currentTarget.value)}
              onKeyDown={(e) => {
                // Enter adds the sub-section here instead of saving the whole layout.
                if (e.key !== 'Enter') return;
                e.preventDefault();
                addChild();
              }}
            />
            <button
              type="button"
              class="secondary"
              aria-label={`${t('layoutAddChild')} ${label}`}
              disabled={child.trim() === ''}
              onClick={addChild}
            >
              {t('layoutAddChild')}
            </button>
          </span>
        )}
      </td>
    </tr>
  );
}

/**
 * The report layout: the sections in order with their numbers, titles and the indicators stated in each,
 * and the document's wording. Saved whole; the server checks the indicators and refuses to drop a section
 * a unit writes.
 */
export function LayoutTab() {
  const { orgId } = useApp();
  const { t } = useI18n();
  const loaded = useAsync(
    async () => ({
      layout: await api<ReportTemplate>('GET', orgPath(orgId, '/template/layout')),
      units: listOf<Unit>(await api('GET', orgPath(orgId, '/units')), 'units'),
    }),
    [orgId],
  );
  const [draft, setDraft] = useState<ReportTemplate | null>(null);
  // Rows keep what was typed in them: a new round of rows after a save or an undo starts from the layout.
  const [round, setRound] = useState(0);
  const [notice, setNotice] = useState<string | null>(null);
  const action = useAction();

  const saved = loaded.data?.layout;
  const layout = draft ?? saved;
  const changed = draft !== null && JSON.stringify(draft) !== JSON.stringify(saved);
  useLeaveGuard(changed ? t('layoutUnsavedLeave') : null);
  const writers = useMemo(() => {
    const bySection = new Map<string, string[]>();
    for (const unit of loaded.data?.units ?? []) {
      for (const key of unit.sections) bySection.set(key, [...(bySection.get(key) ?? []), unit.name]);
    }
    return bySection;
  }, [loaded.data]);

  if (loaded.error) return <ErrorMessage error={loaded.error} />;
  if (!layout || !saved) return <Loading />;

  const edit = (change: (template: ReportTemplate) => ReportTemplate) => {
    setNotice(null);
    setDraft(change(layout));
  };
  const editSections = (change: (sections: LayoutSection[]) => LayoutSection[]) =>
    edit((template) => ({ ...template, sections: change(template.sections) }));
  const editDocument = (patch: Partial<ReportTemplate['document']>) =>
    edit((template) => ({ ...template, document: { ...template.document, ...patch } }));

  const save = (e: Event) => {
    e.preventDefault();
    void action.run(async () => {
      const stored = await api<ReportTemplate>(
        'PUT',
        orgPath(orgId, '/template/layout'),
        cleanLayout(layout),
      );
      loaded.setData({ ...loaded.data!, layout: stored });
      setDraft(null);
      setRound((r) => r + 1);
      setNotice(t('layoutSaved'));
    });
  };
  const undo = () => {
    setDraft(null);
    setRound((r) => r + 1);
    action.clear();
  };

  const { document } = layout;
  return (
    <form class="admin-tab layout-tab" onSubmit={save} aria-labelledby="layout-title">
      <h3 id="layout-title">{t('layoutTitle')}</h3>
      <p class="muted">{t('layoutHelp')}</p>
      <fieldset class="admin-fields layout-document" key={`doc-${round}`}>
        <legend>{t('layoutDocument')}</legend>
        {DOCUMENT_TEXTS.map(({ field, label }) => (
          <div class="field wide" key={field}>
            <label for={`layout-${field}`}>{t(label)}</label>
            <textarea
              id={`layout-${field}`}
              rows={field === 'title' ? 1 : 2}
              value={document[field]}
              onInput={(e) => editDocument({ [field]: e.currentTarget.value })}
            />
          </div>
        ))}
        <div class="field wide">
          <label for="layout-recipients">{t('layoutRecipients')}</label>
          <textarea
            id="layout-recipients"
            rows={Math.max(3, document.recipients.length)}
            aria-describedby="layout-recipients-hint"
            value={document.recipients.join('\n')}
            onInput={(e) => editDocument({ recipients: e.currentTarget.value.split('\n') })}
          />
          <small id="layout-recipients-hint" class="muted">
            {t('layoutRecipientsHint')}
          </small>
        </div>
        <div class="field">
          <label for="layout-on-behalf">{t('layoutOnBehalf')}</label>
          <input
            id="layout-on-behalf"
            value={document.signer.onBehalf ?? ''}
            onInput={(e) => editDocument({ signer: { ...document.signer, onBehalf: e.currentTarget.value } })}
          />
        </div>
        <div class="field">
          <label for="layout-position">{t('layoutPosition')}</label>
          <input
            id="layout-position"
            value={document.signer.position}
            onInput={(e) => editDocument({ signer: { ...document.signer, position: e.currentTarget.value } })}
          />
        </div>
        <div class="field">
          <label for="layout-signer">{t('layoutSigner')}</label>
          <input
            id="layout-signer"
            value={document.signer.name}
            onInput={(e) => editDocument({ signer: { ...document.signer, name: e.currentTarget.value } })}
          />
        </div>
      </fieldset>
      <table class="admin-table layout-table" key={`rows-${round}`}>
        <caption>{t('layoutSections')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('layoutNumber')}</th>
            <th scope="col">{t('layoutSectionTitle')}</th>
            <th scope="col">{t('layoutIndicators')}</th>
            <th scope="col">{t('layoutOptional')}</th>
            <th scope="col">
              <span class="visually-hidden">{t('layoutActions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {layoutRows(layout.sections).map((row) => (
            <SectionRow
              key={row.section.key}
              {...row}
              writers={(writers.get(row.section.key) ?? []).join(', ')}
              onChange={editSections}
            />
          ))}
        </tbody>
      </table>
      {action.error && <ErrorMessage error={action.error} />}
      {notice && <Notice>{notice}</Notice>}
      <p class="layout-buttons">
        <button type="submit" disabled={action.busy || !changed}>
          {t('layoutSave')}
        </button>
        <button type="button" class="secondary" disabled={action.busy || draft === null} onClick={undo}>
          {t('layoutUndo')}
        </button>
        {changed && <span class="muted"> {t('layoutUnsaved')}</span>}
      </p>
    </form>
  );
}
