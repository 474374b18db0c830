// The frame around every signed-in page: skip link, header with the signed-in user, the main
// navigation (Admin only for administrators), and the <main> landmark.
import { useEffect, useRef, type ReactNode } from 'react';
import { ROLE_LABELS, type Session } from '../api';
import { Link, usePathname } from '../router';
import { SECTIONS } from '../sections';

interface NavItem {
  path: string;
  label: string;
}

export function navItemsFor(session: Session): NavItem[] {
  const items: NavItem[] = [
    { path: '/', label: 'Overview' },
    ...SECTIONS.map((section) => ({ path: section.path, label: section.title })),
  ];
  if (session.user.role === 'admin') items.push({ path: '/admin/users', label: 'Admin' });
  return items;
}

function isCurrent(itemPath: string, pathname: string): boolean {
  if (itemPath === '/') return pathname === '/';
  return pathname === itemPath || pathname.startsWith(`${itemPath}/`);
}

interface AppShellProps {
  session: Session;
  onSignOut(): void;
  signingOut: boolean;
  children: ReactNode;
}

export function AppShell({ session, onSignOut, signingOut, children }: AppShellProps) {
  const pathname = usePathname();
  const firstRender = useRef(true);

  // After an in-app navigation, move focus to the new page's heading so keyboard and screen
  // reader users start at the top of the new content (not on the first load).
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    const heading = document.getElementById('page-title');
    heading?.focus();
  }, [pathname]);

  const { user } = session;
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to main content
      </a>
      <header className="topbar">
        <Link to="/" className="brand">
          <span className="brand__mark" aria-hidden="true">
            S
          </span>
          <span className="brand__text">
            <span className="brand__name">SCIJ Network</span>
            <span className="brand__tagline">Student Clinic for Immigrant Justice</span>
          </span>
        </Link>
        <div className="account" aria-label="Your account" role="group">
          <p className="account__who">
            <span className="visually-hidden">Signed in as </span>
            <span className="account__name" data-testid="signed-in-user">
              {user.display_name || user.username}
            </span>{' '}
            <span className="role-badge" data-testid="signed-in-role">
              {ROLE_LABELS[user.role]}
            </span>
          </p>
          <Link to="/account/password" className="account__link">
            Change password
          </Link>
          <button type="button" className="button button--on-dark" onClick={onSignOut} disabled={signingOut}>
            {signingOut ? 'Signing out…' : 'Sign out'}
          </button>
        </div>
      </header>

      <div className="layout">
        <nav className="sidenav" aria-label="Main">
          <ul className="sidenav__list">
            {navItemsFor(session).map((item) => {
              const current = isCurrent(item.path, pathname);
              return (
                <li key={item.path}>
                  <Link
                    to={item.path}
                    className={current ? 'sidenav__link sidenav__link--current' : 'sidenav__link'}
                    aria-current={current ? 'page' : undefined}
                  >
                    {item.label}
                  </Link>
                </li>
              );
            })}
          </ul>
        </nav>

        <main id="main" className="main" tabIndex={-1}>
          {user.must_change_password && pathname !== '/account/password' && (
            <div className="notice notice--warning" role="status">
              Your password was set by an administrator. Please{' '}
              <Link to="/account/password">choose a new password</Link> now.
            </div>
          )}
          {children}
        </main>
      </div>
    </div>
  );
}

/** The h1 of a page; AppShell focuses it after navigation. */
export function PageTitle({ children }: { children: ReactNode }) {
  return (
    <h1 id="page-title" className="page-title" tabIndex={-1}>
      {children}
    </h1>
  );
}
