// Pure helpers of the partnership pages (unit-tested in partnerships.test.ts): stage order and
// labels, the board's columns, the table's sorting, the network map's marks, the choices of the
// record forms (DOMAIN.md P1-P7, Q2, Q4, Q5) and the organisations CSV. The server decides every
// rule; these only label and arrange what it sends.
import {
  STAGE_IDS,
  type FeeBand,
  type Organisation,
  type OrganisationKind,
  type PartnershipSummary,
  type Person,
  type Role,
  type StageInfo,
} from './api';
import { toCsv } from './csv';

export const STAGE_LABELS: Readonly<Record<string, string>> = {
  identified: 'Identified',
  exploring: 'Exploring',
  gauging_support: 'Gauging community support',
  support_affirmed: 'Community support affirmed',
  finalizing: 'Finalizing agreement',
  signed: 'Agreement signed',
  launching: 'Launching (recruiting the first cohort)',
  active: 'Active',
  paused: 'Paused',
  declined: 'Declined',
};

/** The stage list to use: the server's, else the built-in one. */
export function stagesOrDefault(stages: readonly StageInfo[]): StageInfo[] {
  if (stages.length > 0) return [...stages];
  return STAGE_IDS.map((id) => ({ id, label: STAGE_LABELS[id] ?? id }));
}

export function stageLabel(id: string, stages: readonly StageInfo[] = []): string {
  return stages.find((s) => s.id === id)?.label ?? STAGE_LABELS[id] ?? id;
}

/** Position of a stage in the pipeline (unknown stages last). */
export function stageRank(id: string, stages: readonly StageInfo[] = []): number {
  const list = stagesOrDefault(stages);
  const at = list.findIndex((s) => s.id === id);
  return at === -1 ? list.length : at;
}

export interface BoardColumn {
  stage: string;
  label: string;
  items: PartnershipSummary[];
}

/**
 * One column per stage in the server's order (empty ones too), then a column for any stage the
 * list does not know. Within a column: longest in the stage first, then by name.
 */
export function groupByStage(partnerships: readonly PartnershipSummary[], stages: readonly StageInfo[]): BoardColumn[] {
  const columns: BoardColumn[] = stagesOrDefault(stages).map((s) => ({ stage: s.id, label: s.label, items: [] }));
  const byId = new Map(columns.map((c) => [c.stage, c]));
  for (const p of partnerships) {
    let column = byId.get(p.stage);
    if (column === undefined) {
      column = { stage: p.stage, label: p.stage_label || p.stage, items: [] };
      byId.set(p.stage, column);
      columns.push(column);
    }
    column.items.push(p);
  }
  for (const column of columns) {
    column.items.sort((a, b) => b.days_in_stage - a.days_in_stage || a.name.localeCompare(b.name));
  }
  return columns;
}

export type PipelineSortKey = 'name' | 'place' | 'stage' | 'pathway' | 'days' | 'next_step' | 'due' | 'owner';
export interface PipelineSort {
  key: PipelineSortKey;
  direction: 'ascending' | 'descending';
}

export const DEFAULT_PIPELINE_SORT: PipelineSort = { key: 'stage', direction: 'ascending' };

/** Clicking a column: the same column flips, another starts ascending (days: longest first). */
export function nextPipelineSort(current: PipelineSort, key: PipelineSortKey): PipelineSort {
  if (current.key === key) return { key, direction: current.direction === 'ascending' ? 'descending' : 'ascending' };
  return { key, direction: key === 'days' ? 'descending' : 'ascending' };
}

function ownerName(p: PartnershipSummary): string {
  return p.owner === null ? '' : p.owner.display_name || p.owner.username;
}

