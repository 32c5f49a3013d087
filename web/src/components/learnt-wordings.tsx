import { useState } from 'preact/hooks';
import { api, orgPath } from '../api.js';
import type { LearnedWording } from '../api-types.js';
import { useApp } from '../app-context.js';
import { useI18n } from '../i18n.js';
import { useAction } from '../use-action.js';
import { useAsync } from '../use-async.js';
import { ActionOutcome, ErrorMessage } from './status.js';

const SCOPE_LABELS = {
  period: 'scopePeriod',
  as_of_end: 'scopeAsOfEnd',
  cumulative: 'scopeCumulative',
} as const;

/** A timestamp's day where the reader is, written as 12/4/2022. */
function localDate(iso: string): string {
  const date = new Date(iso);
  return `${date.getDate()}/${date.getMonth() + 1}/${date.getFullYear()}`;
}

/**
 * The wordings the organisation taught the importer, with the report words each was learnt from; one
 * that reads wrong figures can be forgotten. `version` changes when a wording is learnt, to list it.
 */
export function LearntWordings({ names, version }: { names: ReadonlyMap<string, string>; version: number }) {
  const { orgId } = useApp();
  const { t } = useI18n();
  const wordings = useAsync(
    () => api<LearnedWording[]>('GET', orgPath(orgId, '/wordings')),
    [orgId, version],
  );
  const { busy, error, run } = useAction();
  const [notice, setNotice] = useState<string | null>(null);

  const forget = (wording: LearnedWording) => {
    if (!window.confirm(t('wordingsConfirmForget', { match: wording.match }))) return;
    setNotice(null);
    void run(async () => {
      await api('DELETE', orgPath(orgId, `/wordings/${encodeURIComponent(wording.id)}`));
      wordings.setData((wordings.data ?? []).filter((w) => w.id !== wording.id));
      setNotice(t('wordingsForgotten', { match: wording.match }));
    });
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
                <span class="visually-hidden">{t('wordingsForget')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {list.map((w) => (
              <tr key={w.id} data-wording-id={w.id}>
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
                <td>
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
            ))}
          </tbody>
        </table>
      )}
    </details>
  );
}
