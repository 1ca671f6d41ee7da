import { StrictMode, useCallback, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { ApiFailure, api, type Session, setCsrf } from './api.js';
import { AlertsPage, ClusterPage, EventPage, SourcesPage } from './pages/browse.js';
import { Dashboard } from './pages/dashboard.js';
import { ItemPage } from './pages/item.js';
import { Login } from './pages/login.js';
import { Queue } from './pages/queue.js';
import { SearchPage } from './pages/search.js';

function useRoute(): string {
  const [route, setRoute] = useState(location.hash.slice(1) || '/');
  useEffect(() => {
    const on = () => setRoute(location.hash.slice(1) || '/');
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return route;
}

const NAV: [string, string][] = [
  ['/', 'Dashboard'],
  ['/queue', 'Review queue'],
  ['/search', 'Search'],
  ['/alerts', 'Alerts'],
  ['/sources', 'Sources'],
];

function App() {
  const [session, setSession] = useState<Session | null | undefined>(undefined);
  const route = useRoute();
  useEffect(() => {
    api<Session>('/session')
      .then((s) => {
        setCsrf(s.csrf);
        setSession(s);
      })
      .catch(() => setSession(null));
  }, []);
  const logout = useCallback(async () => {
    await api('/session', { method: 'DELETE' }).catch(() => undefined);
    setCsrf(null);
    setSession(null);
  }, []);
  if (session === undefined) return <p className="muted">Loading…</p>;
  if (session === null)
    return (
      <Login
        onLogin={(s) => {
          setCsrf(s.csrf);
          setSession(s);
        }}
      />
    );
  const [, page, param] = route.split('/');
  let body = <Dashboard />;
  if (page === 'queue') body = <Queue />;
  else if (page === 'items' && param) body = <ItemPage id={Number(param)} role={session.user.role} />;
  else if (page === 'clusters' && param) body = <ClusterPage id={Number(param)} />;
  else if (page === 'events' && param) body = <EventPage id={param} />;
  else if (page === 'alerts') body = <AlertsPage />;
  else if (page === 'search') body = <SearchPage />;
  else if (page === 'sources') body = <SourcesPage />;
  return (
    <>
      <header className="top">
        <span className="brand">VIGIL</span>
        <nav>
          {NAV.map(([href, label]) => (
            <a
              key={href}
              href={`#${href}`}
              className={`/${page ?? ''}` === href || (href === '/' && !page) ? 'active' : ''}
            >
              {label}
            </a>
          ))}
        </nav>
        <span className="who">
          {session.user.username} ({session.user.role}){' '}
          <button type="button" className="secondary" onClick={logout}>
            Sign out
          </button>
        </span>
      </header>
      <main>{body}</main>
    </>
  );
}

window.addEventListener('unhandledrejection', (e) => {
  if (e.reason instanceof ApiFailure && e.reason.status === 401) location.reload();
});

const root = document.getElementById('root');
if (root)
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