/** Sorted copy; empty values (no pathway, no due date, no owner) always last; ties by name. */
export function sortPartnerships(
  list: readonly PartnershipSummary[],
  sort: PipelineSort,
  stages: readonly StageInfo[] = [],
): PartnershipSummary[] {
  const sign = sort.direction === 'ascending' ? 1 : -1;
  const text = (a: string, b: string) => {
    if (a === '' && b !== '') return Number.POSITIVE_INFINITY;
    if (b === '' && a !== '') return Number.NEGATIVE_INFINITY;
    return sign * a.localeCompare(b);
  };
  const number = (a: number | null, b: number | null) => {
    if (a === null && b !== null) return Number.POSITIVE_INFINITY;
    if (b === null && a !== null) return Number.NEGATIVE_INFINITY;
    return sign * ((a ?? 0) - (b ?? 0));
  };
  const compare = (a: PartnershipSummary, b: PartnershipSummary): number => {
    switch (sort.key) {
      case 'name':
        return text(a.name, b.name);
      case 'place':
        return text(`${a.state} ${a.city}`, `${b.state} ${b.city}`);
      case 'stage':
        return number(stageRank(a.stage, stages), stageRank(b.stage, stages));
      case 'pathway':
        return number(a.pathway, b.pathway);
      case 'days':
        return number(a.days_in_stage, b.days_in_stage);
      case 'next_step':
        return text(a.next_step, b.next_step);
      case 'due':
        return text(a.next_step_due, b.next_step_due);
      case 'owner':
        return text(ownerName(a), ownerName(b));
    }
  };
  return [...list].sort((a, b) => {
    const c = compare(a, b);
    if (c === Number.POSITIVE_INFINITY) return 1;
    if (c === Number.NEGATIVE_INFINITY) return -1;
    return c || a.name.localeCompare(b.name) || a.id - b.id;
  });
}

/** Partners (launching or active) and the pipeline (every other stage), for the network map. */
export type NetworkMarkKind = 'partner' | 'pipeline';

export function networkMarkKind(stage: string): NetworkMarkKind {
  return stage === 'active' || stage === 'launching' ? 'partner' : 'pipeline';
}

export interface NetworkMark {
  id: number;
  name: string;
  place: string;
  stageLabel: string;
  lat: number;
  lon: number;
  kind: NetworkMarkKind;
}

/** The marks of the network map (partners drawn last, on top) and how many have no location. */
export function networkMarks(list: readonly PartnershipSummary[]): { marks: NetworkMark[]; unmapped: number } {
  const marks: NetworkMark[] = [];
  let unmapped = 0;
  for (const p of list) {
    if (p.lat === null || p.lon === null) {
      unmapped += 1;
      continue;
    }
    marks.push({
      id: p.id,
      name: p.name,
      place: [p.city, p.state].filter((s) => s !== '').join(', '),
      stageLabel: p.stage_label,
      lat: p.lat,
      lon: p.lon,
      kind: networkMarkKind(p.stage),
    });
  }
  marks.sort((a, b) => (a.kind === b.kind ? a.name.localeCompare(b.name) : a.kind === 'pipeline' ? -1 : 1));
  return { marks, unmapped };
}

/** Who has the partnership pages (for the "no access" page). */
export const PARTNERSHIPS_AUDIENCE = 'SCIJ administrators and staff, campus organizers, champions and observers';

// ---- Who may do what in the UI (the server checks again; docs/PARTNERSHIPS.md). ----

export function canReadPartnerships(role: Role): boolean {
  return role === 'admin' || role === 'staff' || role === 'organizer' || role === 'champion' || role === 'observer';
}

export function canCreatePartnership(role: Role): boolean {
  return role === 'admin' || role === 'staff';
}

/** Organisations and people: everyone who reads partnerships except observers. */
export function canEditDirectory(role: Role): boolean {
  return canReadPartnerships(role) && role !== 'observer';
}

export function canEditFees(role: Role): boolean {
  return role === 'admin';
}

// ---- Choices of the forms. ----

export interface Choice {
  value: string;
  label: string;
}

/** P1: the three pathways that start a partnership. */
export const PATHWAYS: ReadonlyArray<{ value: 1 | 2 | 3; label: string; description: string }> = [
  {
    value: 1,
    label: 'Pathway 1: SCIJ identified the school',
    description: 'SCIJ identifies a school and its community.',
  },
  {
    value: 2,
    label: 'Pathway 2: someone at the school contacted SCIJ',
    description:
      'A student, administrator or faculty member contacts SCIJ. Needs both demonstrated student interest and faculty or administration support (P2).',
  },
  {
    value: 3,
    label: 'Pathway 3: the community contacted SCIJ',
    description:
      'An organisation, attorney or community member contacts SCIJ, and together they identify a school.',
  },
];

export function pathwayLabel(pathway: number | null, serverLabel = ''): string {
  if (serverLabel !== '') return serverLabel;
  return PATHWAYS.find((p) => p.value === pathway)?.label ?? 'No pathway recorded';
}

