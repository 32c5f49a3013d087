import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { ApiError, api, orgPath, setCsrfToken, setUnauthorizedHandler } from './api.js';
import type { Organisation, Session } from './api-types.js';
import { AppContext, type AppState, canImport, hasRole, IMPORT_ROLES, useApp } from './app-context.js';
import { ErrorBoundary } from './components/error-boundary.js';
import { LanguageToggle } from './components/language-toggle.js';
import { PeriodPicker } from './components/period-picker.js';
import { ErrorMessage, Loading } from './components/status.js';
import { I18nContext, type Lang, type MessageKey, translate, useI18n } from './i18n.js';
import { mayLeave } from './leave-guard.js';
import { DashboardPage } from './pages/dashboard.js';
import { EntryPage } from './pages/entry.js';
import { ImportPage } from './pages/import.js';
import { ItemsPage } from './pages/items.js';
import { LoginPage } from './pages/login.js';
import { ReportPage, ReportsPage } from './pages/reports.js';
import { SearchPage } from './pages/search.js';
import { navigate, useRoute } from './router.js';
import { useAsync } from './use-async.js';

const DEFAULT_PERIOD = '2022-04';
const SESSION_MARK = 'baocao.signedIn';
// `roles`: shown only to those holding one of them (the server checks again on every request).
const NAV: { path: string; label: MessageKey; roles?: string[] }[] = [
  { path: 'dashboard', label: 'navDashboard' },
  { path: 'entry', label: 'navEntry' },
  { path: 'items', label: 'navItems' },
  { path: 'reports', label: 'navReports' },
  { path: 'import', label: 'navImport', roles: IMPORT_ROLES },
  { path: 'search', label: 'navSearch' },
  { path: 'admin', label: 'navAdmin', roles: ['admin'] },
];

