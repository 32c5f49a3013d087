import { Fragment } from 'preact';
import { useState } from 'preact/hooks';
import { api, orgPath } from '../api.js';
import type { CatalogueIndicator, EditedWording, LearnedWording, WordingChange } from '../api-types.js';
import { useApp } from '../app-context.js';
import { formatValue } from '../format.js';
import { useI18n } from '../i18n.js';
import { useAction } from '../use-action.js';
import { useAsync } from '../use-async.js';
import { ActionOutcome, ErrorMessage } from './status.js';
import { IndicatorOptions, ScopeOptions, usualScope } from './wording-teacher.js';

const SCOPE_LABELS = {
  period: 'scopePeriod',
  as_of_end: 'scopeAsOfEnd',
  cumulative: 'scopeCumulative',
} as const;

const COLUMNS = 6;

/** A timestamp's day where the reader is, written as 12/4/2022. */
export function localDate(iso: string): string {
  const date = new Date(iso);
  return `${date.getDate()}/${date.getMonth() + 1}/${date.getFullYear()}`;
}

/** What the form changed of the wording: only those fields are sent. */
function changesOf(
  wording: LearnedWording,
  form: { indicator: string; scope: LearnedWording['scope']; match: string },
): WordingChange {
  return {
    ...(form.indicator !== wording.indicator ? { indicator: form.indicator } : {}),
    ...(form.scope !== wording.scope ? { scope: form.scope } : {}),
    ...(form.match.trim() !== wording.match ? { match: form.match } : {}),
  };
}

/** The editor below a wording's row: indicator, scope and words; the server checks the words as teaching does. */
function WordingEditor({
  wording,
  indicators,
  names,
  onSaved,
  onCancel,
}: {
  wording: LearnedWording;
  indicators: readonly CatalogueIndicator[];
  names: ReadonlyMap<string, string>;
  onSaved: (edited: EditedWording) => void;
  onCancel: () => void;
}) {
  const { orgId } = useApp();
  const { t } = useI18n();
  const [form, setForm] = useState({
    indicator: wording.indicator,
    scope: wording.scope,
    match: wording.match,
  });
  const { busy, error, run } = useAction();
  const id = `wording-${wording.id}`;
  // A wording of an indicator the catalogue no longer lists keeps it as a choice.
  const listed = indicators.some((i) => i.code === wording.indicator);

  const submit = (event: Event) => {
    event.preventDefault();
    const change = changesOf(wording, form);
    if (Object.keys(change).length === 0) {
      onCancel();
      return;
    }
    void run(async () => {
      onSaved(
        await api<EditedWording>(
          'PATCH',
          orgPath(orgId, `/wordings/${encodeURIComponent(wording.id)}`),
          change,
        ),
      );
    });
  };

  return (
    <form class="row-form wording-edit" onSubmit={submit} aria-label={t('wordingsEditTitle')}>
      <label class="teach-field">
        {t('teachIndicator')}
        <select
          class="teach-control"
          value={form.indicator}
          onChange={(e) => {
            const indicator = e.currentTarget.value;
            setForm((f) => ({ ...f, indicator, scope: usualScope(indicators, indicator) }));
          }}
        >
          {!listed && <option value={wording.indicator}>{wording.indicator}</option>}
          <IndicatorOptions indicators={indicators} names={names} />
        </select>
      </label>
      <label class="teach-field">
        {t('teachScope')}
        <select
          value={form.scope}
          onChange={(e) => {
            const scope = e.currentTarget.value as LearnedWording['scope'];
            setForm((f) => ({ ...f, scope }));
          }}
        >
          <ScopeOptions />
        </select>
      </label>
      <div class="teach-field wording-edit-match">
        <label for={`${id}-match`}>{t('wordingsMatch')}</label>
        <textarea
          id={`${id}-match`}
          rows={2}
          aria-describedby={`${id}-match-help`}
          value={form.match}
          onInput={(e) => {
            const match = e.currentTarget.value;
            setForm((f) => ({ ...f, match }));
          }}
        />
        <small id={`${id}-match-help`} class="muted">
          {t('wordingsMatchHelp')}
        </small>
      </div>
      <button type="submit" disabled={busy}>
        {busy ? t('saving') : t('save')}
      </button>
      <button type="button" class="secondary" onClick={onCancel}>
        {t('cancel')}
      </button>
      {error && <ErrorMessage error={error} />}
    </form>
  );
}

