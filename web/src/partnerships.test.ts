import { describe, expect, it } from 'vitest';
import { ApiError, type PartnershipSummary, type Person } from './api';
import { submitFailure } from './forms';
import {
  canCreatePartnership,
  canEditDirectory,
  canEditFees,
  canReadPartnerships,
  championGaps,
  enrollmentRange,
  formatUsd,
  groupByStage,
  isIsoDate,
  networkMarkKind,
  networkMarks,
  nextPipelineSort,
  organisationKindGroups,
  organisationsToCsv,
  parseWhole,
  peopleToCsv,
  sortPartnerships,
  stageLabel,
  stageRank,
  stagesOrDefault,
  today,
} from './partnerships';

function summary(over: Partial<PartnershipSummary>): PartnershipSummary {
  return {
    id: 1,
    unitid: 100,
    name: 'School',
    city: 'Boston',
    state: 'MA',
    lat: 42,
    lon: -71,
    pathway: 1,
    pathway_label: '',
    initiated_by: '',
    owner: null,
    stage: 'identified',
    stage_label: 'Identified',
    stage_since: 0,
    days_in_stage: 0,
    paused_from: null,
    stage_reason: '',
    next_step: '',
    next_step_due: '',
    next_stage: null,
    blockers: [],
    community_support_affirmed: false,
    created_at: 0,
    updated_at: 0,
    version: 1,
    ...over,
  };
}

const STAGES = [
  { id: 'identified', label: 'Identified' },
  { id: 'exploring', label: 'Exploring' },
  { id: 'active', label: 'Active' },
  { id: 'paused', label: 'Paused' },
];

describe('stages', () => {
  it('fall back to the built-in list and labels', () => {
    expect(stagesOrDefault([]).map((s) => s.id)).toEqual([
      'identified',
      'exploring',
      'gauging_support',
      'support_affirmed',
      'finalizing',
      'signed',
      'launching',
      'active',
      'paused',
      'declined',
    ]);
    expect(stageLabel('launching')).toBe('Launching (recruiting the first cohort)');
    expect(stageLabel('active', [{ id: 'active', label: 'Running' }])).toBe('Running');
    expect(stageLabel('mystery')).toBe('mystery');
    expect(stageRank('exploring', STAGES)).toBe(1);
    expect(stageRank('mystery', STAGES)).toBe(4);
  });
});

describe('groupByStage', () => {
  it('makes one column per stage in order, empty ones included, longest in stage first', () => {
    const columns = groupByStage(
      [
        summary({ id: 1, name: 'B', stage: 'exploring', days_in_stage: 3 }),
        summary({ id: 2, name: 'A', stage: 'exploring', days_in_stage: 3 }),
        summary({ id: 3, name: 'C', stage: 'exploring', days_in_stage: 9 }),
        summary({ id: 4, name: 'D', stage: 'active' }),
      ],
      STAGES,
    );
    expect(columns.map((c) => c.stage)).toEqual(['identified', 'exploring', 'active', 'paused']);
    expect(columns[0]?.items).toEqual([]);
    expect(columns[1]?.items.map((p) => p.name)).toEqual(['C', 'A', 'B']);
    expect(columns[2]?.items.map((p) => p.id)).toEqual([4]);
  });

  it('adds a column for a stage the list does not name', () => {
    const columns = groupByStage([summary({ stage: 'archived', stage_label: 'Archived' })], STAGES);
    expect(columns.at(-1)).toMatchObject({ stage: 'archived', label: 'Archived' });
    expect(columns.at(-1)?.items).toHaveLength(1);
  });
});

