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

const integerFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** "812,345", or an em dash when unknown. */
export function formatCount(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return integerFormat.format(Math.round(value));
}

/** A share 0..1 as "81%" ("<1%" for small non-zero shares), or an em dash when unknown. */
export function formatShare(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  if (value > 0 && value < 0.005) return '<1%';
  return `${Math.round(value * 100)}%`;
}

/** "3.2 mi", or an em dash when unknown. */
export function formatMiles(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return `${value >= 10 ? Math.round(value) : Math.round(value * 10) / 10} mi`;
}

/** Compact figures for legends: 1,500 → "1.5k", 90,000 → "90k", 1,200,000 → "1.2M". */
export function formatCompact(value: number): string {
  const abs = Math.abs(value);
  const trim = (n: number) => String(Math.round(n * 10) / 10);
  if (abs >= 1_000_000) return `${trim(value / 1_000_000)}M`;
  if (abs >= 1_000) return `${trim(value / 1_000)}k`;
  return String(Math.round(value));
}

const ACRONYMS: Readonly<Record<string, string>> = {
  acs: 'ACS',
  cbsa: 'CBSA',
  hbcu: 'HBCU',
  hsi: 'HSI',
  ipeds: 'IPEDS',
  msi: 'MSI',
  omb: 'OMB',
  unitid: 'UNITID',
};

/** "immigrants_within_reach" → "Immigrants within reach"; "ipeds_sector" → "IPEDS sector". */
export function humanize(name: string): string {
  const words = name
    .replace(/[_-]+/g, ' ')
    .trim()
    .split(/\s+/)
    .filter((w) => w !== '')
    .map((w) => ACRONYMS[w.toLowerCase()] ?? w);
  if (words.length === 0) return '';
  const first = words[0]!;
  words[0] = first[0]!.toUpperCase() + first.slice(1);
  return words.join(' ');
}

/** A figure's value formatted by its unit (people, share, miles, count, …). */
export function formatFigure(value: number | string | null, unit: string): string {
  if (value === null) return '—';
  if (typeof value === 'string') return value === '' ? '—' : value;
  switch (unit) {
    case 'share':
    case 'fraction':
    case 'ratio':
      return formatShare(value);
    case 'percent':
      return `${Math.round(value * 10) / 10}%`;
    case 'miles':
    case 'mi':
      return formatMiles(value);
    case 'people':
      return `${formatCount(value)} people`;
    case 'code':
      return String(value);
    case 'flag':
    case 'bool':
    case 'boolean':
      return value !== 0 ? 'yes' : 'no';
    case 'students':
      return `${formatCount(value)} students`;
    case '':
    case 'count':
      return formatCount(value);
    default:
      return `${Number.isInteger(value) ? formatCount(value) : String(Math.round(value * 100) / 100)} ${unit}`;
  }
}
