import { hasRole, useApp } from '../app-context.js';
import { CatalogueTab } from '../components/admin-catalogue.js';
import { LayoutTab } from '../components/admin-layout.js';
import { SentencesTab } from '../components/admin-sentences.js';
import { UnitsTab } from '../components/admin-units.js';
import { UsersTab } from '../components/admin-users.js';
import { type MessageKey, useI18n } from '../i18n.js';

const TABS: { path: string; label: MessageKey }[] = [
  { path: 'users', label: 'tabUsers' },
  { path: 'units', label: 'tabUnits' },
  { path: 'catalogue', label: 'tabCatalogue' },
  { path: 'layout', label: 'tabLayout' },
  { path: 'sentences', label: 'tabSentences' },
];

/** Users, units, the indicator catalogue, the report layout and its figure sentences; `tab` is the second segment of "#/admin/units". */
export function AdminPage({ tab }: { tab: string | undefined }) {
  const { session } = useApp();
  const { t } = useI18n();
  const current = TABS.find((item) => item.path === tab) ?? TABS[0]!;
  // The server refuses anyway (403); a non-admin who follows a link is told why instead of seeing errors.
  if (!hasRole(session, 'admin')) {
    return (
      <section class="content" aria-labelledby="admin-title">
        <h2 id="admin-title">{t('adminTitle')}</h2>
        <p class="alert-error" role="alert">
          {t('adminOnly')}
        </p>
      </section>
    );
  }
  return (
    <section class="content" aria-labelledby="admin-title">
      <h2 id="admin-title">{t('adminTitle')}</h2>
      <nav class="tabs" aria-label={t('adminTitle')}>
        <ul>
          {TABS.map((item) => (
            <li key={item.path}>
              <a href={`#/admin/${item.path}`} aria-current={item.path === current.path ? 'page' : undefined}>
                {t(item.label)}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <h3 class="visually-hidden">{t(current.label)}</h3>
      {current.path === 'users' && <UsersTab />}
      {current.path === 'units' && <UnitsTab />}
      {current.path === 'catalogue' && <CatalogueTab />}
      {current.path === 'layout' && <LayoutTab />}
      {current.path === 'sentences' && <SentencesTab />}
    </section>
  );
}