function stored(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

function remember(key: string, value: string): void {
  try {
    localStorage.setItem(key, value);
  } catch {
    // Private browsing may refuse storage; the choice then lasts for this page only.
  }
}

function forget(key: string): void {
  try {
    localStorage.removeItem(key);
  } catch {
    // Nothing stored, nothing to forget.
  }
}

function Page() {
  const route = useRoute();
  const [first = 'dashboard', second] = route.path;
  switch (first) {
    case 'dashboard':
      return <DashboardPage />;
    case 'entry':
      return <EntryPage />;
    case 'items':
      return <ItemsPage />;
    case 'reports':
      return second ? <ReportPage reportId={second} /> : <ReportsPage />;
    case 'import':
      return <ImportRoute />;
    case 'search':
      return <SearchPage />;
    case 'admin':
      return <AdminRoute tab={second} />;
    default:
      return <NotFound />;
  }
}

/** The server refuses other roles' uploads (403); a visitor by link is told so before choosing a file. */
function ImportRoute() {
  const { session } = useApp();
  const { t } = useI18n();
  if (canImport(session)) return <ImportPage />;
  return (
    <section class="content" aria-labelledby="import-title">
      <h2 id="import-title">{t('importTitle')}</h2>
      <p class="alert-error" role="alert">
        {t('importOnly')}
      </p>
    </section>
  );
}

function NotFound() {
  const { t } = useI18n();
  return <p>{t('notFound')}</p>;
}

/** `active` false: the session expired and the sign-in form is shown; the pages stay mounted, hidden, keeping typing. */
function Shell({ state, lang, active }: { state: AppState; lang: Lang; active: boolean }) {
  const route = useRoute();
  const t = (key: MessageKey) => translate(lang, key);
  const current = route.path[0] ?? 'dashboard';
  const organisation = useAsync(
    () => api<Organisation>('GET', orgPath(state.orgId, '')).catch(() => null),
    [state.orgId],
  );
  const [quick, setQuick] = useState('');
  const pagePath = route.path.join('/');
  const firstPage = useRef(true);
  useEffect(() => {
    const item = NAV.find((n) => n.path === current);
    document.title = `${item ? t(item.label) : t('appName')} — baocao`;
  }, [current, lang]);
  // After navigation, keyboard and screen-reader users continue from the new page's content.
  useEffect(() => {
    if (firstPage.current) {
      firstPage.current = false;
      return;
    }
    document.getElementById('main')?.focus({ preventScroll: true });
  }, [pagePath]);
  return (
    <AppContext.Provider value={state}>
      <a class="skip-link" href="#main">
        {lang === 'vi' ? 'Bỏ qua đến nội dung' : 'Skip to content'}
      </a>
      <header class="topbar">
        <div class="brand">
          <strong>{t('appName')}</strong>
          <span class="muted">{organisation.data?.name ?? state.orgId}</span>
        </div>
        <search class="quick-search">
          <form
            onSubmit={(e) => {
              e.preventDefault();
              if (quick.trim()) navigate(`#/search?q=${encodeURIComponent(quick.trim())}`);
            }}
          >
            <label for="quick-search" class="visually-hidden">
              {t('searchLabel')}
            </label>
            <input
              id="quick-search"
              type="search"
              placeholder={t('searchPlaceholder')}
              value={quick}
              onInput={(e) => setQuick(e.currentTarget.value)}
            />
          </form>
        </search>
        <div class="user">
          <LanguageToggle />
          <span>{state.session.user.displayName}</span>
          <button type="button" class="secondary" onClick={state.signOut}>
            {t('signOut')}
          </button>
        </div>
      </header>
      <nav class="mainnav" aria-label="menu">
        <ul>
          {NAV.filter((item) => !item.roles || hasRole(state.session, ...item.roles)).map((item) => (
            <li key={item.path}>
              <a href={`#/${item.path}`} aria-current={current === item.path ? 'page' : undefined}>
                {t(item.label)}
              </a>
            </li>
          ))}
        </ul>
        <PeriodPicker value={state.periodId} onChange={state.setPeriodId} />
      </nav>
      <main id={active ? 'main' : undefined} tabIndex={-1}>
        <ErrorBoundary key={pagePath}>
          <Page />
        </ErrorBoundary>
      </main>
    </AppContext.Provider>
  );
}

export function App() {
  const [lang, setLangState] = useState<Lang>(() => (stored('baocao.lang') === 'en' ? 'en' : 'vi'));
  const [session, setSession] = useState<Session | null | undefined>(undefined);
  const [bootError, setBootError] = useState<Error | null>(null);
  const [periodId, setPeriodState] = useState(() => stored('baocao.period') ?? DEFAULT_PERIOD);
  // The session that ran out while in use: its pages stay under the sign-in form until someone signs in.
  const [expired, setExpired] = useState<Session | null>(null);
  const current = useRef<Session | null>(null);

  const setLang = useCallback((next: Lang) => {
    setLangState(next);
    remember('baocao.lang', next);
  }, []);
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);

  const signedIn = useCallback((next: Session | null) => {
    current.current = next;
    if (next) setExpired(null);
    setCsrfToken(next?.csrfToken ?? null);
    if (next) remember(SESSION_MARK, '1');
    else forget(SESSION_MARK);
    setSession(next);
  }, []);

  const boot = useCallback(() => {
    setBootError(null);
    // The cookie is httpOnly; this mark only spares a visitor who never signed in a 401 in the console.
    if (stored(SESSION_MARK) !== '1') {
      setSession(null);
      return;
    }
    api<Session>('GET', '/api/auth/me').then(signedIn, (error: unknown) => {
      if (error instanceof ApiError && error.status === 401) signedIn(null);
      else setBootError(error as Error);
    });
  }, [signedIn]);
  useEffect(boot, [boot]);
  useEffect(() => {
    setUnauthorizedHandler(() => {
      // Late answers after signing out, or after the first 401, find no session in use: nothing expired.
      const lost = current.current;
      if (!lost) return;
      setExpired(lost);
      signedIn(null);
    });
    return () => setUnauthorizedHandler(null);
  }, [signedIn]);

  const i18n = useMemo(
    () => ({
      lang,
      setLang,
      t: (key: MessageKey, params?: Record<string, string | number>) => translate(lang, key, params),
    }),
    [lang, setLang],
  );

  const shown = session ?? expired;
  const state = useMemo<AppState | null>(
    () =>
      shown
        ? {
            session: shown,
            orgId: shown.orgId,
            periodId,
            // Another period or signing out leaves the page open: unsaved work there asks first.
            setPeriodId: (id: string) => {
              if (id === periodId || !mayLeave()) return;
              setPeriodState(id);
              remember('baocao.period', id);
            },
            signOut: () => {
              if (!mayLeave()) return;
              api('POST', '/api/auth/logout').finally(() => {
                signedIn(null);
                navigate('#/', { asked: true });
              });
            },
          }
        : null,
    [shown, periodId, signedIn],
  );

  return (
    <I18nContext.Provider value={i18n}>
      {bootError && <ErrorMessage error={bootError} onRetry={boot} />}
      {session === undefined && !bootError && <Loading />}
      {session === null && (
        <LoginPage onSignedIn={signedIn} expired={expired !== null} knownUsername={expired?.user.username} />
      )}
      {state && (
        // Keyed by user: signing in again as the same person keeps the pages; anyone else starts afresh.
        <div key={`${state.orgId}/${state.session.user.id}`} hidden={!session}>
          <Shell state={state} lang={lang} active={!!session} />
        </div>
      )}
    </I18nContext.Provider>
  );
}

/** The administration page is for admins only: loaded on demand, it stays out of everyone else's first download. */
function AdminRoute({ tab }: { tab: string | undefined }) {
  const page = useAsync(() => import('./pages/admin.js'), []);
  if (page.error) return <ErrorMessage error={page.error} />;
  if (!page.data) return <Loading />;
  const { AdminPage } = page.data;
  return <AdminPage tab={tab} />;
}
