// The one client for the SCIJ Network HTTP API (same origin, under /api).
//
// - Every request is same-origin with `credentials: 'same-origin'`; the session cookie is
//   HttpOnly and never touched here.
// - The CSRF token from login / `GET /api/auth/me` is kept in memory only (never in storage)
//   and sent as `X-CSRF-Token` on every POST, PUT, PATCH and DELETE.
// - Failures become `ApiError` values carrying the error envelope
//   `{"error":{"code","message","field"}}`, the HTTP status and, for 429, `Retry-After`.
// - A 401 on any call while signed in means the session ended on the server (idle or absolute
//   timeout, or revoked): the in-memory token is dropped and `onSessionExpired` listeners run.
//
//   const session = await api.login('ana', 'correct horse battery');
//   const { users } = await api.listUsers();

export const ROLES = [
  'admin',
  'staff',
  'organizer',
  'champion',
  'student',
  'attorney',
  'observer',
] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Readonly<Record<Role, string>> = {
  admin: 'Administrator',
  staff: 'Staff',
  organizer: 'Campus organizer',
  champion: 'Champion',
  student: 'Student',
  attorney: 'Attorney',
  observer: 'Observer',
};

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

export type UserId = string | number;

export interface User {
  id: UserId;
  username: string;
  display_name: string;
  role: Role;
  disabled: boolean;
  must_change_password: boolean;
  /** Unix seconds or an ISO 8601 string, depending on the server; see formatTimestamp. */
  created_at: string | number;
  /** The school (IPEDS UNITID) an organizer or champion is scoped to, or null. */
  school_unitid: number | null;
}

export interface Session {
  user: User;
  csrf_token: string;
  idle_timeout_seconds: number;
  /** Unix seconds. */
  absolute_expires_at: number;
}

export interface Health {
  status: string;
  version: string;
  store: { ok: boolean; backend: string; schema_version: number };
}

export type ErrorCode =
  | 'invalid_argument'
  | 'unauthenticated'
  | 'permission_denied'
  | 'not_found'
  | 'already_exists'
  | 'failed_precondition'
  | 'payload_too_large'
  | 'resource_exhausted'
  | 'unavailable'
  | 'internal';

const ERROR_CODES: readonly string[] = [
  'invalid_argument',
  'unauthenticated',
  'permission_denied',
  'not_found',
  'already_exists',
  'failed_precondition',
  'payload_too_large',
  'resource_exhausted',
  'unavailable',
  'internal',
];

export interface NewUser {
  username: string;
  display_name: string;
  role: Role;
  password: string;
}

export interface UserPatch {
  role?: Role;
  disabled?: boolean;
  display_name?: string;
  /** The school of an organizer or champion (IPEDS UNITID); null clears it. */
  school_unitid?: number | null;
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: ErrorCode;
  readonly field: string | undefined;
  /** Seconds to wait before retrying (from Retry-After), when the server sent it. */
  readonly retryAfterSeconds: number | undefined;
  /** What is missing or wrong, one line each (`error.details`; a refused stage move sends it). */
  readonly details: string[];

  constructor(
    status: number,
    code: ErrorCode,
    message: string,
    field?: string,
    retryAfterSeconds?: number,
    details: readonly string[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.field = field;
    this.retryAfterSeconds = retryAfterSeconds;
    this.details = [...details];
  }
}

/** A fallback code when a failure arrives without a readable envelope. */
export function codeForStatus(status: number): ErrorCode {
  switch (status) {
    case 400:
      return 'invalid_argument';
    case 401:
      return 'unauthenticated';
    case 403:
      return 'permission_denied';
    case 404:
      return 'not_found';
    case 409:
      return 'already_exists';
    case 412:
      return 'failed_precondition';
    case 413:
      return 'payload_too_large';
    case 429:
      return 'resource_exhausted';
    case 502:
    case 503:
    case 504:
      return 'unavailable';
    default:
      return 'internal';
  }
}

const FALLBACK_MESSAGES: Readonly<Record<ErrorCode, string>> = {
  invalid_argument: 'The request was not valid.',
  unauthenticated: 'You are not signed in.',
  permission_denied: 'You do not have permission to do that.',
  not_found: 'Not found.',
  already_exists: 'That already exists.',
  failed_precondition: 'That cannot be done right now.',
  payload_too_large: 'The request is too large.',
  resource_exhausted: 'Too many requests. Please wait and try again.',
  unavailable: 'The service is unavailable. Please try again shortly.',
  internal: 'Something went wrong on the server. Please try again.',
};

/** Parses Retry-After: delay-seconds or an HTTP date. Returns whole seconds, or undefined. */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | undefined {
  if (value === null) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number.parseInt(trimmed, 10);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, Math.ceil((date - now) / 1000));
}

/** Builds an ApiError from a failed response, tolerating bodies that are not an envelope. */
export async function errorFromResponse(response: Response): Promise<ApiError> {
  let code = codeForStatus(response.status);
  let message: string | undefined;
  let field: string | undefined;
  let details: string[] = [];
  try {
    const body: unknown = await response.json();
    if (isObject(body) && isObject(body.error)) {
      const error = body.error;
      if (typeof error.code === 'string' && ERROR_CODES.includes(error.code)) {
        code = error.code as ErrorCode;
      }
      if (typeof error.message === 'string' && error.message !== '') message = error.message;
      if (typeof error.field === 'string' && error.field !== '') field = error.field;
      if (Array.isArray(error.details)) {
        details = error.details.filter((d): d is string => typeof d === 'string' && d !== '');
      }
    }
  } catch {
    // Not JSON (a proxy error page, an empty body): keep the status-derived code.
  }
  return new ApiError(
    response.status,
    code,
    message ?? FALLBACK_MESSAGES[code],
    field,
    parseRetryAfter(response.headers.get('Retry-After')),
    details,
  );
}

// ---- Decoders: the server is trusted, but a malformed answer must not crash the page. ----

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function malformed(what: string): ApiError {
  return new ApiError(0, 'internal', `Unexpected response from the server (${what}).`);
}

export function decodeUser(value: unknown): User {
  if (!isObject(value)) throw malformed('user');
  const { id, username, display_name, role, disabled, must_change_password, created_at } = value;
  if (typeof id !== 'string' && typeof id !== 'number') throw malformed('user.id');
  if (typeof username !== 'string') throw malformed('user.username');
  if (!isRole(role)) throw malformed('user.role');
  return {
    id,
    username,
    display_name: typeof display_name === 'string' ? display_name : '',
    role,
    disabled: disabled === true,
    must_change_password: must_change_password === true,
    created_at: typeof created_at === 'string' || typeof created_at === 'number' ? created_at : '',
    school_unitid: numOrNull(value.school_unitid),
  };
}

export function decodeSession(value: unknown): Session {
  if (!isObject(value)) throw malformed('session');
  const { user, csrf_token, idle_timeout_seconds, absolute_expires_at } = value;
  if (typeof csrf_token !== 'string' || csrf_token === '') throw malformed('csrf_token');
  return {
    user: decodeUser(user),
    csrf_token,
    idle_timeout_seconds: typeof idle_timeout_seconds === 'number' ? idle_timeout_seconds : 900,
    absolute_expires_at: typeof absolute_expires_at === 'number' ? absolute_expires_at : 0,
  };
}

function decodeUserEnvelope(value: unknown): User {
  if (!isObject(value)) throw malformed('user envelope');
  return decodeUser(value.user);
}

