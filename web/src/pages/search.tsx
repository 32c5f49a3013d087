import { useEffect, useRef, useState } from 'preact/hooks';
import { api, orgPath } from '../api.js';
import type { SearchResult } from '../api-types.js';
import { useApp } from '../app-context.js';
import { ErrorMessage, Loading } from '../components/status.js';
import { queryMatches, segmentText } from '../highlight.js';
import { periodLabel, useI18n } from '../i18n.js';
import { navigate, useRoute } from '../router.js';
import { useAsync } from '../use-async.js';

function Marked({ text, query }: { text: string; query: string }) {
  const nfc = text.normalize('NFC');
  return (
    <>
      {segmentText(nfc, queryMatches(nfc, query)).map((s) =>
        s.valueId ? <mark key={s.start}>{s.text}</mark> : s.text,
      )}
    </>
  );
}

function reportLink(reportId: string): string {
  return `#/reports/${encodeURIComponent(reportId)}`;
}

function Results({ result, query }: { result: SearchResult; query: string }) {
  const { t, lang } = useI18n();
  return (
    <div class="search-results">
      {result.documents.length > 0 && (
        <section class="hits">
          <h3>
            {t('resultsDocuments')} ({result.documents.length}
            {result.more?.documents ? '+' : ''})
          </h3>
          <ul>
            {result.documents.map((doc) => (
              <li key={doc.id}>
                <Marked text={doc.title} query={query} />{' '}
                <span class="muted">{t('citedIn', { mentions: doc.mentions, reports: doc.reports })}</span>
              </li>
            ))}
          </ul>
          {result.more?.documents && (
            <p class="muted">{t('searchMore', { shown: result.documents.length })}</p>
          )}
        </section>
      )}
      {result.reports.length > 0 && (
        <section class="hits">
          <h3>
            {t('resultsReports')} ({result.reports.length}
            {result.more?.reports ? '+' : ''})
          </h3>
          <ul>
            {result.reports.map((report) => (
              <li key={report.id}>
                <a href={reportLink(report.reportId ?? report.id)}>
                  {periodLabel(lang, report.periodId)}
                  {report.number ? ` · ${report.number}` : ''}
                </a>
                {report.title && (
                  <>
                    {' — '}
                    <Marked text={report.title} query={query} />
                  </>
                )}
              </li>
            ))}
          </ul>
          {result.more?.reports && <p class="muted">{t('searchMore', { shown: result.reports.length })}</p>}
        </section>
      )}
      {result.items.length > 0 && (
        <section class="hits">
          <h3>
            {t('resultsItems')} ({result.items.length}
            {result.more?.items ? '+' : ''})
          </h3>
          <ul>
            {result.items.map((item) => (
              <li key={item.id}>
                <a href={reportLink(item.reportId)} class="muted">
                  {periodLabel(lang, item.periodId)} · {item.sectionTitle}
                </a>
                <br />
                <Marked text={item.text} query={query} />
              </li>
            ))}
          </ul>
          {result.more?.items && <p class="muted">{t('searchMore', { shown: result.items.length })}</p>}
        </section>
      )}
    </div>
  );
}

export function SearchPage() {
  const { orgId } = useApp();
  const { t } = useI18n();
  const route = useRoute();
  const query = route.query.get('q') ?? '';
  const [text, setText] = useState(query);
  // The header's search box changes the URL without remounting this page: the box follows the query shown.
  // Only a change of it: on mount the effect runs a frame late, and would wipe what was typed meanwhile.
  const shownQuery = useRef(query);
  useEffect(() => {
    if (shownQuery.current === query) return;
    shownQuery.current = query;
    setText(query);
  }, [query]);
  const results = useAsync(
    async () =>
      query ? api<SearchResult>('GET', orgPath(orgId, `/search?q=${encodeURIComponent(query)}`)) : null,
    [orgId, query],
  );
  const total = results.data
    ? results.data.reports.length + results.data.items.length + results.data.documents.length
    : 0;
  return (
    <section class="content" aria-labelledby="search-title">
      <h2 id="search-title">{t('navSearch')}</h2>
      <search class="search-page">
        <form
          onSubmit={(e) => {
            e.preventDefault();
            navigate(`#/search?q=${encodeURIComponent(text.trim())}`);
          }}
        >
          <label for="search-input" class="search-label">
            {t('searchLabel')}
          </label>
          <input
            id="search-input"
            type="search"
            value={text}
            placeholder={t('searchPlaceholder')}
            onInput={(e) => setText(e.currentTarget.value)}
          />
          <button type="submit">{t('searchButton')}</button>
        </form>
      </search>
      {query && results.loading && <Loading />}
      {results.error && <ErrorMessage error={results.error} onRetry={results.reload} />}
      {results.data && total === 0 && <p class="muted">{t('noResults')}</p>}
      {results.data && <Results result={results.data} query={query} />}
    </section>
  );
}
