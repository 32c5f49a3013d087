import { useEffect, useState } from 'preact/hooks';
import { api } from '../api.js';
import type { Organisation, Session } from '../api-types.js';
import { LanguageToggle } from '../components/language-toggle.js';
import { ErrorMessage } from '../components/status.js';
import { useI18n } from '../i18n.js';

/** `expired`: shown because a session ran out mid-work (not on a first visit or after signing out). */
export function LoginPage({
  onSignedIn,
  expired = false,
  knownUsername = '',
}: {
  onSignedIn: (session: Session) => void;
  expired?: boolean;
  knownUsername?: string;
}) {
  const { t } = useI18n();
  const [organisations, setOrganisations] = useState<Organisation[]>([]);
  const [orgId, setOrgId] = useState('');
  const [username, setUsername] = useState(knownUsername);
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error | null>(null);

  useEffect(() => {
    // The list is a convenience: without it the server picks the user's organisation.
    api<Organisation[] | { organisations: Organisation[] }>('GET', '/api/organisations').then(
      (list) => {
        const orgs = Array.isArray(list) ? list : list.organisations;
        setOrganisations(orgs);
      },
      () => setOrganisations([]),
    );
  }, []);

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const session = await api<Session>('POST', '/api/auth/login', {
        ...(orgId ? { orgId } : {}),
        username: username.trim(),
        password,
      });
      onSignedIn(session);
    } catch (err) {
      setError(err as Error);
      setBusy(false);
    }
  };

  return (
    <main class="login" id="main">
      <form class="card login-card" onSubmit={submit} aria-labelledby="login-title">
        <div class="login-head">
          <h1 id="login-title">{t('appName')}</h1>
          <LanguageToggle />
        </div>
        {expired && (
          <p class="notice" role="alert">
            {t('sessionExpired')}
          </p>
        )}
        {organisations.length > 1 && (
          <label>
            {t('organisation')}
            <select value={orgId} onChange={(e) => setOrgId(e.currentTarget.value)}>
              <option value="">{t('ownOrganisation')}</option>
              {organisations.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
            </select>
          </label>
        )}
        {organisations.length === 1 && <p class="muted">{organisations[0]!.name}</p>}
        <label>
          {t('username')}
          <input
            name="username"
            autoComplete="username"
            required
            value={username}
            onInput={(e) => setUsername(e.currentTarget.value)}
          />
        </label>
        <label>
          {t('password')}
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onInput={(e) => setPassword(e.currentTarget.value)}
          />
        </label>
        {error && <ErrorMessage error={error} />}
        <button type="submit" disabled={busy}>
          {busy ? t('loading') : t('signIn')}
        </button>
      </form>
    </main>
  );
}
