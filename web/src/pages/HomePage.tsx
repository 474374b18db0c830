import type { Session } from '../api';
import { PageTitle } from '../components/AppShell';
import { useDocumentTitle } from '../hooks';
import { Link } from '../router';
import { SECTIONS } from '../sections';

export function HomePage({ session }: { session: Session }) {
  useDocumentTitle('Overview');
  const { user } = session;
  const isAdmin = user.role === 'admin';
  return (
    <>
      <PageTitle>Welcome, {user.display_name || user.username}</PageTitle>
      <p className="lead">
        SCIJ Network brings together the work of the Student Clinic for Immigrant Justice: finding
        colleges where a program fits, building partnerships with them, running the legal clinic,
        and organizing for immigrant justice.
      </p>

      <section aria-labelledby="sections-heading" className="section">
        <h2 id="sections-heading">Sections</h2>
        <p className="muted">{availabilityNote()}</p>
        <ul className="card-grid">
          {SECTIONS.map((section) => (
            <li key={section.path} className={section.available === true ? 'card card--available' : 'card'}>
              <h3 className="card__title">
                <Link to={section.path}>{section.title}</Link>
              </h3>
              <p className="card__text">{section.summary}</p>
              {section.available === true ? (
                <p className="tag tag--available">Available now</p>
              ) : (
                <p className="tag">Coming in a later release</p>
              )}
            </li>
          ))}
          {isAdmin && (
            <li className="card card--available">
              <h3 className="card__title">
                <Link to="/admin/users">User administration</Link>
              </h3>
              <p className="card__text">
                Create accounts, set roles, disable or enable access, reset passwords and export the
                user list.
              </p>
              <p className="tag tag--available">Available now</p>
            </li>
          )}
        </ul>
      </section>
    </>
  );
}

/** "Site selection and Partnerships are available now. …" from the sections' flags. */
function availabilityNote(): string {
  const available = SECTIONS.filter((s) => s.available === true).map((s) => s.title);
  const list =
    available.length <= 1 ? (available[0] ?? '') : `${available.slice(0, -1).join(', ')} and ${available[available.length - 1]}`;
  const now = available.length === 0 ? '' : `${list} ${available.length === 1 ? 'is' : 'are'} available now. `;
  return available.length === SECTIONS.length
    ? now.trim()
    : `${now}The other sections are coming in later releases; each page describes what it will hold.`;
}
