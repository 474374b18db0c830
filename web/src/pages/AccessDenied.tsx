import { PageTitle } from '../components/AppShell';
import { useDocumentTitle } from '../hooks';
import { Link } from '../router';

export const ACCESS_DENIED_MESSAGE = 'You do not have access to this page';

/** `who` names the roles that have access (administrators only unless given). */
export function AccessDenied({ what, who = 'administrators only' }: { what: string; who?: string }) {
  useDocumentTitle('No access');
  return (
    <>
      <PageTitle>{ACCESS_DENIED_MESSAGE}</PageTitle>
      <p>
        {what} is available to {who}. If you need it, ask an SCIJ administrator.
      </p>
      <p>
        <Link to="/">Go to the overview</Link>
      </p>
    </>
  );
}