/**
 * The wordings the organisation taught the importer, with the report words each was learnt from; one
 * that reads wrong figures can be corrected or forgotten. `version` changes when a wording is learnt, to list it;
 * `onChanged` is told when one is corrected or forgotten (the file open for review reads differently now).
 */
export function LearntWordings({
  names,
  indicators,
  version,
  onChanged,
}: {
  names: ReadonlyMap<string, string>;
  indicators: readonly CatalogueIndicator[];
  version: number;
  onChanged?: () => void;
}) {
  const { orgId } = useApp();
  const { t } = useI18n();
  const wordings = useAsync(
    () => api<LearnedWording[]>('GET', orgPath(orgId, '/wordings')),
    [orgId, version],
  );
  const { busy, error, run } = useAction();
  const [notice, setNotice] = useState<string | null>(null);
  const [editing, setEditing] = useState<string | null>(null);

  const forget = (wording: LearnedWording) => {
    if (!window.confirm(t('wordingsConfirmForget', { match: wording.match }))) return;
    setNotice(null);
    void run(async () => {
      await api('DELETE', orgPath(orgId, `/wordings/${encodeURIComponent(wording.id)}`));
      wordings.setData((wordings.data ?? []).filter((w) => w.id !== wording.id));
      setNotice(t('wordingsForgotten', { match: wording.match }));
      onChanged?.();
    });
  };

  const edit = (wording: LearnedWording) => {
    setNotice(null);
    setEditing((current) => (current === wording.id ? null : wording.id));
  };

  const saved = ({ wording, found }: EditedWording) => {
    wordings.setData((wordings.data ?? []).map((w) => (w.id === wording.id ? wording : w)));
    setEditing(null);
    setNotice(
      found
        ? t('wordingsEdited', { match: wording.match, value: formatValue(found.value) })
        : t('wordingsEditedNoFigure', { match: wording.match }),
    );
    onChanged?.();
  };

  const list = wordings.data ?? [];
  return (
    <details class="learnt-wordings">
      <summary>
        {t('wordingsTitle')} ({list.length})
      </summary>
      <p class="muted">{t('wordingsHelp')}</p>
      {wordings.error && <ErrorMessage error={wordings.error} />}
      <ActionOutcome error={error} notice={notice} />
      {list.length === 0 && !wordings.loading && !wordings.error ? (
        <p class="muted">{t('wordingsEmpty')}</p>
      ) : (
        <table class="learnt-wordings-table">
          <thead>
            <tr>
              <th scope="col">{t('indicator')}</th>
              <th scope="col">{t('teachScope')}</th>
              <th scope="col">{t('wordingsMatch')}</th>
              <th scope="col">{t('wordingsExample')}</th>
              <th scope="col">{t('wordingsLearntBy')}</th>
              <th scope="col">
                <span class="visually-hidden">{t('actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {list.map((w) => (
              <Fragment key={w.id}>
                <tr data-wording-id={w.id}>
                  <th scope="row" title={w.indicator}>
                    {names.get(w.indicator) ?? w.indicator}
                  </th>
                  <td>{t(SCOPE_LABELS[w.scope])}</td>
                  <td>
                    <code>{w.match}</code>
                  </td>
                  <td>
                    <q>{w.example}</q>
                  </td>
                  <td>
                    {w.createdBy ?? '—'}, {localDate(w.createdAt)}
                  </td>
                  <td class="row-actions">
                    <button
                      type="button"
                      class="secondary"
                      aria-label={`${t('edit')} ${w.match}`}
                      aria-expanded={editing === w.id}
                      onClick={() => edit(w)}
                    >
                      {t('edit')}
                    </button>
                    <button
                      type="button"
                      class="secondary"
                      disabled={busy}
                      aria-label={`${t('wordingsForget')} ${w.match}`}
                      onClick={() => forget(w)}
                    >
                      {t('wordingsForget')}
                    </button>
                  </td>
                </tr>
                {editing === w.id && (
                  <tr class="row-editor" data-wording-editor={w.id}>
                    <td colSpan={COLUMNS}>
                      <WordingEditor
                        wording={w}
                        indicators={indicators}
                        names={names}
                        onSaved={saved}
                        onCancel={() => setEditing(null)}
                      />
                    </td>
                  </tr>
                )}
              </Fragment>
            ))}
          </tbody>
        </table>
      )}
    </details>
  );
}