/** P4: outreach kinds; the first three count when they come from an organisation of a P3 kind. */
export const OUTREACH_KINDS: ReadonlyArray<Choice & { counting: boolean }> = [
  { value: 'letter_of_recommendation', label: 'Letter of recommendation', counting: true },
  { value: 'formal_partnership', label: 'Formal partnership', counting: true },
  { value: 'written_request', label: 'Written request for SCIJ to come', counting: true },
  { value: 'positive_conversation', label: 'Positive conversation', counting: false },
  { value: 'neutral_comment', label: 'Neutral comment', counting: false },
  { value: 'no_response', label: 'No response', counting: false },
  { value: 'meeting', label: 'Meeting', counting: false },
  { value: 'email', label: 'E-mail', counting: false },
  { value: 'call', label: 'Call', counting: false },
];

export const EVIDENCE_CATEGORIES: readonly Choice[] = [
  { value: 'student_interest', label: 'Student interest' },
  { value: 'faculty_support', label: 'Faculty or administration support' },
];

/** P2, Q3.3: evidence kinds per category; `counted` says what the number means. */
export const EVIDENCE_KINDS: Readonly<Record<string, ReadonlyArray<Choice & { counted?: string }>>> = {
  student_interest: [
    { value: 'interest_form_signups', label: 'Interest-form sign-ups', counted: 'Number of sign-ups' },
    { value: 'club_or_course', label: 'Club or course on immigrant justice' },
    {
      value: 'student_written_communications',
      label: 'Written communications from students',
      counted: 'Number of distinct students (5 or more count)',
    },
  ],
  faculty_support: [
    { value: 'advisor_recruited', label: 'Advisor recruited' },
    { value: 'positive_intro_meeting', label: 'Positive introductory meeting' },
    { value: 'written_communication_of_interest', label: 'Written communication of interest' },
  ],
};

export function evidenceCountLabel(category: string, kind: string): string | undefined {
  return EVIDENCE_KINDS[category]?.find((k) => k.value === kind)?.counted;
}

export const HOME_KINDS: readonly Choice[] = [
  { value: 'institute', label: 'Institute' },
  { value: 'center', label: 'Center' },
  { value: 'department', label: 'Department' },
  { value: 'office', label: 'Office' },
];

export const HOME_STATUSES: readonly Choice[] = [
  { value: 'candidate', label: 'Candidate' },
  { value: 'confirmed', label: 'Confirmed' },
  { value: 'declined', label: 'Declined' },
];

/** Q4: the five features looked for in a home. */
export const HOME_FEATURES: ReadonlyArray<{ key: 'listserv' | 'space' | 'funding' | 'paid_positions' | 'cross_department'; label: string }> = [
  { key: 'listserv', label: 'E-mail listserv' },
  { key: 'space', label: 'Space for students to work and meet clients' },
  { key: 'funding', label: 'Endowed or other funding' },
  { key: 'paid_positions', label: 'Paid staff, student assistants or work-study positions' },
  { key: 'cross_department', label: 'Cross-departmental buy-in' },
];

export const ATTORNEY_MODES: readonly Choice[] = [
  { value: 'in_person', label: 'In person' },
  { value: 'remote', label: 'Remote' },
  { value: 'both', label: 'In person and remote' },
];

export const INVESTMENT_STATUSES: readonly Choice[] = [
  { value: 'not_started', label: 'Not started' },
  { value: 'agreed', label: 'Agreed' },
  { value: 'in_place', label: 'In place' },
];

export const ORGANIZER_KINDS: readonly Choice[] = [
  { value: '', label: 'Not chosen yet' },
  { value: 'program_student', label: 'A student in the program' },
  { value: 'school_student', label: 'A student at the school' },
  { value: 'staff', label: 'Staff' },
];

export const PERSON_ROLE_LABELS: Readonly<Record<string, string>> = {
  student: 'Student',
  faculty: 'Faculty',
  administrator: 'Administrator',
  staff: 'Staff',
  attorney: 'Attorney',
  community_member: 'Community member',
};

export const DECISION_POWER: readonly Choice[] = [
  { value: 'unknown', label: 'Unknown' },
  { value: 'yes', label: 'Yes' },
  { value: 'no', label: 'No' },
];

export const CAN_REQUEST: readonly Choice[] = [
  { value: 'unknown', label: 'Unknown' },
  { value: 'has', label: 'Has one' },
  { value: 'can_request', label: 'Can request one' },
  { value: 'no', label: 'No' },
];

export function choiceLabel(choices: readonly Choice[], value: string): string {
  return choices.find((c) => c.value === value)?.label ?? value;
}