function decodeUserList(value: unknown): User[] {
  if (!isObject(value) || !Array.isArray(value.users)) throw malformed('users');
  return value.users.map(decodeUser);
}

function decodeHealth(value: unknown): Health {
  if (!isObject(value) || typeof value.status !== 'string') throw malformed('health');
  const store = isObject(value.store) ? value.store : {};
  return {
    status: value.status,
    version: typeof value.version === 'string' ? value.version : '',
    store: {
      ok: store.ok === true,
      backend: typeof store.backend === 'string' ? store.backend : '',
      schema_version: typeof store.schema_version === 'number' ? store.schema_version : 0,
    },
  };
}

// ---- Site selection: types and decoders (numbers may be null when the data has no value). ----

export const FIT_STATUSES = ['met', 'likely', 'unknown', 'not_met'] as const;
export type FitStatus = (typeof FIT_STATUSES)[number];
export type AreaKind = 'county' | 'metro' | 'radius';
export type StatusCounts = Record<FitStatus, number>;

export interface ScreenRow {
  rank: number;
  unitid: number;
  name: string;
  city: string;
  state: string;
  lat: number | null;
  lon: number | null;
  control: number | null;
  cbsa: string;
  metro: string;
  undergrad: number | null;
  fit: FitStatus;
  q1: FitStatus;
  q2: FitStatus;
  q3: FitStatus;
  q4: FitStatus;
  q5: FitStatus;
  q1_area: string;
  area_immigrants: number | null;
  county_immigrants: number | null;
  metro_immigrants: number | null;
  reach_immigrants: number | null;
  metro_share_in_reach: number | null;
  metro_center_miles: number | null;
  is_partner: boolean;
  why: string;
}

export interface DatasetRef {
  kind: string;
  source: string;
  vintage: string;
  rows: number | null;
}

export interface ScreenResult {
  params: {
    area: string;
    radius_miles: number | null;
    min_immigrants: number | null;
    q3_likely_undergrad: number | null;
    q3_met_undergrad: number | null;
  };
  reach_model: string;
  datasets: DatasetRef[];
  total_institutions: number | null;
  total_matching: number;
  counts: { fit: StatusCounts; q1: StatusCounts; q3: StatusCounts };
  rows: ScreenRow[];
}

/** GET /api/screen/points: one entry per matching school, for the map (columnar). */
export interface ScreenPoints {
  unitid: number[];
  name: string[];
  state: string[];
  lat: Array<number | null>;
  lon: Array<number | null>;
  fit: FitStatus[];
  reach: Array<number | null>;
  undergrad: Array<number | null>;
}

/** GET /api/counties (columnar). */
export interface CountyTable {
  fips: string[];
  name: string[];
  state: string[];
  foreign_born: Array<number | null>;
  total_population: Array<number | null>;
  cbsa: string[];
  source: string;
}

export interface Metro {
  cbsa: string;
  title: string;
  metropolitan: boolean;
}

export interface SchoolRef {
  unitid: number;
  name: string;
  city: string;
  state: string;
}

export interface Figure {
  name: string;
  value: number | string | null;
  unit: string;
}

export interface SourceRef {
  kind: string;
  source: string;
  vintage: string;
}

export interface Answer {
  question: string;
  title: string;
  rules: string;
  status: FitStatus;
  figures: Figure[];
  threshold: string;
  sources: SourceRef[];
  sentence: string;
  notes: string[];
}

export interface SchoolInfo {
  unitid: number;
  name: string;
  city: string;
  state: string;
  lat: number | null;
  lon: number | null;
  county_fips: string;
  county_name: string;
  cbsa: string;
  metro: string;
  control: number | null;
  sector: number | null;
  sector_label: string;
  carnegie_basic: number | null;
  carnegie_label: string;
  undergrad: number | null;
  hbcu: boolean;
  tribal: boolean;
  hsi: boolean;
  msi: boolean;
  is_partner: boolean;
}

export interface ReachCounty {
  fips: string;
  name: string;
  foreign_born: number | null;
  share_in_reach: number | null;
}

export interface SchoolDetail {
  school: SchoolInfo;
  fit: FitStatus;
  fit_sentence: string;
  reach_model: string;
  answers: Answer[];
  reach: { radius_miles: number | null; counties: ReachCounty[] };
}

export interface PlanPartner {
  unitid: number;
  name: string;
  state: string;
  lat: number | null;
  lon: number | null;
}

export interface PlanPick extends PlanPartner {
  order: number;
  marginal_gain: number | null;
  cumulative_covered: number | null;
  standalone_reach: number | null;
  fit: FitStatus;
  q1: FitStatus;
  q2: FitStatus;
  q3: FitStatus;
}

export interface Plan {
  radius_miles: number | null;
  reach_model: string;
  partners: PlanPartner[];
  partners_covered: number | null;
  /** Partner UNITIDs the server does not know (not in the imported directory). */
  unknown_partners: string[];
  candidates: number | null;
  stopped_early: boolean;
  approximation: string;
  picks: PlanPick[];
}

export interface Dataset {
  kind: string;
  source: string;
  vintage: string;
  file: string;
  sha256: string;
  rows_read: number | null;
  rows_loaded: number | null;
  rows_skipped: number | null;
  imported_at: string | number;
  imported_by: string;
}

export interface ImportResult {
  file: string;
  kind: string;
  rows_read: number | null;
  rows_loaded: number | null;
  rows_skipped: number | null;
  problems: string[];
  summary: string;
}

export interface LegalResource {
  id: number | string;
  kind: string;
  name: string;
  city: string;
  state: string;
  lat: number | null;
  lon: number | null;
  source: string;
}

function str(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return '';
}

function numOrNull(value: unknown): number | null {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  return null;
}

function num(value: unknown, fallback = 0): number {
  return numOrNull(value) ?? fallback;
}

export function fitStatus(value: unknown): FitStatus {
  return typeof value === 'string' && (FIT_STATUSES as readonly string[]).includes(value)
    ? (value as FitStatus)
    : 'unknown';
}

