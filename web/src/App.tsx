// Top-level routing: who is signed in decides between the login page and the app shell; the
// path decides the page. Routes: /login, /, /site-selection (the screen),
// /site-selection/schools/:unitid, /site-selection/plan, /site-selection/data, /partnerships
// (the pipeline), /partnerships/:id, /partnerships/organisations, /partnerships/people,
// /partnerships/fees, /clinic, /organizing, /admin/users, /account/password. (A partnership's
// printable report is server HTML at /api/schools/:unitid/report, not a route of the app.)
import { useEffect, useState } from 'react';
import type { Session } from './api';
import { AppShell } from './components/AppShell';
import { AccessDenied } from './pages/AccessDenied';
import { ChangePasswordPage } from './pages/ChangePasswordPage';
import { HomePage } from './pages/HomePage';
import { LoginPage } from './pages/LoginPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { FeesPage } from './pages/partnerships/FeesPage';
import { OrganisationsPage } from './pages/partnerships/OrganisationsPage';
import { PartnershipPage } from './pages/partnerships/PartnershipPage';
import { PeoplePage } from './pages/partnerships/PeoplePage';
import { PipelinePage } from './pages/partnerships/PipelinePage';
import { SectionPage } from './pages/SectionPage';
import { DataPage } from './pages/site/DataPage';
import { PlannerPage } from './pages/site/PlannerPage';
import { SchoolPage } from './pages/site/SchoolPage';
import { ScreenPage } from './pages/site/ScreenPage';
import { UsersPage } from './pages/UsersPage';
import { canReadPartnerships, PARTNERSHIPS_AUDIENCE } from './partnerships';
import { navigate, usePathname } from './router';
import { sectionForPath } from './sections';
import { useSession } from './session';

function normalize(pathname: string): string {
  return pathname.length > 1 && pathname.endsWith('/') ? pathname.slice(0, -1) : pathname;
}

function Page({ path, session }: { path: string; session: Session }) {
  if (path === '/') return <HomePage session={session} />;
  if (path === '/admin/users') return <UsersPage session={session} />;
  if (path === '/admin') {
    return session.user.role === 'admin' ? <UsersPage session={session} /> : <AccessDenied what="Administration" />;
  }
  if (path === '/account/password') return <ChangePasswordPage />;
  if (path === '/site-selection') return <ScreenPage session={session} />;
  if (path === '/site-selection/plan') return <PlannerPage session={session} />;
  if (path === '/site-selection/data') return <DataPage session={session} />;
  const school = /^\/site-selection\/schools\/(\d{1,9})$/.exec(path);
  if (school !== null) return <SchoolPage key={school[1]} unitid={Number(school[1])} session={session} />;
  if (path === '/partnerships') return <PipelinePage session={session} />;
  if (path === '/partnerships/organisations') return <OrganisationsPage session={session} />;
  if (path === '/partnerships/people') return <PeoplePage session={session} />;
  if (path === '/partnerships/fees') return <FeesPage session={session} />;
  const partnership = /^\/partnerships\/(\d{1,9})$/.exec(path);
  if (partnership !== null) {
    return <PartnershipPage key={partnership[1]} id={Number(partnership[1])} session={session} />;
  }
  if (path.startsWith('/partnerships/') && !canReadPartnerships(session.user.role)) {
    return <AccessDenied what="Partnerships" who={PARTNERSHIPS_AUDIENCE} />;
  }
  const section = sectionForPath(path);
  if (section !== undefined) return <SectionPage key={section.path} section={section} />;
  return <NotFoundPage />;
}

export function App() {
  const { status, session, startupError, retryStartup, signOut } = useSession();
  const path = normalize(usePathname());
  const [signingOut, setSigningOut] = useState(false);

  // Keep the address bar honest: signed-out users are on /login, signed-in users are not.
  useEffect(() => {
    if (status === 'signed-out' && path !== '/login') {
      navigate('/login', { replace: true, returnTo: window.location.pathname });
    } else if (status === 'signed-in' && path === '/login') {
      navigate('/', { replace: true });
    }
  }, [status, path]);

  if (startupError !== null) {
    return (
      <main className="splash" id="main">
        <h1>SCIJ Network is not reachable</h1>
        <p role="alert">{startupError}</p>
        <button type="button" className="button button--primary" onClick={retryStartup}>
          Try again
        </button>
      </main>
    );
  }

  if (status === 'loading') {
    return (
      <main className="splash" id="main">
        <p role="status">Loading SCIJ Network…</p>
      </main>
    );
  }

  if (status === 'signed-out' || session === null) return <LoginPage />;

  return (
    <AppShell
      session={session}
      signingOut={signingOut}
      onSignOut={() => {
        setSigningOut(true);
        void signOut().finally(() => setSigningOut(false));
      }}
    >
      <Page path={path} session={session} />
    </AppShell>
  );
}