describe('sortPartnerships', () => {
  const list = [
    summary({ id: 1, name: 'Brown', stage: 'active', days_in_stage: 2, pathway: null, next_step_due: '' }),
    summary({ id: 2, name: 'Amherst', stage: 'identified', days_in_stage: 40, pathway: 2, next_step_due: '2025-05-01' }),
    summary({ id: 3, name: 'Clark', stage: 'exploring', days_in_stage: 10, pathway: 1, next_step_due: '2025-04-01' }),
  ];

  it('sorts by stage order, by days and by name', () => {
    expect(sortPartnerships(list, { key: 'stage', direction: 'ascending' }, STAGES).map((p) => p.name)).toEqual(['Amherst', 'Clark', 'Brown']);
    expect(sortPartnerships(list, { key: 'stage', direction: 'descending' }, STAGES).map((p) => p.name)).toEqual(['Brown', 'Clark', 'Amherst']);
    expect(sortPartnerships(list, { key: 'days', direction: 'descending' }).map((p) => p.days_in_stage)).toEqual([40, 10, 2]);
    expect(sortPartnerships(list, { key: 'name', direction: 'ascending' }).map((p) => p.name)).toEqual(['Amherst', 'Brown', 'Clark']);
  });

  it('keeps empty values last in both directions', () => {
    expect(sortPartnerships(list, { key: 'due', direction: 'ascending' }).map((p) => p.id)).toEqual([3, 2, 1]);
    expect(sortPartnerships(list, { key: 'due', direction: 'descending' }).map((p) => p.id)).toEqual([2, 3, 1]);
    expect(sortPartnerships(list, { key: 'pathway', direction: 'descending' }).map((p) => p.id)).toEqual([2, 3, 1]);
  });

  it('does not change the list it sorts', () => {
    const copy = [...list];
    sortPartnerships(list, { key: 'name', direction: 'descending' });
    expect(list).toEqual(copy);
  });

  it('flips the direction on the same column; days start longest first', () => {
    expect(nextPipelineSort({ key: 'name', direction: 'ascending' }, 'name')).toEqual({ key: 'name', direction: 'descending' });
    expect(nextPipelineSort({ key: 'name', direction: 'descending' }, 'days')).toEqual({ key: 'days', direction: 'descending' });
    expect(nextPipelineSort({ key: 'days', direction: 'descending' }, 'stage')).toEqual({ key: 'stage', direction: 'ascending' });
  });
});

describe('network marks', () => {
  it('marks launching and active schools as partners, the rest as pipeline', () => {
    expect(networkMarkKind('active')).toBe('partner');
    expect(networkMarkKind('launching')).toBe('partner');
    expect(networkMarkKind('signed')).toBe('pipeline');
    expect(networkMarkKind('paused')).toBe('pipeline');
  });

  it('skips schools without a location and draws partners last', () => {
    const { marks, unmapped } = networkMarks([
      summary({ id: 1, name: 'Z partner', stage: 'active' }),
      summary({ id: 2, name: 'Pipeline', stage: 'exploring' }),
      summary({ id: 3, name: 'Nowhere', lat: null }),
    ]);
    expect(unmapped).toBe(1);
    expect(marks.map((m) => [m.id, m.kind])).toEqual([
      [2, 'pipeline'],
      [1, 'partner'],
    ]);
    expect(marks[0]?.place).toBe('Boston, MA');
  });
});

describe('permissions in the UI', () => {
  it('follows the table of docs/PARTNERSHIPS.md', () => {
    expect(canReadPartnerships('observer')).toBe(true);
    expect(canReadPartnerships('student')).toBe(false);
    expect(canReadPartnerships('attorney')).toBe(false);
    expect(canCreatePartnership('staff')).toBe(true);
    expect(canCreatePartnership('organizer')).toBe(false);
    expect(canEditDirectory('champion')).toBe(true);
    expect(canEditDirectory('observer')).toBe(false);
    expect(canEditFees('admin')).toBe(true);
    expect(canEditFees('staff')).toBe(false);
  });
});

describe('organisation kinds', () => {
  it('group the P3 kinds first', () => {
    const groups = organisationKindGroups([
      { id: 'law_firm', label: 'Law firm', p3: false },
      { id: 'legal_service_agency', label: 'Legal service agency', p3: true },
    ]);
    expect(groups.map((g) => g.label)).toEqual(['Counts for community support (P3)', 'Other kinds (their letters do not count)']);
    expect(groups[0]?.options).toEqual([{ value: 'legal_service_agency', label: 'Legal service agency' }]);
  });

  it('use the built-in kinds when the server sends none', () => {
    const groups = organisationKindGroups([]);
    expect(groups[0]?.options.map((o) => o.value)).toContain('public_school');
    expect(groups[1]?.options.map((o) => o.value)).toEqual(['university_office', 'law_firm', 'other']);
  });
});