function arr(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function obj(value: unknown): Record<string, unknown> {
  return isObject(value) ? value : {};
}

function strings(value: unknown): string[] {
  return arr(value).map(str);
}

function decodeCounts(value: unknown): StatusCounts {
  const o = obj(value);
  return { met: num(o.met), likely: num(o.likely), unknown: num(o.unknown), not_met: num(o.not_met) };
}

export function decodeScreenRow(value: unknown): ScreenRow {
  const r = obj(value);
  return {
    rank: num(r.rank),
    unitid: num(r.unitid),
    name: str(r.name),
    city: str(r.city),
    state: str(r.state),
    lat: numOrNull(r.lat),
    lon: numOrNull(r.lon),
    control: numOrNull(r.control),
    cbsa: str(r.cbsa),
    metro: str(r.metro),
    undergrad: numOrNull(r.undergrad),
    fit: fitStatus(r.fit),
    q1: fitStatus(r.q1),
    q2: fitStatus(r.q2),
    q3: fitStatus(r.q3),
    q4: fitStatus(r.q4),
    q5: fitStatus(r.q5),
    q1_area: str(r.q1_area),
    area_immigrants: numOrNull(r.area_immigrants),
    county_immigrants: numOrNull(r.county_immigrants),
    metro_immigrants: numOrNull(r.metro_immigrants),
    reach_immigrants: numOrNull(r.reach_immigrants),
    metro_share_in_reach: numOrNull(r.metro_share_in_reach),
    metro_center_miles: numOrNull(r.metro_center_miles),
    is_partner: r.is_partner === true,
    why: str(r.why),
  };
}

function decodeDatasetRef(value: unknown): DatasetRef {
  const d = obj(value);
  return { kind: str(d.kind), source: str(d.source), vintage: str(d.vintage), rows: numOrNull(d.rows) };
}

export function decodeScreenResult(value: unknown): ScreenResult {
  if (!isObject(value) || !Array.isArray(value.rows)) throw malformed('screen');
  const p = obj(value.params);
  const counts = obj(value.counts);
  return {
    params: {
      area: str(p.area),
      radius_miles: numOrNull(p.radius_miles),
      min_immigrants: numOrNull(p.min_immigrants),
      q3_likely_undergrad: numOrNull(p.q3_likely_undergrad),
      q3_met_undergrad: numOrNull(p.q3_met_undergrad),
    },
    reach_model: str(value.reach_model),
    datasets: arr(value.datasets).map(decodeDatasetRef),
    total_institutions: numOrNull(value.total_institutions),
    total_matching: num(value.total_matching, value.rows.length),
    counts: { fit: decodeCounts(counts.fit), q1: decodeCounts(counts.q1), q3: decodeCounts(counts.q3) },
    rows: value.rows.map(decodeScreenRow),
  };
}

export function decodeScreenPoints(value: unknown): ScreenPoints {
  if (!isObject(value) || !Array.isArray(value.unitid)) throw malformed('screen points');
  const n = value.unitid.length;
  const column = <T,>(key: string, map: (v: unknown) => T): T[] => {
    const source = arr(value[key]);
    return Array.from({ length: n }, (_, i) => map(source[i]));
  };
  return {
    unitid: column('unitid', num),
    name: column('name', str),
    state: column('state', str),
    lat: column('lat', numOrNull),
    lon: column('lon', numOrNull),
    fit: column('fit', fitStatus),
    reach: column('reach', numOrNull),
    undergrad: column('undergrad', numOrNull),
  };
}

export function decodeCountyTable(value: unknown): CountyTable {
  if (!isObject(value) || !Array.isArray(value.fips)) throw malformed('counties');
  const n = value.fips.length;
  const column = <T,>(key: string, map: (v: unknown) => T): T[] => {
    const source = arr(value[key]);
    return Array.from({ length: n }, (_, i) => map(source[i]));
  };
  return {
    fips: column('fips', (v) => str(v).padStart(5, '0')),
    name: column('name', str),
    state: column('state', str),
    foreign_born: column('foreign_born', numOrNull),
    total_population: column('total_population', numOrNull),
    cbsa: column('cbsa', str),
    source: str(value.source),
  };
}

function decodeSourceRef(value: unknown): SourceRef {
  const s = obj(value);
  return { kind: str(s.kind), source: str(s.source), vintage: str(s.vintage) };
}

function decodeAnswer(value: unknown): Answer {
  const a = obj(value);
  return {
    question: str(a.question),
    title: str(a.title),
    rules: str(a.rules),
    status: fitStatus(a.status),
    figures: arr(a.figures).map((f) => {
      const o = obj(f);
      const v = o.value;
      return {
        name: str(o.name),
        value: typeof v === 'number' || typeof v === 'string' ? v : null,
        unit: str(o.unit),
      };
    }),
    threshold: str(a.threshold),
    sources: arr(a.sources).map(decodeSourceRef),
    sentence: str(a.sentence),
    notes: strings(a.notes),
  };
}

export function decodeSchoolDetail(value: unknown): SchoolDetail {
  if (!isObject(value) || !isObject(value.school)) throw malformed('school');
  const s = value.school;
  const reach = obj(value.reach);
  return {
    school: {
      unitid: num(s.unitid),
      name: str(s.name),
      city: str(s.city),
      state: str(s.state),
      lat: numOrNull(s.lat),
      lon: numOrNull(s.lon),
      county_fips: str(s.county_fips),
      county_name: str(s.county_name),
      cbsa: str(s.cbsa),
      metro: str(s.metro),
      control: numOrNull(s.control),
      sector: numOrNull(s.sector),
      sector_label: str(s.sector_label),
      carnegie_basic: numOrNull(s.carnegie_basic),
      carnegie_label: str(s.carnegie_label),
      undergrad: numOrNull(s.undergrad),
      hbcu: s.hbcu === true,
      tribal: s.tribal === true,
      hsi: s.hsi === true,
      msi: s.msi === true,
      is_partner: s.is_partner === true,
    },
    fit: fitStatus(value.fit),
    fit_sentence: str(value.fit_sentence),
    reach_model: str(value.reach_model),
    answers: arr(value.answers).map(decodeAnswer),
    reach: {
      radius_miles: numOrNull(reach.radius_miles),
      counties: arr(reach.counties).map((c) => {
        const o = obj(c);
        return {
          fips: str(o.fips).padStart(5, '0'),
          name: str(o.name),
          foreign_born: numOrNull(o.foreign_born),
          share_in_reach: numOrNull(o.share_in_reach),
        };
      }),
    },
  };
}

function decodePartner(value: unknown): PlanPartner {
  const p = obj(value);
  return { unitid: num(p.unitid), name: str(p.name), state: str(p.state), lat: numOrNull(p.lat), lon: numOrNull(p.lon) };
}

export function decodePlan(value: unknown): Plan {
  if (!isObject(value) || !Array.isArray(value.picks)) throw malformed('plan');
  return {
    radius_miles: numOrNull(value.radius_miles),
    reach_model: str(value.reach_model),
    partners: arr(value.partners).map(decodePartner),
    partners_covered: numOrNull(value.partners_covered),
    unknown_partners: strings(value.unknown_partners),
    candidates: numOrNull(value.candidates),
    stopped_early: value.stopped_early === true,
    approximation: str(value.approximation),
    picks: value.picks.map((v) => {
      const p = obj(v);
      return {
        ...decodePartner(p),
        order: num(p.order),
        marginal_gain: numOrNull(p.marginal_gain),
        cumulative_covered: numOrNull(p.cumulative_covered),
        standalone_reach: numOrNull(p.standalone_reach),
        fit: fitStatus(p.fit),
        q1: fitStatus(p.q1),
        q2: fitStatus(p.q2),
        q3: fitStatus(p.q3),
      };
    }),
  };
}

function decodeDataset(value: unknown): Dataset {
  const d = obj(value);
  const at = d.imported_at;
  return {
    kind: str(d.kind),
    source: str(d.source),
    vintage: str(d.vintage),
    file: str(d.file),
    sha256: str(d.sha256),
    rows_read: numOrNull(d.rows_read),
    rows_loaded: numOrNull(d.rows_loaded),
    rows_skipped: numOrNull(d.rows_skipped),
    imported_at: typeof at === 'string' || typeof at === 'number' ? at : '',
    imported_by: str(d.imported_by),
  };
}

export function decodeImportResult(value: unknown): ImportResult {
  if (!isObject(value)) throw malformed('import result');
  return {
    file: str(value.file),
    kind: str(value.kind),
    rows_read: numOrNull(value.rows_read),
    rows_loaded: numOrNull(value.rows_loaded),
    rows_skipped: numOrNull(value.rows_skipped),
    problems: strings(value.problems),
    summary: str(value.summary),
  };
}

function decodeLegalResource(value: unknown): LegalResource {
  const r = obj(value);
  return {
    id: typeof r.id === 'number' || typeof r.id === 'string' ? r.id : '',
    kind: str(r.kind),
    name: str(r.name),
    city: str(r.city),
    state: str(r.state),
    lat: numOrNull(r.lat),
    lon: numOrNull(r.lon),
    source: str(r.source),
  };
}

// ---- Partnerships (DOMAIN.md section 2, docs/PARTNERSHIPS.md): types and decoders. ----

/** The pipeline's stages in order, then the two side stages. The server's list is authoritative. */
export const STAGE_IDS = [
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
] as const;
export type StageId = (typeof STAGE_IDS)[number];

export function isStageId(value: unknown): value is StageId {
  return typeof value === 'string' && (STAGE_IDS as readonly string[]).includes(value);
}

export type Pathway = 1 | 2 | 3;

export interface UserRef {
  id: number;
  username: string;
  display_name: string;
}

export interface PartnershipSummary {
  id: number;
  unitid: number;
  name: string;
  city: string;
  state: string;
  lat: number | null;
  lon: number | null;
  pathway: Pathway | null;
  pathway_label: string;
  initiated_by: string;
  owner: UserRef | null;
  /** A stage id; kept as the server's string so a stage added later still shows. */
  stage: string;
  stage_label: string;
  /** Unix seconds. */
  stage_since: number;
  days_in_stage: number;
  paused_from: string | null;
  stage_reason: string;
  next_step: string;
  /** "YYYY-MM-DD" or "". */
  next_step_due: string;
  next_stage: string | null;
  /** What still blocks the move to next_stage, one line each. */
  blockers: string[];
  community_support_affirmed: boolean;
  created_at: number;
  updated_at: number;
  version: number;
}

export interface StageInfo {
  id: string;
  label: string;
}

export interface PartnershipList {
  partnerships: PartnershipSummary[];
  stages: StageInfo[];
}

export interface OutreachEntry {
  id: number;
  date: string;
  person_id: number | null;
  person_name: string;
  organisation_id: number | null;
  organisation_name: string;
  organisation_kind: string;
  kind: string;
  kind_label: string;
  summary: string;
  attachment_ref: string;
  /** True when it counts as community-support affirmation (P3, P4). */
  counts: boolean;
  count_reason: string;
}

export type EvidenceCategory = 'student_interest' | 'faculty_support';

export interface EvidenceEntry {
  id: number;
  date: string;
  category: EvidenceCategory;
  kind: string;
  kind_label: string;
  count: number | null;
  person_id: number | null;
  person_name: string;
  description: string;
}

export interface HomeFeature {
  present: boolean;
  note: string;
}

export const HOME_FEATURE_KEYS = ['listserv', 'space', 'funding', 'paid_positions', 'cross_department'] as const;
export type HomeFeatureKey = (typeof HOME_FEATURE_KEYS)[number];
export type HomeFeatures = Record<HomeFeatureKey, HomeFeature>;
export type HomeKind = 'institute' | 'center' | 'department' | 'office';
export type HomeStatus = 'candidate' | 'confirmed' | 'declined';

export interface HomeEntry {
  id: number;
  unit: string;
  kind: string;
  status: string;
  has_staff: boolean;
  features: HomeFeatures;
  notes: string;
}

export type AttorneyMode = 'in_person' | 'remote' | 'both';

export interface AttorneyCommitment {
  id: number;
  person_id: number;
  attorney_name: string;
  capacity_pairs: number | null;
  pairs: number;
  counted_pairs: number;
  languages: string;
  mode: string;
  notes: string;
  shared_with: Array<{ partnership_id: number; name: string; pairs: number }>;
}

export type InvestmentStatus = 'not_started' | 'agreed' | 'in_place';
export type OrganizerKind = '' | 'program_student' | 'school_student' | 'staff';

export interface OrganizerInfo {
  person_id: number | null;
  person_name: string;
  kind: string;
  multilingual: boolean;
  immigrant_or_first_gen: boolean;
}

export interface Investment {
  id: number;
  key: string;
  title: string;
  status: string;
  details: string;
  organizer: OrganizerInfo;
}

export interface StatusSentence {
  status: FitStatus;
  sentence: string;
}

export interface AssessmentAnswer {
  question: string;
  title: string;
  rules: string;
  public: (StatusSentence & { sources: string[] }) | null;
  record: (StatusSentence & { lines: string[] }) | null;
  combined: FitStatus;
}

export interface Transition {
  to: string;
  label: string;
  allowed: boolean;
  missing: string[];
  needs_reason: boolean;
}

export interface FeeBandRef {
  id: number;
  label: string;
  is_example: boolean;
}

export interface FeeInfo {
  proposed_usd: number | null;
  band: FeeBandRef | null;
  reason: string;
  override_usd: number | null;
  override_reason: string;
  effective_usd: number | null;
}

export type TriState = 'yes' | 'no' | 'unknown';
export type CanRequest = 'has' | 'can_request' | 'no' | 'unknown';

export interface ChampionFacts {
  candidate: boolean;
  decision_power: TriState;
  funding: CanRequest;
  work_study: CanRequest;
  undergraduate: boolean;
}

export const PERSON_ROLES = ['student', 'faculty', 'administrator', 'staff', 'attorney', 'community_member'] as const;
export type PersonRole = (typeof PERSON_ROLES)[number];

export interface Person {
  id: number;
  name: string;
  role: string;
  unitid: number | null;
  school_name: string;
  organisation_id: number | null;
  organisation_name: string;
  email: string;
  phone: string;
  notes: string;
  capacity_pairs: number | null;
  champion: ChampionFacts;
}

export interface HistoryEntry {
  id: number;
  at: number;
  username: string;
  action: string;
  summary: string;
  from_stage: string;
  to_stage: string;
  reason: string;
  override: boolean;
}

export interface PartnershipDetail {
  partnership: PartnershipSummary;
  can_edit: boolean;
  can_override: boolean;
  outreach: OutreachEntry[];
  evidence: EvidenceEntry[];
  homes: HomeEntry[];
  attorneys: AttorneyCommitment[];
  investments: Investment[];
  community_support: { affirmed: boolean; sentence: string };
  p2: { required: boolean; student_interest: boolean; faculty_support: boolean; lines: string[]; missing: string[] };
  answers: AssessmentAnswer[];
  q2: { committed_pairs: number; counted_pairs: number; first_year_pairs: number; growth_pairs: number; growth: boolean };
  transitions: Transition[];
  fee: FeeInfo;
  champions: Person[];
  history: HistoryEntry[];
}

export interface Assessment {
  unitid: number;
  name: string;
  partnership: PartnershipSummary | null;
  answers: AssessmentAnswer[];
  fit: FitStatus;
}

export interface Organisation {
  id: number;
  name: string;
  city: string;
  state: string;
  kind: string;
  kind_label: string;
  /** True for the kinds whose letters count as community support (P3). */
  p3: boolean;
  contacts: string;
  notes: string;
}

export interface OrganisationKind {
  id: string;
  label: string;
  p3: boolean;
}

export interface FeeBand {
  id: number;
  control: string;
  level: string;
  min_undergrad: number;
  max_undergrad: number | null;
  annual_fee_usd: number;
  label: string;
  is_example: boolean;
}

export interface FeeSchedule {
  bands: FeeBand[];
  /** True while the schedule is still the shipped example bands. */
  examples: boolean;
}

// Inputs (request bodies). Optional fields are left out when not set.

export interface NewPartnership {
  unitid: number;
  pathway: Pathway;
  initiated_by: string;
  owner_user_id?: number | null;
  next_step?: string;
  next_step_due?: string;
}

export interface PartnershipPatch {
  pathway?: Pathway;
  initiated_by?: string;
  owner_user_id?: number | null;
  next_step?: string;
  next_step_due?: string;
  fee_override_usd?: number | null;
  fee_override_reason?: string;
  version?: number;
}

export interface StageMove {
  to: string;
  reason?: string;
  override?: boolean;
}

export interface OutreachInput {
  date: string;
  kind: string;
  summary: string;
  person_id?: number | null;
  organisation_id?: number | null;
  attachment_ref?: string;
}

export interface EvidenceInput {
  date: string;
  category: EvidenceCategory;
  kind: string;
  count?: number | null;
  person_id?: number | null;
  description: string;
}

export interface HomeInput {
  unit: string;
  kind: HomeKind;
  status?: HomeStatus;
  has_staff?: boolean;
  features?: Partial<HomeFeatures>;
  notes?: string;
}

export interface AttorneyInput {
  person_id: number;
  pairs: number;
  languages?: string;
  mode?: AttorneyMode;
  notes?: string;
}

export interface InvestmentPatch {
  status?: InvestmentStatus;
  details?: string;
  organizer?: {
    person_id: number | null;
    kind: OrganizerKind;
    multilingual: boolean;
    immigrant_or_first_gen: boolean;
  };
}

export interface RecordInputs {
  outreach: OutreachInput;
  evidence: EvidenceInput;
  homes: HomeInput;
  attorneys: AttorneyInput;
}
export type RecordKind = keyof RecordInputs;
export type RecordPatches = { [K in RecordKind]: Partial<RecordInputs[K]> } & { investments: InvestmentPatch };
export type PatchableRecordKind = keyof RecordPatches;

export interface OrganisationInput {
  name: string;
  kind: string;
  city?: string;
  state?: string;
  contacts?: string;
  notes?: string;
}

export interface PersonInput {
  name: string;
  role: string;
  unitid?: number | null;
  organisation_id?: number | null;
  email?: string;
  phone?: string;
  notes?: string;
  capacity_pairs?: number | null;
  champion?: ChampionFacts;
}

export interface FeeBandInput {
  control: string;
  level: string;
  min_undergrad: number;
  max_undergrad: number | null;
  annual_fee_usd: number;
  label: string;
}

function bool(value: unknown): boolean {
  return value === true;
}

function intOrNull(value: unknown): number | null {
  const n = numOrNull(value);
  return n === null ? null : Math.trunc(n);
}

function strOrNull(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

function pathwayOf(value: unknown): Pathway | null {
  const n = numOrNull(value);
  return n === 1 || n === 2 || n === 3 ? n : null;
}

/** `value[key]` when the server wrapped the object in an envelope, else `value` itself. */
function unwrap(value: unknown, key: string): unknown {
  return isObject(value) && isObject(value[key]) ? value[key] : value;
}

function decodeUserRef(value: unknown): UserRef | null {
  if (!isObject(value)) return null;
  const id = numOrNull(value.id);
  if (id === null) return null;
  return { id, username: str(value.username), display_name: str(value.display_name) };
}

export function decodePartnershipSummary(value: unknown): PartnershipSummary {
  if (!isObject(value)) throw malformed('partnership');
  const id = numOrNull(value.id);
  const unitid = numOrNull(value.unitid);
  if (id === null) throw malformed('partnership.id');
  if (unitid === null) throw malformed('partnership.unitid');
  if (typeof value.stage !== 'string' || value.stage === '') throw malformed('partnership.stage');
  return {
    id,
    unitid,
    name: str(value.name),
    city: str(value.city),
    state: str(value.state),
    lat: numOrNull(value.lat),
    lon: numOrNull(value.lon),
    pathway: pathwayOf(value.pathway),
    pathway_label: str(value.pathway_label),
    initiated_by: str(value.initiated_by),
    owner: decodeUserRef(value.owner),
    stage: value.stage,
    stage_label: str(value.stage_label) || value.stage,
    stage_since: num(value.stage_since),
    days_in_stage: Math.max(0, Math.trunc(num(value.days_in_stage))),
    paused_from: strOrNull(value.paused_from),
    stage_reason: str(value.stage_reason),
    next_step: str(value.next_step),
    next_step_due: str(value.next_step_due),
    next_stage: strOrNull(value.next_stage),
    blockers: strings(value.blockers),
    community_support_affirmed: bool(value.community_support_affirmed),
    created_at: num(value.created_at),
    updated_at: num(value.updated_at),
    version: num(value.version),
  };
}

export function decodePartnershipList(value: unknown): PartnershipList {
  if (!isObject(value) || !Array.isArray(value.partnerships)) throw malformed('partnerships');
  return {
    partnerships: value.partnerships.map(decodePartnershipSummary),
    stages: arr(value.stages)
      .map((s) => {
        const o = obj(s);
        return { id: str(o.id), label: str(o.label) || str(o.id) };
      })
      .filter((s) => s.id !== ''),
  };
}

function decodeStatusSentence(value: unknown): StatusSentence | null {
  if (!isObject(value)) return null;
  return { status: fitStatus(value.status), sentence: str(value.sentence) };
}

export function decodeAssessmentAnswer(value: unknown): AssessmentAnswer {
  const a = obj(value);
  const publicAnswer = decodeStatusSentence(a.public);
  const record = decodeStatusSentence(a.record);
  return {
    question: str(a.question),
    title: str(a.title),
    rules: str(a.rules),
    public: publicAnswer === null ? null : { ...publicAnswer, sources: strings(obj(a.public).sources) },
    record: record === null ? null : { ...record, lines: strings(obj(a.record).lines) },
    combined: fitStatus(a.combined),
  };
}

function decodeFeatures(value: unknown): HomeFeatures {
  const f = obj(value);
  const one = (v: unknown): HomeFeature => {
    // A bare boolean is read as "present" without a note.
    if (typeof v === 'boolean') return { present: v, note: '' };
    const o = obj(v);
    return { present: bool(o.present), note: str(o.note) };
  };
  return {
    listserv: one(f.listserv),
    space: one(f.space),
    funding: one(f.funding),
    paid_positions: one(f.paid_positions),
    cross_department: one(f.cross_department),
  };
}

function triState(value: unknown): TriState {
  return value === 'yes' || value === 'no' ? value : 'unknown';
}

function canRequest(value: unknown): CanRequest {
  return value === 'has' || value === 'can_request' || value === 'no' ? value : 'unknown';
}

export function decodePerson(value: unknown): Person {
  if (!isObject(value)) throw malformed('person');
  const id = numOrNull(value.id);
  if (id === null) throw malformed('person.id');
  const c = obj(value.champion);
  return {
    id,
    name: str(value.name),
    role: str(value.role),
    unitid: intOrNull(value.unitid),
    school_name: str(value.school_name),
    organisation_id: intOrNull(value.organisation_id),
    organisation_name: str(value.organisation_name),
    email: str(value.email),
    phone: str(value.phone),
    notes: str(value.notes),
    capacity_pairs: intOrNull(value.capacity_pairs),
    champion: {
      candidate: bool(c.candidate),
      decision_power: triState(c.decision_power),
      funding: canRequest(c.funding),
      work_study: canRequest(c.work_study),
      undergraduate: bool(c.undergraduate),
    },
  };
}

export function decodePartnershipDetail(value: unknown): PartnershipDetail {
  // POST may wrap the detail as {partnership: detail}; the detail itself has {partnership: summary}.
  const inner = isObject(value) && isObject(value.partnership) && isObject(value.partnership.partnership) ? value.partnership : value;
  if (!isObject(inner) || !isObject(inner.partnership)) throw malformed('partnership detail');
  const d = inner;
  const cs = obj(d.community_support);
  const p2 = obj(d.p2);
  const q2 = obj(d.q2);
  const fee = obj(d.fee);
  const band = isObject(fee.band) ? fee.band : null;
  return {
    partnership: decodePartnershipSummary(d.partnership),
    can_edit: bool(d.can_edit),
    can_override: bool(d.can_override),
    outreach: arr(d.outreach).map((v) => {
      const o = obj(v);
      return {
        id: num(o.id),
        date: str(o.date),
        person_id: intOrNull(o.person_id),
        person_name: str(o.person_name),
        organisation_id: intOrNull(o.organisation_id),
        organisation_name: str(o.organisation_name),
        organisation_kind: str(o.organisation_kind),
        kind: str(o.kind),
        kind_label: str(o.kind_label) || str(o.kind),
        summary: str(o.summary),
        attachment_ref: str(o.attachment_ref),
        counts: bool(o.counts),
        count_reason: str(o.count_reason),
      };
    }),
    evidence: arr(d.evidence).map((v) => {
      const o = obj(v);
      return {
        id: num(o.id),
        date: str(o.date),
        category: o.category === 'faculty_support' ? 'faculty_support' : 'student_interest',
        kind: str(o.kind),
        kind_label: str(o.kind_label) || str(o.kind),
        count: intOrNull(o.count),
        person_id: intOrNull(o.person_id),
        person_name: str(o.person_name),
        description: str(o.description),
      };
    }),
    homes: arr(d.homes).map((v) => {
      const o = obj(v);
      return {
        id: num(o.id),
        unit: str(o.unit),
        kind: str(o.kind),
        status: str(o.status) || 'candidate',
        has_staff: bool(o.has_staff),
        features: decodeFeatures(o.features),
        notes: str(o.notes),
      };
    }),
    attorneys: arr(d.attorneys).map((v) => {
      const o = obj(v);
      return {
        id: num(o.id),
        person_id: num(o.person_id),
        attorney_name: str(o.attorney_name),
        capacity_pairs: intOrNull(o.capacity_pairs),
        pairs: num(o.pairs),
        counted_pairs: num(o.counted_pairs),
        languages: str(o.languages),
        mode: str(o.mode),
        notes: str(o.notes),
        shared_with: arr(o.shared_with).map((s) => {
          const x = obj(s);
          return { partnership_id: num(x.partnership_id), name: str(x.name), pairs: num(x.pairs) };
        }),
      };
    }),
    investments: arr(d.investments).map((v) => {
      const o = obj(v);
      const org = obj(o.organizer);
      return {
        id: num(o.id),
        key: str(o.key),
        title: str(o.title),
        status: str(o.status) || 'not_started',
        details: str(o.details),
        organizer: {
          person_id: intOrNull(org.person_id),
          person_name: str(org.person_name),
          kind: str(org.kind),
          multilingual: bool(org.multilingual),
          immigrant_or_first_gen: bool(org.immigrant_or_first_gen),
        },
      };
    }),
    community_support: { affirmed: bool(cs.affirmed), sentence: str(cs.sentence) },
    p2: {
      required: bool(p2.required),
      student_interest: bool(p2.student_interest),
      faculty_support: bool(p2.faculty_support),
      lines: strings(p2.lines),
      missing: strings(p2.missing),
    },
    answers: arr(d.answers).map(decodeAssessmentAnswer),
    q2: {
      committed_pairs: num(q2.committed_pairs),
      counted_pairs: num(q2.counted_pairs),
      first_year_pairs: num(q2.first_year_pairs, 7),
      growth_pairs: num(q2.growth_pairs, 19),
      growth: bool(q2.growth),
    },
    transitions: arr(d.transitions)
      .map((v) => {
        const o = obj(v);
        return {
          to: str(o.to),
          label: str(o.label) || str(o.to),
          allowed: bool(o.allowed),
          missing: strings(o.missing),
          needs_reason: bool(o.needs_reason),
        };
      })
      .filter((t) => t.to !== ''),
    fee: {
      proposed_usd: numOrNull(fee.proposed_usd),
      band: band === null ? null : { id: num(band.id), label: str(band.label), is_example: bool(band.is_example) },
      reason: str(fee.reason),
      override_usd: numOrNull(fee.override_usd),
      override_reason: str(fee.override_reason),
      effective_usd: numOrNull(fee.effective_usd),
    },
    champions: arr(d.champions).filter(isObject).map(decodePerson),
    history: arr(d.history).map((v) => {
      const o = obj(v);
      return {
        id: num(o.id),
        at: num(o.at),
        username: str(o.username),
        action: str(o.action),
        summary: str(o.summary),
        from_stage: str(o.from_stage),
        to_stage: str(o.to_stage),
        reason: str(o.reason),
        override: bool(o.override),
      };
    }),
  };
}

export function decodeAssessment(value: unknown): Assessment {
  if (!isObject(value) || !Array.isArray(value.answers)) throw malformed('assessment');
  return {
    unitid: num(value.unitid),
    name: str(value.name),
    partnership: isObject(value.partnership) ? decodePartnershipSummary(value.partnership) : null,
    answers: value.answers.map(decodeAssessmentAnswer),
    fit: fitStatus(value.fit),
  };
}

export function decodeOrganisation(value: unknown): Organisation {
  const o = unwrap(value, 'organisation');
  if (!isObject(o)) throw malformed('organisation');
  const id = numOrNull(o.id);
  if (id === null) throw malformed('organisation.id');
  return {
    id,
    name: str(o.name),
    city: str(o.city),
    state: str(o.state),
    kind: str(o.kind),
    kind_label: str(o.kind_label) || str(o.kind),
    p3: bool(o.p3),
    contacts: str(o.contacts),
    notes: str(o.notes),
  };
}

export function decodeOrganisationList(value: unknown): { organisations: Organisation[]; kinds: OrganisationKind[] } {
  if (!isObject(value) || !Array.isArray(value.organisations)) throw malformed('organisations');
  return {
    organisations: value.organisations.map(decodeOrganisation),
    kinds: arr(value.kinds)
      .map((k) => {
        const o = obj(k);
        return { id: str(o.id), label: str(o.label) || str(o.id), p3: bool(o.p3) };
      })
      .filter((k) => k.id !== ''),
  };
}

export function decodePeople(value: unknown): Person[] {
  if (!isObject(value) || !Array.isArray(value.people)) throw malformed('people');
  return value.people.map(decodePerson);
}

export function decodeFeeSchedule(value: unknown): FeeSchedule {
  if (!isObject(value) || !Array.isArray(value.bands)) throw malformed('fee bands');
  return {
    bands: value.bands.map((b) => {
      const o = obj(b);
      return {
        id: num(o.id),
        control: str(o.control),
        level: str(o.level),
        min_undergrad: num(o.min_undergrad),
        max_undergrad: numOrNull(o.max_undergrad),
        annual_fee_usd: num(o.annual_fee_usd),
        label: str(o.label),
        is_example: bool(o.is_example),
      };
    }),
    examples: bool(value.examples),
  };
}

export const PARTNERSHIPS_CSV_PATH = '/api/partnerships.csv';

/** The printable assessment report of a school (server HTML, opened in a new tab). */
export function reportPath(unitid: number): string {
  return `/api/schools/${encodeURIComponent(String(unitid))}/report`;
}

// ---- Session state kept by the client (in memory only). ----

type Listener = () => void;

let csrfToken: string | null = null;
let signedIn = false;
let lastActivityAt = 0;
const expiryListeners = new Set<Listener>();
const activityListeners = new Set<Listener>();

/** Runs `listener` when a call fails with 401 while signed in. Returns an unsubscribe. */
export function onSessionExpired(listener: Listener): () => void {
  expiryListeners.add(listener);
  return () => {
    expiryListeners.delete(listener);
  };
}

/** Runs `listener` after every successful authenticated call (the server's idle clock). */
export function onActivity(listener: Listener): () => void {
  activityListeners.add(listener);
  return () => {
    activityListeners.delete(listener);
  };
}

/** Milliseconds since the epoch of the last successful call the server saw while signed in. */
export function lastActivity(): number {
  return lastActivityAt;
}

export function isSignedIn(): boolean {
  return signedIn;
}

function startSession(session: Session): Session {
  csrfToken = session.csrf_token;
  signedIn = true;
  lastActivityAt = Date.now();
  return session;
}

function endSession(): void {
  csrfToken = null;
  signedIn = false;
}

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

interface RequestOptions {
  body?: unknown;
  /** A body sent as it is (a file, CSV text) with this Content-Type, instead of JSON. */
  rawBody?: { data: Blob | string; contentType: string };
  /** Aborts the request; the call then rejects with the DOMException named "AbortError". */
  signal?: AbortSignal | undefined;
  /** A 401 here is an answer (wrong password, no session yet), not an expired session. */
  unauthenticatedIsAnswer?: boolean;
}

/** True for the rejection of a request that was aborted through its AbortSignal. */
export function isAbortError(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

async function request(method: Method, path: string, options: RequestOptions = {}): Promise<unknown> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  const init: RequestInit = { method, headers, credentials: 'same-origin', cache: 'no-store' };
  if (options.rawBody !== undefined) {
    headers['Content-Type'] = options.rawBody.contentType;
    init.body = options.rawBody.data;
  } else if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(options.body);
  }
  if (options.signal !== undefined) init.signal = options.signal;
  if (UNSAFE_METHODS.has(method) && csrfToken !== null) {
    headers['X-CSRF-Token'] = csrfToken;
  }

  let response: Response;
  try {
    response = await fetch(path, init);
  } catch (caught) {
    if (options.signal?.aborted === true) {
      throw caught instanceof DOMException ? caught : new DOMException('Aborted', 'AbortError');
    }
    throw new ApiError(
      0,
      'unavailable',
      'Cannot reach the server. Check your connection and try again.',
    );
  }

  if (!response.ok) {
    const error = await errorFromResponse(response);
    // A 401 naming a field (a wrong current password, say) answers the request; any other 401
    // while signed in means the server no longer knows this session.
    const sessionEnded =
      response.status === 401 &&
      signedIn &&
      options.unauthenticatedIsAnswer !== true &&
      error.field === undefined;
    if (sessionEnded) {
      endSession();
      for (const listener of [...expiryListeners]) listener();
    }
    throw error;
  }

  if (signedIn) {
    lastActivityAt = Date.now();
    for (const listener of [...activityListeners]) listener();
  }
  if (response.status === 204) return undefined;
  const text = await response.text();
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw malformed('not JSON');
  }
}

