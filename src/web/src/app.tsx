// The console: login gate, the shell (skip link, sidebar, main), and the route table.
import { useEffect, useRef, type ReactNode } from 'react';
import { Link } from './components/link.js';
import { Button } from './components/button.js';
import { ErrorNotice, Loading } from './components/states.js';
import { matchPath, navigate, useLocation } from './lib/router.js';
import { useSession } from './lib/session.js';
import { LoginPage } from './pages/login-page.js';
import { routes } from './routes.js';
import { RECORD_TYPES } from './records/record-types.js';

export function App() {
  const { agent, checking, error } = useSession();
  if (checking) return <Loading label="Starting the console…" />;
  if (!agent) {
    return error ? (
      <main className="login">
        <div className="login-card">
          <ErrorNotice
            error={error}
            title="The console could not reach the server"
            onRetry={() => window.location.reload()}
          />
        </div>
      </main>
    ) : (
      <LoginPage />
    );
  }
  return <Shell />;
}

function Shell() {
  const { path } = useLocation();
  const { agent, logout } = useSession();
  const main = useRef<HTMLElement>(null);
  const shownPath = useRef(path);

  // After in-app navigation move focus to the new screen's heading, so keyboard and screen-reader users land there.
  // On first load focus stays at the start of the page (where the skip link is).
  useEffect(() => {
    if (shownPath.current === path) return;
    shownPath.current = path;
    const h1 = main.current?.querySelector<HTMLElement>('h1');
    h1?.focus({ preventScroll: false });
  }, [path]);

  let content: ReactNode = <NotFound />;
  for (const r of routes) {
    const params = matchPath(r.path, path);
    if (params) {
      content = r.render(params);
      break;
    }
  }

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <aside className="sidebar">
        <div className="brand">
          <img src="/favicon.svg" alt="" width="26" height="26" /> <span>Tributary</span>
        </div>
        <nav aria-label="Main">
          <ul>
            <li>
              <Link to="/" activeMatch="exact">
                Dashboard
              </Link>
            </li>
            <li className="nav-group">
              <span className="nav-group-label" id="nav-config">
                Configuration
              </span>
              <ul aria-labelledby="nav-config">
                <li>
                  <Link to="/integrations" activeMatch="prefix">
                    Integrations
                  </Link>
                </li>
                <li>
                  <Link to="/user-roles" activeMatch="prefix">
                    User roles
                  </Link>
                </li>
              </ul>
            </li>
            {RECORD_TYPES.map((t) => (
              <li key={t.type}>
                <Link to={`/${t.type}`} activeMatch="prefix">
                  {t.plural}
                </Link>
              </li>
            ))}
            <li>
              <Link to="/applications" activeMatch="prefix">
                API applications
              </Link>
            </li>
            <li>
              <Link to="/settings" activeMatch="prefix">
                Settings
              </Link>
            </li>
          </ul>
        </nav>
        <div className="sidebar-footer">
          <p className="whoami">
            <span className="visually-hidden">Logged in as </span>
            {agent?.name}
          </p>
          <Button variant="ghost" onClick={() => void logout().then(() => navigate('/'))}>
            Log out
          </Button>
        </div>
      </aside>
      <main id="main" ref={main} tabIndex={-1} className="main">
        {content}
      </main>
    </div>
  );
}

function NotFound() {
  return (
    <div>
      <h1 tabIndex={-1}>Page not found</h1>
      <p>
        There is no page at this address. <Link to="/">Go to the dashboard</Link>.
      </p>
    </div>
  );
}