/** P3: organisation kinds, when the server sends none. */
export const DEFAULT_ORGANISATION_KINDS: readonly OrganisationKind[] = [
  { id: 'community_organizing', label: 'Community organizing group', p3: true },
  { id: 'legal_service_agency', label: 'Legal service agency', p3: true },
  { id: 'immigration_services_agency', label: 'Immigration services agency', p3: true },
  { id: 'immigrant_serving_org', label: 'Organisation serving immigrants', p3: true },
  { id: 'public_school', label: 'Public school', p3: true },
  { id: 'other_nonprofit', label: 'Other nonprofit', p3: true },
  { id: 'university_office', label: 'University office', p3: false },
  { id: 'law_firm', label: 'Law firm', p3: false },
  { id: 'other', label: 'Other', p3: false },
];

/** The kind select's option groups: those counting for community support (P3) first. */
export function organisationKindGroups(
  kinds: readonly OrganisationKind[],
): Array<{ label: string; options: Choice[] }> {
  const list = kinds.length > 0 ? kinds : DEFAULT_ORGANISATION_KINDS;
  const option = (k: OrganisationKind) => ({ value: k.id, label: k.label });
  return [
    { label: 'Counts for community support (P3)', options: list.filter((k) => k.p3).map(option) },
    { label: 'Other kinds (their letters do not count)', options: list.filter((k) => !k.p3).map(option) },
  ].filter((g) => g.options.length > 0);
}

export function organisationsToCsv(list: readonly Organisation[]): string {
  return toCsv(
    ['id', 'name', 'kind', 'kind_label', 'counts_for_community_support', 'city', 'state', 'contacts', 'notes'],
    list.map((o) => [o.id, o.name, o.kind, o.kind_label, o.p3 ? 'yes' : 'no', o.city, o.state, o.contacts, o.notes]),
  );
}

export function peopleToCsv(list: readonly Person[]): string {
  return toCsv(
    ['id', 'name', 'role', 'unitid', 'school', 'organisation', 'email', 'phone', 'capacity_pairs', 'champion_candidate'],
    list.map((p) => [
      p.id,
      p.name,
      p.role,
      p.unitid ?? '',
      p.school_name,
      p.organisation_name,
      p.email,
      p.phone,
      p.capacity_pairs ?? '',
      p.champion.candidate ? 'yes' : 'no',
    ]),
  );
}

/** Q5 as the record sees one person: the facts that still fail or are unknown. */
export function championGaps(person: Person): string[] {
  const c = person.champion;
  const gaps: string[] = [];
  if (!c.candidate) gaps.push('not marked as a champion candidate');
  if (c.undergraduate) gaps.push('is an undergraduate student');
  if (c.decision_power !== 'yes') gaps.push(c.decision_power === 'no' ? 'no decision-making power' : 'decision-making power unknown');
  if (c.funding !== 'has' && c.funding !== 'can_request') {
    gaps.push(c.funding === 'no' ? 'cannot request funding' : 'funding unknown');
  }
  if (c.work_study !== 'has' && c.work_study !== 'can_request') {
    gaps.push(c.work_study === 'no' ? 'cannot request a work-study position' : 'work-study position unknown');
  }
  return gaps;
}

const usd = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', maximumFractionDigits: 0 });

/** "$4,500", or an em dash when unknown. */
export function formatUsd(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return usd.format(value);
}

export const FEE_CONTROLS: readonly Choice[] = [
  { value: 'public', label: 'Public' },
  { value: 'private', label: 'Private' },
];

export const FEE_LEVELS: readonly Choice[] = [
  { value: 'two_year', label: 'Two-year' },
  { value: 'four_year', label: 'Four-year' },
];

/** "5,000–9,999 undergraduates" / "20,000 or more undergraduates". */
export function enrollmentRange(band: Pick<FeeBand, 'min_undergrad' | 'max_undergrad'>): string {
  const f = new Intl.NumberFormat('en-US');
  if (band.max_undergrad === null) return `${f.format(band.min_undergrad)} or more undergraduates`;
  return `${f.format(band.min_undergrad)}–${f.format(band.max_undergrad)} undergraduates`;
}

/** Whole number from a form field: null for "", undefined when it is not a whole number. */
export function parseWhole(text: string): number | null | undefined {
  const t = text.trim().replace(/,/g, '');
  if (t === '') return null;
  if (!/^\d+$/.test(t)) return undefined;
  const n = Number(t);
  return Number.isSafeInteger(n) ? n : undefined;
}

/** Today as "YYYY-MM-DD" in the browser's time zone (the default date of new entries). */
export function today(now: Date = new Date()): string {
  const pad = (n: number) => (n < 10 ? `0${n}` : String(n));
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

export function isIsoDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const d = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === text;
}
