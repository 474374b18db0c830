import { useEffect } from 'react';

const APP_NAME = 'SCIJ Network';

/** Sets the browser tab's title for the current page. */
export function useDocumentTitle(title: string): void {
  useEffect(() => {
    document.title = title === '' ? APP_NAME : `${title} · ${APP_NAME}`;
  }, [title]);
}
