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

/** Office, director and admin work on the whole organisation; an editor only on its own units' sections. */
export function canEditUnit(session: Session, unitCode: string | null): boolean {
  if (hasRole(session, 'admin', 'office', 'director')) return true;
  return session.roles.some((g) => g.role === 'editor' && (g.unitCode === null || g.unitCode === unitCode));
}
