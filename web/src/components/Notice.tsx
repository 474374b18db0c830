// Messages shown at the top of a page or form. Errors use role="alert" (announced at once);
// confirmations use role="status" (announced politely).
import type { ReactNode } from 'react';

export function ErrorNotice({ children, id }: { children: ReactNode; id?: string }) {
  return (
    <div className="notice notice--error" role="alert" id={id}>
      {children}
    </div>
  );
}

export function WarningNotice({ children }: { children: ReactNode }) {
  return (
    <div className="notice notice--warning" role="alert">
      {children}
    </div>
  );
}

/** Always rendered (empty when idle) so screen readers notice when text appears. */
export function StatusRegion({ message }: { message: string }) {
  return (
    <div className={message ? 'notice notice--success' : 'visually-hidden'} role="status">
      {message}
    </div>
  );
}
