import { useState } from 'preact/hooks';
import { api, orgPath } from '../api.js';
import type { SearchHit, SearchResult } from '../api-types.js';
import { useApp } from '../app-context.js';
import { ErrorMessage, Loading } from '../components/status.js';
import { queryMatches, segmentText } from '../highlight.js';
import { type MessageKey, periodLabel, useI18n } from '../i18n.js';
import { navigate, useRoute } from '../router.js';
import { useAsync } from '../use-async.js';

function hitText(hit: SearchHit): string {
  for (const key of ['title', 'text', 'snippet', 'name', 'citation', 'label']) {
    const value = hit[key];
    if (typeof value === 'string' && value) return value;
  }
  return String(hit.id ?? '');
}

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

function HitList({ title, hits, query }: { title: MessageKey; hits: SearchHit[]; query: string }) {
  const { t, lang } = useI18n();
  if (hits.length === 0) return null;
  return (
    <section class="hits">
      <h3>
        {t(title)} ({hits.length})
      </h3>
      <ul>
        {hits.map((hit, index) => (
          <li key={String(hit.id ?? index)}>
            {hit.periodId && <span class="muted">{periodLabel(lang, hit.periodId)} · </span>}
            {hit.reportId || title === 'resultsReports' ? (
              <a href={`#/reports/${encodeURIComponent(String(hit.reportId ?? hit.id))}`}>
                <Marked text={hitText(hit)} query={query} />
              </a>
            ) : (
              <Marked text={hitText(hit)} query={query} />
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

export function SearchPage() {
  const { orgId } = useApp();
  const { t } = useI18n();
  const route = useRoute();
  const query = route.query.get('q') ?? '';
  const [text, setText] = useState(query);
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
      {results.data && (
        <div class="search-results">
          <HitList title="resultsDocuments" hits={results.data.documents} query={query} />
          <HitList title="resultsReports" hits={results.data.reports} query={query} />
          <HitList title="resultsItems" hits={results.data.items} query={query} />
        </div>
      )}
    </section>
  );
}
