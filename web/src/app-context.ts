import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Session } from './api-types.js';

export interface AppState {
  session: Session;
  orgId: string;
  periodId: string;
  setPeriodId: (id: string) => void;
  signOut: () => void;
}

export const AppContext = createContext<AppState | null>(null);

export function useApp(): AppState {
  const state = useContext(AppContext);
  if (!state) throw new Error('useApp outside a signed-in page');
  return state;
}

export function hasRole(session: Session, ...roles: string[]): boolean {
  return session.roles.some((grant) => roles.includes(grant.role));
}

/**
 * Who may change a unit's figures and items, as the server decides (src/services/access.ts): the
 * office for the whole organisation, an editor for its own unit's sections. Directors and admins read.
 */
export function canEditUnit(session: Session, unitCode: string | null): boolean {
  if (hasRole(session, 'office')) return true;
  return session.roles.some((g) => g.role === 'editor' && (g.unitCode === null || g.unitCode === unitCode));
}

/** Who may import old reports, as the server decides (`import.create` in src/services/access.ts). */
export const IMPORT_ROLES = ['office', 'admin'];

export function canImport(session: Session): boolean {
  return hasRole(session, ...IMPORT_ROLES);
}