export const api = {
  async health(): Promise<Health> {
    return decodeHealth(await request('GET', '/api/health'));
  },

  async login(username: string, password: string): Promise<Session> {
    // A fresh sign-in replaces whatever session the client thought it had.
    endSession();
    const body = await request('POST', '/api/auth/login', {
      body: { username, password },
      unauthenticatedIsAnswer: true,
    });
    return startSession(decodeSession(body));
  },

  /** The current session, or an ApiError with status 401 when there is none. */
  async me(): Promise<Session> {
    const body = await request('GET', '/api/auth/me', { unauthenticatedIsAnswer: !signedIn });
    return startSession(decodeSession(body));
  },

  async logout(): Promise<void> {
    try {
      await request('POST', '/api/auth/logout', { unauthenticatedIsAnswer: true });
    } finally {
      endSession();
    }
  },

  async changePassword(currentPassword: string, newPassword: string): Promise<void> {
    await request('POST', '/api/auth/password', {
      body: { current_password: currentPassword, new_password: newPassword },
    });
  },

  async listUsers(): Promise<User[]> {
    return decodeUserList(await request('GET', '/api/users'));
  },

  async createUser(user: NewUser): Promise<User> {
    return decodeUserEnvelope(await request('POST', '/api/users', { body: user }));
  },

  async updateUser(id: UserId, patch: UserPatch): Promise<User> {
    const path = `/api/users/${encodeURIComponent(String(id))}`;
    return decodeUserEnvelope(await request('PATCH', path, { body: patch }));
  },

  async resetPassword(id: UserId, password: string): Promise<void> {
    const path = `/api/users/${encodeURIComponent(String(id))}/reset-password`;
    await request('POST', path, { body: { password } });
  },

  // ---- Site selection. `query` is a query string built by screenParams.ts ("a=1&b=2"). ----

  async screen(query: string, signal?: AbortSignal): Promise<ScreenResult> {
    return decodeScreenResult(await request('GET', withQuery('/api/screen', query), { signal }));
  },

  async screenPoints(query: string, signal?: AbortSignal): Promise<ScreenPoints> {
    return decodeScreenPoints(await request('GET', withQuery('/api/screen/points', query), { signal }));
  },

  async counties(signal?: AbortSignal): Promise<CountyTable> {
    return decodeCountyTable(await request('GET', '/api/counties', { signal }));
  },

  async metros(signal?: AbortSignal): Promise<Metro[]> {
    const body = await request('GET', '/api/metros', { signal });
    if (!isObject(body) || !Array.isArray(body.metros)) throw malformed('metros');
    return body.metros.map((m) => {
      const o = obj(m);
      return { cbsa: str(o.cbsa), title: str(o.title), metropolitan: o.metropolitan === true };
    });
  },

  async searchSchools(text: string, limit = 20, signal?: AbortSignal): Promise<SchoolRef[]> {
    const query = new URLSearchParams({ q: text, limit: String(limit) }).toString();
    const body = await request('GET', withQuery('/api/schools', query), { signal });
    if (!isObject(body) || !Array.isArray(body.schools)) throw malformed('schools');
    return body.schools.map((s) => {
      const o = obj(s);
      return { unitid: num(o.unitid), name: str(o.name), city: str(o.city), state: str(o.state) };
    });
  },

  async school(unitid: number | string, query: string, signal?: AbortSignal): Promise<SchoolDetail> {
    const path = withQuery(`/api/schools/${encodeURIComponent(String(unitid))}`, query);
    return decodeSchoolDetail(await request('GET', path, { signal }));
  },

  async plan(query: string, signal?: AbortSignal): Promise<Plan> {
    return decodePlan(await request('GET', withQuery('/api/plan', query), { signal }));
  },

  async datasets(): Promise<{ datasets: Dataset[]; joins: string[] }> {
    const body = await request('GET', '/api/datasets');
    if (!isObject(body) || !Array.isArray(body.datasets)) throw malformed('datasets');
    return { datasets: body.datasets.map(decodeDataset), joins: strings(body.joins) };
  },

  /** Uploads one data file as the raw body (admin/staff); progress in bytes sent. */
  async importDataset(file: File, onProgress?: (sent: number, total: number) => void): Promise<ImportResult> {
    const path = `/api/datasets/import?name=${encodeURIComponent(file.name)}`;
    return decodeImportResult(await upload(path, file, onProgress));
  },

  async legalResources(): Promise<LegalResource[]> {
    const body = await request('GET', '/api/legal-resources');
    if (!isObject(body) || !Array.isArray(body.resources)) throw malformed('legal resources');
    return body.resources.map(decodeLegalResource);
  },

  async importLegalResources(csv: string): Promise<number> {
    const body = await request('POST', '/api/legal-resources/import', {
      rawBody: { data: csv, contentType: 'text/csv' },
    });
    return isObject(body) ? num(body.imported) : 0;
  },

  async deleteLegalResource(id: number | string): Promise<void> {
    await request('DELETE', `/api/legal-resources/${encodeURIComponent(String(id))}`);
  },

  // ---- Partnerships (docs/PARTNERSHIPS.md). Every change answers the partnership's detail. ----

  async partnerships(signal?: AbortSignal): Promise<PartnershipList> {
    return decodePartnershipList(await request('GET', '/api/partnerships', { signal }));
  },

  async createPartnership(input: NewPartnership): Promise<PartnershipDetail> {
    return decodePartnershipDetail(await request('POST', '/api/partnerships', { body: input }));
  },

  async partnership(id: number, signal?: AbortSignal): Promise<PartnershipDetail> {
    return decodePartnershipDetail(await request('GET', partnershipPath(id), { signal }));
  },

  async updatePartnership(id: number, patch: PartnershipPatch): Promise<PartnershipDetail> {
    return decodePartnershipDetail(await request('PATCH', partnershipPath(id), { body: patch }));
  },

  /** A stage move; a refusal is an ApiError (409 failed_precondition) with `details`. */
  async moveStage(id: number, move: StageMove): Promise<PartnershipDetail> {
    return decodePartnershipDetail(await request('POST', `${partnershipPath(id)}/stage`, { body: move }));
  },

  async addRecord<K extends RecordKind>(id: number, kind: K, input: RecordInputs[K]): Promise<PartnershipDetail> {
    const path = `${partnershipPath(id)}/records/${kind}`;
    return decodePartnershipDetail(await request('POST', path, { body: input }));
  },

  async updateRecord<K extends PatchableRecordKind>(
    id: number,
    kind: K,
    recordId: number,
    patch: RecordPatches[K],
  ): Promise<PartnershipDetail> {
    const path = `${partnershipPath(id)}/records/${kind}/${encodeURIComponent(String(recordId))}`;
    return decodePartnershipDetail(await request('PATCH', path, { body: patch }));
  },

  async deleteRecord(id: number, kind: RecordKind, recordId: number): Promise<PartnershipDetail> {
    const path = `${partnershipPath(id)}/records/${kind}/${encodeURIComponent(String(recordId))}`;
    const body = await request('DELETE', path);
    // The server answers the detail; should it answer 204, read the detail afresh.
    return body === undefined ? api.partnership(id) : decodePartnershipDetail(body);
  },

  async assessment(unitid: number, signal?: AbortSignal): Promise<Assessment> {
    const path = `/api/schools/${encodeURIComponent(String(unitid))}/assessment`;
    return decodeAssessment(await request('GET', path, { signal }));
  },

  async organisations(signal?: AbortSignal): Promise<{ organisations: Organisation[]; kinds: OrganisationKind[] }> {
    return decodeOrganisationList(await request('GET', '/api/organisations', { signal }));
  },

  async createOrganisation(input: OrganisationInput): Promise<Organisation> {
    return decodeOrganisation(await request('POST', '/api/organisations', { body: input }));
  },

  async updateOrganisation(id: number, patch: Partial<OrganisationInput>): Promise<Organisation> {
    const path = `/api/organisations/${encodeURIComponent(String(id))}`;
    return decodeOrganisation(await request('PATCH', path, { body: patch }));
  },

  async deleteOrganisation(id: number): Promise<void> {
    await request('DELETE', `/api/organisations/${encodeURIComponent(String(id))}`);
  },

  async people(filter: { unitid?: number | null; role?: string } = {}, signal?: AbortSignal): Promise<Person[]> {
    const q = new URLSearchParams();
    if (filter.unitid !== undefined && filter.unitid !== null) q.set('unitid', String(filter.unitid));
    if (filter.role !== undefined && filter.role !== '') q.set('role', filter.role);
    return decodePeople(await request('GET', withQuery('/api/people', q.toString()), { signal }));
  },

  async createPerson(input: PersonInput): Promise<Person> {
    return decodePerson(unwrap(await request('POST', '/api/people', { body: input }), 'person'));
  },

  async updatePerson(id: number, patch: Partial<PersonInput>): Promise<Person> {
    const path = `/api/people/${encodeURIComponent(String(id))}`;
    return decodePerson(unwrap(await request('PATCH', path, { body: patch }), 'person'));
  },

  async deletePerson(id: number): Promise<void> {
    await request('DELETE', `/api/people/${encodeURIComponent(String(id))}`);
  },

  async feeBands(signal?: AbortSignal): Promise<FeeSchedule> {
    return decodeFeeSchedule(await request('GET', '/api/fee-bands', { signal }));
  },

  /** Replaces the whole fee schedule (administrators). */
  async saveFeeBands(bands: readonly FeeBandInput[]): Promise<FeeSchedule> {
    return decodeFeeSchedule(await request('PUT', '/api/fee-bands', { body: { bands } }));
  },
};

