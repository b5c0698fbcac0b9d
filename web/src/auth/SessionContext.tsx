// The signed-in session for every component below the app shell: the account (/api/auth/me), what
// it may do, its units, and signing out. Without a provider (a component rendered alone) there is
// no account: nothing that needs a permission shows.
import { createContext, useContext } from 'react';
import type { Me } from '../api/auth.ts';
import { may, type Permission } from './session.ts';

export interface SessionValue {
  me: Me;
  signOut(): Promise<void>;
}

export const SessionContext = createContext<SessionValue | null>(null);

export const useSession = (): SessionValue | null => useContext(SessionContext);
export const useMe = (): Me | null => useContext(SessionContext)?.me ?? null;
/** Whether the signed-in account may do this (e.g. 'export' shows the export buttons). */
export const useCan = (what: Permission): boolean => may(useMe(), what);
