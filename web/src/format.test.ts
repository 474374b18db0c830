import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from './csv';
import { formatDate, isoTimestamp, toDate, tooManyAttemptsMessage } from './format';

describe('tooManyAttemptsMessage', () => {
  it('rounds Retry-After up to whole minutes', () => {
    expect(tooManyAttemptsMessage(300)).toBe('Too many attempts, try again in 5 minutes.');
    expect(tooManyAttemptsMessage(61)).toBe('Too many attempts, try again in 2 minutes.');
    expect(tooManyAttemptsMessage(10)).toBe('Too many attempts, try again in 1 minute.');
    expect(tooManyAttemptsMessage(undefined)).toMatch(/^Too many attempts/);
  });
});

describe('timestamps', () => {
  it('accepts Unix seconds, milliseconds and ISO strings', () => {
    expect(isoTimestamp(1_700_000_000)).toBe('2023-11-14T22:13:20Z');
    expect(isoTimestamp(1_700_000_000_000)).toBe('2023-11-14T22:13:20Z');
    expect(isoTimestamp('2023-11-14T22:13:20Z')).toBe('2023-11-14T22:13:20Z');
    expect(isoTimestamp('1700000000')).toBe('2023-11-14T22:13:20Z');
    expect(toDate('')).toBeNull();
    expect(toDate(0)).toBeNull();
    expect(formatDate('not a date')).toBe('—');
    expect(formatDate(1_700_000_000)).toMatch(/^2023-11-1[45]$/);
  });
});

describe('CSV', () => {
  it('quotes per RFC 4180', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
  });

  it('neutralises spreadsheet formulas', () => {
    expect(csvCell('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('@sum')).toBe("'@sum");
    expect(csvCell('-2')).toBe("'-2");
  });

  it('joins rows with CRLF', () => {
    expect(toCsv(['a', 'b'], [[1, true]])).toBe('a,b\r\n1,true\r\n');
  });
});

describe('figures', () => {
  it('formats counts, shares and miles, with an em dash when unknown', async () => {
    const { formatCount, formatShare, formatMiles, formatCompact, formatFigure, humanize } = await import('./format');
    expect(formatCount(812345.5)).toBe('812,346');
    expect(formatCount(null)).toBe('—');
    expect(formatShare(0.812)).toBe('81%');
    expect(formatShare(0.001)).toBe('<1%');
    expect(formatShare(0)).toBe('0%');
    expect(formatMiles(3.24)).toBe('3.2 mi');
    expect(formatMiles(25)).toBe('25 mi');
    expect(formatCompact(90_000)).toBe('90k');
    expect(formatCompact(1_500)).toBe('1.5k');
    expect(formatCompact(1_000_000)).toBe('1M');
    expect(formatFigure(812345, 'people')).toBe('812,345 people');
    expect(formatFigure(0.5, 'share')).toBe('50%');
    expect(formatFigure(null, 'people')).toBe('—');
    expect(formatFigure('R1', '')).toBe('R1');
    expect(formatFigure(3, 'law schools')).toBe('3 law schools');
    expect(humanize('immigrants_within_reach')).toBe('Immigrants within reach');
    expect(humanize('ipeds_sector')).toBe('IPEDS sector');
    expect(humanize('hbcu')).toBe('HBCU');
    expect(formatFigure(16, 'code')).toBe('16');
    expect(formatFigure(0, 'flag')).toBe('no');
    expect(formatFigure(1, 'flag')).toBe('yes');
  });
});