describe('CSV exports', () => {
  it('write organisations with the P3 flag and neutralise formulas', () => {
    const csv = organisationsToCsv([
      { id: 1, name: '=cmd', city: 'Boston', state: 'MA', kind: 'law_firm', kind_label: 'Law firm', p3: false, contacts: 'a, b', notes: '' },
    ]);
    const [head, row] = csv.trim().split('\r\n');
    expect(head).toBe('id,name,kind,kind_label,counts_for_community_support,city,state,contacts,notes');
    expect(row).toBe(`1,'=cmd,law_firm,Law firm,no,Boston,MA,"a, b",`);
  });

  it('write people', () => {
    const person: Person = {
      id: 3,
      name: 'Maria',
      role: 'attorney',
      unitid: null,
      school_name: '',
      organisation_id: 1,
      organisation_name: 'GBLS',
      email: 'm@example.org',
      phone: '',
      notes: '',
      capacity_pairs: 4,
      champion: { candidate: false, decision_power: 'unknown', funding: 'unknown', work_study: 'unknown', undergraduate: false },
    };
    expect(peopleToCsv([person]).split('\r\n')[1]).toBe('3,Maria,attorney,,,GBLS,m@example.org,,4,no');
  });
});

describe('championGaps', () => {
  const base: Person = {
    id: 1,
    name: 'Dr. Lee',
    role: 'faculty',
    unitid: 1,
    school_name: '',
    organisation_id: null,
    organisation_name: '',
    email: '',
    phone: '',
    notes: '',
    capacity_pairs: null,
    champion: { candidate: true, decision_power: 'yes', funding: 'has', work_study: 'can_request', undergraduate: false },
  };

  it('is empty for someone who meets Q5', () => {
    expect(championGaps(base)).toEqual([]);
  });

  it('names each fact that fails or is unknown', () => {
    const gaps = championGaps({
      ...base,
      champion: { candidate: true, decision_power: 'unknown', funding: 'no', work_study: 'unknown', undergraduate: true },
    });
    expect(gaps).toEqual([
      'is an undergraduate student',
      'decision-making power unknown',
      'cannot request funding',
      'work-study position unknown',
    ]);
  });
});

describe('small helpers', () => {
  it('format dollars and enrollment ranges', () => {
    expect(formatUsd(4500)).toBe('$4,500');
    expect(formatUsd(null)).toBe('—');
    expect(enrollmentRange({ min_undergrad: 5000, max_undergrad: 9999 })).toBe('5,000–9,999 undergraduates');
    expect(enrollmentRange({ min_undergrad: 20000, max_undergrad: null })).toBe('20,000 or more undergraduates');
  });

  it('parse whole numbers from form fields', () => {
    expect(parseWhole('')).toBeNull();
    expect(parseWhole(' 12 ')).toBe(12);
    expect(parseWhole('1,500')).toBe(1500);
    expect(parseWhole('1.5')).toBeUndefined();
    expect(parseWhole('-3')).toBeUndefined();
  });

  it('check and make dates', () => {
    expect(isIsoDate('2025-02-28')).toBe(true);
    expect(isIsoDate('2025-02-30')).toBe(false);
    expect(isIsoDate('25-2-3')).toBe(false);
    expect(today(new Date(2025, 0, 5))).toBe('2025-01-05');
  });
});

describe('submitFailure', () => {
  const fields = ['date', 'kind', 'person_id'] as const;

  it('puts a server error next to the field it names', () => {
    const f = submitFailure(new ApiError(400, 'invalid_argument', 'Bad date.', 'date'), fields);
    expect(f).toEqual({ message: 'Bad date.', details: [], field: 'date' });
  });

  it('understands dotted paths and aliases', () => {
    expect(submitFailure(new ApiError(400, 'invalid_argument', 'x', 'organizer.kind'), fields).field).toBe('kind');
    expect(submitFailure(new ApiError(400, 'invalid_argument', 'x', 'person'), fields, { person: 'person_id' }).field).toBe('person_id');
    expect(submitFailure(new ApiError(400, 'invalid_argument', 'x', 'other'), fields).field).toBeUndefined();
  });

  it('keeps the details of a refusal and handles other errors', () => {
    const refusal = new ApiError(409, 'failed_precondition', 'Refused.', undefined, undefined, ['P5: missing']);
    expect(submitFailure(refusal, fields).details).toEqual(['P5: missing']);
    expect(submitFailure(new Error('boom'), fields).message).toBe('boom');
    expect(submitFailure('weird', fields).message).toMatch(/could not be saved/);
  });
});
