// Small, pure formatting helpers shared by the pages (unit-tested in format.test.ts).

/** Converts the server's created_at (Unix seconds, milliseconds, or ISO 8601) to a Date. */
export function toDate(value: string | number): Date | null {
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || value <= 0) return null;
    // Heuristic: values above 1e11 are milliseconds (1e11 seconds is the year 5138).
    return new Date(value > 1e11 ? value : value * 1000);
  }
  if (value.trim() === '') return null;
  if (/^\d+$/.test(value.trim())) return toDate(Number(value.trim()));
  const parsed = Date.parse(value);
  return Number.isNaN(parsed) ? null : new Date(parsed);
}

function pad(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** "2025-03-14 09:05" in the browser's time zone, or an em dash when unknown. */
export function formatTimestamp(value: string | number): string {
  const date = toDate(value);
  if (date === null) return '—';
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ` +
    `${pad(date.getHours())}:${pad(date.getMinutes())}`
  );
}

/** "2025-03-14" in the browser's time zone, or an em dash when unknown. */
export function formatDate(value: string | number): string {
  const date = toDate(value);
  if (date === null) return '—';
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** ISO 8601 in UTC for machine-readable output (CSV), or an empty string when unknown. */
export function isoTimestamp(value: string | number): string {
  const date = toDate(value);
  return date === null ? '' : date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** "Too many attempts, try again in 3 minutes." from a Retry-After in seconds. */
export function tooManyAttemptsMessage(retryAfterSeconds: number | undefined): string {
  if (retryAfterSeconds === undefined) return 'Too many attempts, try again in a few minutes.';
  const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
  return `Too many attempts, try again in ${minutes} ${minutes === 1 ? 'minute' : 'minutes'}.`;
}