function partnershipPath(id: number): string {
  return `/api/partnerships/${encodeURIComponent(String(id))}`;
}

function withQuery(path: string, query: string): string {
  const q = query.replace(/^\?/, '');
  return q === '' ? path : `${path}?${q}`;
}

/**
 * POSTs `file` as the raw body (application/octet-stream) with upload progress, which fetch
 * cannot report: XMLHttpRequest, with the same credentials, CSRF header, error envelope and
 * session-expiry handling as request().
 */
function upload(path: string, file: Blob, onProgress?: (sent: number, total: number) => void): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('Content-Type', 'application/octet-stream');
    if (csrfToken !== null) xhr.setRequestHeader('X-CSRF-Token', csrfToken);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress?.(event.loaded, event.total);
    };
    xhr.onerror = () =>
      reject(new ApiError(0, 'unavailable', 'Cannot reach the server. Check your connection and try again.'));
    xhr.onload = () => {
      const headers = new Headers();
      const type = xhr.getResponseHeader('Content-Type');
      if (type !== null) headers.set('Content-Type', type);
      const retry = xhr.getResponseHeader('Retry-After');
      if (retry !== null) headers.set('Retry-After', retry);
      const status = xhr.status;
      const text = xhr.responseText;
      if (status < 200 || status >= 300) {
        const response = new Response(text === '' ? null : text, { status, headers });
        void errorFromResponse(response).then((error) => {
          if (status === 401 && signedIn && error.field === undefined) {
            endSession();
            for (const listener of [...expiryListeners]) listener();
          }
          reject(error);
        });
        return;
      }
      if (signedIn) {
        lastActivityAt = Date.now();
        for (const listener of [...activityListeners]) listener();
      }
      try {
        resolve(text === '' ? undefined : (JSON.parse(text) as unknown));
      } catch {
        reject(malformed('not JSON'));
      }
    };
    xhr.send(file);
  });
}

/** For unit tests only: forget the in-memory session. */
export function resetClientStateForTests(): void {
  endSession();
  lastActivityAt = 0;
  expiryListeners.clear();
  activityListeners.clear();
}

/** Minimum length of a new password; the server is authoritative and may ask for more. */
export const MIN_PASSWORD_LENGTH = 12;
