// Who is logged in: loaded from GET /admin/api/session at start; a 401 anywhere returns to the login page.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, ApiError, UNAUTHENTICATED_EVENT } from '../api/client.js';

export interface SessionAgent {
  id: number;
  name: string;
  login: string | null;
  email?: string | null;
  permissions: string[];
}

interface SessionApi {
  agent: SessionAgent | null;
  /** True until the first session check has answered. */
  checking: boolean;
  /** Set when the session check failed for a reason other than "not logged in". */
  error: ApiError | Error | null;
  login(login: string, password: string): Promise<void>;
  logout(): Promise<void>;
  can(permission: string): boolean;
}

const SessionContext = createContext<SessionApi | null>(null);

export function useSession(): SessionApi {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside SessionProvider');
  return s;
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [agent, setAgent] = useState<SessionAgent | null>(null);
  const [checking, setChecking] = useState(true);
  const [error, setError] = useState<ApiError | Error | null>(null);

  useEffect(() => {
    api
      .get<SessionAgent>('/session')
      .then((a) => setAgent(a))
      .catch((e: unknown) => {
        if (!(e instanceof ApiError && e.status === 401))
          setError(e instanceof Error ? e : new Error(String(e)));
      })
      .finally(() => setChecking(false));
    const onExpired = () => setAgent(null);
    window.addEventListener(UNAUTHENTICATED_EVENT, onExpired);
    return () => window.removeEventListener(UNAUTHENTICATED_EVENT, onExpired);
  }, []);

  const login = useCallback(async (loginName: string, password: string) => {
    await api.post('/session', { login: loginName, password });
    const me = await api.get<SessionAgent>('/session');
    setError(null);
    setAgent(me);
  }, []);

  const logout = useCallback(async () => {
    try {
      await api.del('/session');
    } finally {
      setAgent(null);
    }
  }, []);

  const value = useMemo<SessionApi>(
    () => ({
      agent,
      checking,
      error,
      login,
      logout,
      can: (p: string) => {
        if (!agent) return false;
        if (agent.permissions.includes('admin')) return true;
        const [area, access] = p.split(':');
        return (
          agent.permissions.includes(p) || (access === 'read' && agent.permissions.includes(`${area}:edit`))
        );
      },
    }),
    [agent, checking, error, login, logout],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}
