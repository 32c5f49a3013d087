import { useMemo, useState } from 'preact/hooks';
import { api, orgPath } from '../api.js';
import type { ReportTemplateView } from '../api-types.js';
import { useApp } from '../app-context.js';
import { useI18n } from '../i18n.js';
import { flattenSections, sectionTitle } from '../template.js';
import { useAction } from '../use-action.js';
import { useAsync } from '../use-async.js';
import { Notice } from './admin-form.js';
import { ActionOutcome, ErrorMessage, Loading } from './status.js';

interface Sentence {
  key: string;
  section: string;
  text: string;
  shipped: string | null;
  /** As read: the server refuses a save over someone else's change. */
  revision: string;
}

/** One sentence: its wording as reports write it, saved or taken back to the shipped one on its own. */
function SentenceRow({ sentence, onChanged }: { sentence: Sentence; onChanged: (message: string) => void }) {
  const { orgId } = useApp();
  const { t } = useI18n();
  const [text, setText] = useState(sentence.text);
  const action = useAction();
  const path = orgPath(orgId, `/template/sentences/${encodeURIComponent(sentence.key)}`);
  const own = sentence.shipped === null || sentence.text !== sentence.shipped;
  const save = (e: Event) => {
    e.preventDefault();
    void action.run(async () => {
      await api('PUT', path, { text, revision: sentence.revision });
      onChanged(t('sentenceSaved', { key: sentence.key }));
    });
  };
  const reset = () =>
    action.run(async () => {
      await api('DELETE', `${path}?revision=${encodeURIComponent(sentence.revision)}`);
      onChanged(t('sentenceReset', { key: sentence.key }));
    });
  return (
    <li data-sentence-key={sentence.key}>
      <form class="sentence-form" onSubmit={save}>
        <label for={`sentence-${sentence.key}`}>
          <code>{sentence.key}</code>
          {sentence.text === '' && <span class="muted"> — {t('sentenceOff')}</span>}
        </label>
        <textarea
          id={`sentence-${sentence.key}`}
          rows={2}
          value={text}
          onInput={(e) => setText(e.currentTarget.value)}
        />
        {own && sentence.shipped !== null && (
          <small class="muted">
            {t('sentenceShipped')}: {sentence.shipped}
          </small>
        )}
        <span class="sentence-buttons">
          <button type="submit" disabled={action.busy || text === sentence.text}>
            {t('save')}
          </button>
          {own && (
            <button type="button" class="secondary" disabled={action.busy} onClick={reset}>
              {sentence.shipped === null ? t('sentenceRemove') : t('sentenceBack')}
            </button>
          )}
        </span>
        <ActionOutcome error={action.error} notice={null} />
      </form>
    </li>
  );
}

/** A new sentence of a section, under a name of the organisation's choosing. */
function AddSentence({ section, onChanged }: { section: string; onChanged: (message: string) => void }) {
  const { orgId } = useApp();
  const { t } = useI18n();
  const [name, setName] = useState('');
  const [text, setText] = useState('');
  const action = useAction();
  const key = `${section}.${name.trim()}`;
  const add = (e: Event) => {
    e.preventDefault();
    void action.run(async () => {
      await api('PUT', orgPath(orgId, `/template/sentences/${encodeURIComponent(key)}`), { text });
      onChanged(t('sentenceSaved', { key }));
    });
  };
  return (
    <form class="sentence-form" onSubmit={add}>
      <label for={`new-sentence-${section}`}>{t('sentenceAdd')}</label>
      <input
        class="sentence-name"
        aria-label={`${t('sentenceName')} ${section}`}
        placeholder={t('sentenceName')}
        value={name}
        onInput={(e) => setName(e.currentTarget.value)}
      />
      <textarea
        id={`new-sentence-${section}`}
        rows={2}
        value={text}
        onInput={(e) => setText(e.currentTarget.value)}
      />
      <span class="sentence-buttons">
        <button type="submit" class="secondary" disabled={action.busy || !name.trim() || !text.trim()}>
          {t('sentenceAdd')}
        </button>
      </span>
      <ActionOutcome error={action.error} notice={null} />
    </form>
  );
}

/**
 * The figure sentences the organisation's reports write, section by section, with the placeholders that
 * name the figures ({ioffice.docs_sent}, {periodWords}); the server checks every placeholder.
 */
export function SentencesTab() {
  const { orgId, periodId } = useApp();
  const { t, lang } = useI18n();
  const [round, setRound] = useState(0);
  const [notice, setNotice] = useState<string | null>(null);
  const loaded = useAsync(
    async () => ({
      sentences: await api<Sentence[]>('GET', orgPath(orgId, '/template/sentences')),
      layout: await api<ReportTemplateView>('GET', orgPath(orgId, '/template')),
    }),
    [orgId, round],
  );
  const sections = useMemo(
    () => (loaded.data ? flattenSections(loaded.data.layout.sections) : []),
    [loaded.data],
  );
  if (loaded.error) return <ErrorMessage error={loaded.error} onRetry={loaded.reload} />;
  if (!loaded.data) return <Loading />;
  const changed = (message: string) => {
    setNotice(message);
    setRound((r) => r + 1);
  };
  const bySection = (key: string) => loaded.data!.sentences.filter((s) => s.section === key);
  return (
    <div class="admin-tab sentences-tab">
      <p class="muted">{t('sentencesHelp')}</p>
      {notice && <Notice>{notice}</Notice>}
      {sections
        .filter((section) => bySection(section.key).length > 0)
        .map((section) => (
          <section key={section.key} class="sentence-section" aria-label={section.key}>
            <h4>
              {section.path ? `${section.path}. ` : ''}
              {sectionTitle(section, lang, periodId)}
            </h4>
            <ul class="plain">
              {bySection(section.key).map((sentence) => (
                // Keyed by the stored text too: a row starts again from what the server now holds.
                <SentenceRow
                  key={`${sentence.key}:${sentence.text}`}
                  sentence={sentence}
                  onChanged={changed}
                />
              ))}
            </ul>
            <AddSentence key={`add-${round}`} section={section.key} onChanged={changed} />
          </section>
        ))}
    </div>
  );
}
