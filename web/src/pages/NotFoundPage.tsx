import { PageTitle } from '../components/AppShell';
import { useDocumentTitle } from '../hooks';
import { Link } from '../router';

export function NotFoundPage() {
  useDocumentTitle('Page not found');
  return (
    <>
      <PageTitle>Page not found</PageTitle>
      <p>
        There is no page at this address. <Link to="/">Go to the overview</Link>.
      </p>
    </>
  );
}
