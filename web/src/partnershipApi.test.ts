import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  api,
  ApiError,
  decodeAssessment,
  decodeFeeSchedule,
  decodeOrganisation,
  decodeOrganisationList,
  decodePartnershipDetail,
  decodePartnershipList,
  decodePartnershipSummary,
  decodePeople,
  decodePerson,
  decodeUser,
  errorFromResponse,
  resetClientStateForTests,
} from './api';

const SUMMARY = {
  id: 7,
  unitid: 164988,
  name: 'Boston University',
  city: 'Boston',
  state: 'MA',
  lat: 42.35,
  lon: -71.1,
  pathway: 2,
  pathway_label: 'A student, administrator or faculty member contacted SCIJ',
  initiated_by: 'Prof. Ruiz',
  owner: { id: 1, username: 'ana', display_name: 'Ana Pérez' },
  stage: 'gauging_support',
  stage_label: 'Gauging community support',
  stage_since: 1_700_000_000,
  days_in_stage: 12,
  paused_from: null,
  stage_reason: '',
  next_step: 'Call the legal aid office',
  next_step_due: '2025-04-01',
  next_stage: 'support_affirmed',
  blockers: ['P3: no letter of recommendation, formal partnership or written request from a P3 organisation'],
  community_support_affirmed: false,
  created_at: 1_699_000_000,
  updated_at: 1_700_000_000,
  version: 3,
};

const PERSON = {
  id: 4,
  name: 'Dr. Lee',
  role: 'faculty',
  unitid: 164988,
  school_name: 'Boston University',
  organisation_id: null,
  organisation_name: '',
  email: 'lee@example.edu',
  phone: '',
  notes: '',
  capacity_pairs: null,
  champion: { candidate: true, decision_power: 'yes', funding: 'can_request', work_study: 'has', undergraduate: false },
};

const DETAIL = {
  partnership: SUMMARY,
  can_edit: true,
  can_override: false,
  outreach: [
    {
      id: 1,
      date: '2025-03-01',
      person_id: null,
      person_name: '',
      organisation_id: 2,
      organisation_name: 'Greater Boston Legal Services',
      organisation_kind: 'legal_service_agency',
      kind: 'positive_conversation',
      kind_label: 'Positive conversation',
      summary: 'Friendly call',
      attachment_ref: '',
      counts: false,
      count_reason: 'P4: a positive conversation is not an affirmation',
    },
  ],
  evidence: [
    {
      id: 1,
      date: '2025-03-02',
      category: 'student_interest',
      kind: 'interest_form_signups',
      kind_label: 'Interest-form sign-ups',
      count: 31,
      person_id: null,
      person_name: '',
      description: '',
    },
  ],
  homes: [
    {
      id: 5,
      unit: 'Center for Justice',
      kind: 'center',
      status: 'confirmed',
      has_staff: true,
      features: { listserv: { present: true, note: 'big list' }, space: true, funding: {}, paid_positions: { present: false, note: '' } },
      notes: '',
    },
  ],
  attorneys: [
    {
      id: 9,
      person_id: 12,
      attorney_name: 'Maria Gómez',
      capacity_pairs: 4,
      pairs: 4,
      counted_pairs: 2,
      languages: 'Spanish',
      mode: 'both',
      notes: '',
      shared_with: [{ partnership_id: 3, name: 'UMass Boston', pairs: 2 }],
    },
  ],
  investments: [
    {
      id: 21,
      key: 'b',
      title: 'A Campus Organizer',
      status: 'agreed',
      details: '',
      organizer: { person_id: 4, person_name: 'Dr. Lee', kind: 'staff', multilingual: true, immigrant_or_first_gen: false },
    },
  ],
  community_support: { affirmed: false, sentence: 'No counting outreach yet.' },
  p2: { required: true, student_interest: true, faculty_support: false, lines: ['31 sign-ups'], missing: ['P2: faculty support'] },
  answers: [
    {
      question: 'Q2',
      title: 'Enough attorneys',
      rules: 'Q2.1-Q2.3',
      public: { status: 'likely', sentence: 'Legal aid nearby.' },
      record: { status: 'not_met', sentence: '2 of 7 pairs.', lines: ['Maria Gómez: 2 counted'] },
      combined: 'likely',
    },
    { question: 'Q4', title: 'A home', rules: 'Q4', public: null, record: null, combined: 'bogus' },
  ],
  q2: { committed_pairs: 4, counted_pairs: 2, first_year_pairs: 7, growth_pairs: 19, growth: false },
  transitions: [
    { to: 'support_affirmed', label: 'Community support affirmed', allowed: false, missing: ['P3: no letter'], needs_reason: false },
    { to: 'paused', label: 'Paused', allowed: true, missing: [], needs_reason: true },
    { label: 'no target' },
  ],
  fee: {
    proposed_usd: 6000,
    band: { id: 3, label: 'Private four-year, 10,000+', is_example: true },
    reason: 'Private four-year with 18,000 undergraduates.',
    override_usd: null,
    override_reason: '',
    effective_usd: 6000,
  },
  champions: [PERSON],
  history: [
    { id: 1, at: 1_700_000_000, username: 'ana', action: 'stage', summary: 'Moved', from_stage: 'identified', to_stage: 'exploring', reason: '', override: false },
  ],
};

describe('partnership decoders', () => {
  it('decodes a summary and keeps nulls and unknown stages', () => {
    const s = decodePartnershipSummary({ ...SUMMARY, stage: 'new_stage', stage_label: '', pathway: 9, owner: null, lat: null, blockers: 'x' });
    expect(s.stage).toBe('new_stage');
    expect(s.stage_label).toBe('new_stage');
    expect(s.pathway).toBeNull();
    expect(s.owner).toBeNull();
    expect(s.lat).toBeNull();
    expect(s.blockers).toEqual([]);
  });

  it('refuses a summary without id, unitid or stage', () => {
    expect(() => decodePartnershipSummary({ ...SUMMARY, id: undefined })).toThrow(ApiError);
    expect(() => decodePartnershipSummary({ ...SUMMARY, unitid: 'x' })).toThrow(/partnership\.unitid/);
    expect(() => decodePartnershipSummary({ ...SUMMARY, stage: '' })).toThrow(/partnership\.stage/);
    expect(() => decodePartnershipSummary(null)).toThrow(/Unexpected response/);
  });

  it('decodes the list with its stages', () => {
    const list = decodePartnershipList({ partnerships: [SUMMARY], stages: [{ id: 'identified', label: 'Identified' }, { label: 'x' }] });
    expect(list.partnerships).toHaveLength(1);
    expect(list.partnerships[0]?.owner?.display_name).toBe('Ana Pérez');
    expect(list.stages).toEqual([{ id: 'identified', label: 'Identified' }]);
    expect(() => decodePartnershipList({})).toThrow(ApiError);
  });

  it('decodes a detail in full', () => {
    const d = decodePartnershipDetail(DETAIL);
    expect(d.partnership.id).toBe(7);
    expect(d.can_edit).toBe(true);
    expect(d.outreach[0]?.counts).toBe(false);
    expect(d.outreach[0]?.organisation_id).toBe(2);
    expect(d.evidence[0]?.count).toBe(31);
    expect(d.homes[0]?.features.listserv).toEqual({ present: true, note: 'big list' });
    expect(d.homes[0]?.features.space).toEqual({ present: true, note: '' });
    expect(d.homes[0]?.features.cross_department).toEqual({ present: false, note: '' });
    expect(d.attorneys[0]?.shared_with[0]?.name).toBe('UMass Boston');
    expect(d.investments[0]?.organizer.multilingual).toBe(true);
    expect(d.p2.missing).toEqual(['P2: faculty support']);
    expect(d.answers[0]?.record?.lines).toEqual(['Maria Gómez: 2 counted']);
    expect(d.answers[1]?.public).toBeNull();
    expect(d.answers[1]?.combined).toBe('unknown');
    expect(d.transitions.map((t) => t.to)).toEqual(['support_affirmed', 'paused']);
    expect(d.transitions[1]?.needs_reason).toBe(true);
    expect(d.fee.band?.is_example).toBe(true);
    expect(d.fee.override_usd).toBeNull();
    expect(d.champions[0]?.champion.funding).toBe('can_request');
    expect(d.history[0]?.to_stage).toBe('exploring');
  });

  it('accepts a detail wrapped as {partnership: detail} and fills defaults', () => {
    const d = decodePartnershipDetail({ partnership: { partnership: SUMMARY } });
    expect(d.partnership.unitid).toBe(164988);
    expect(d.outreach).toEqual([]);
    expect(d.q2.first_year_pairs).toBe(7);
    expect(d.q2.growth_pairs).toBe(19);
    expect(d.fee.band).toBeNull();
    expect(d.can_override).toBe(false);
  });

  it('refuses a detail without its partnership', () => {
    expect(() => decodePartnershipDetail({ outreach: [] })).toThrow(/partnership detail/);
  });

  it('decodes an assessment with or without a partnership', () => {
    const a = decodeAssessment({ unitid: 1, name: 'X', partnership: null, answers: DETAIL.answers, fit: 'likely' });
    expect(a.partnership).toBeNull();
    expect(a.answers).toHaveLength(2);
    expect(a.fit).toBe('likely');
    expect(decodeAssessment({ unitid: 1, name: 'X', partnership: SUMMARY, answers: [], fit: 'x' }).partnership?.id).toBe(7);
    expect(() => decodeAssessment({ unitid: 1 })).toThrow(ApiError);
  });

  it('decodes organisations, people and fee bands', () => {
    const orgs = decodeOrganisationList({
      organisations: [{ id: 2, name: 'GBLS', kind: 'legal_service_agency', kind_label: 'Legal service agency', p3: true }],
      kinds: [{ id: 'law_firm', label: 'Law firm', p3: false }, { label: 'no id' }],
    });
    expect(orgs.organisations[0]?.p3).toBe(true);
    expect(orgs.kinds).toEqual([{ id: 'law_firm', label: 'Law firm', p3: false }]);
    expect(decodeOrganisation({ organisation: { id: 3, name: 'Y', kind: 'other' } }).kind_label).toBe('other');
    expect(() => decodeOrganisation({ name: 'no id' })).toThrow(/organisation\.id/);

    const people = decodePeople({ people: [PERSON, { ...PERSON, id: 5, champion: { decision_power: 'maybe' }, email: undefined }] });
    expect(people[0]?.champion.decision_power).toBe('yes');
    expect(people[1]?.champion).toEqual({
      candidate: false,
      decision_power: 'unknown',
      funding: 'unknown',
      work_study: 'unknown',
      undergraduate: false,
    });
    expect(people[1]?.email).toBe('');
    expect(() => decodePerson({})).toThrow(/person/);

    const fees = decodeFeeSchedule({
      bands: [{ id: 1, control: 'public', level: 'four_year', min_undergrad: 0, max_undergrad: null, annual_fee_usd: 3000, label: 'A', is_example: true }],
      examples: true,
    });
    expect(fees.examples).toBe(true);
    expect(fees.bands[0]?.max_undergrad).toBeNull();
    expect(() => decodeFeeSchedule({ examples: true })).toThrow(/fee bands/);
  });

  it('reads the school of a user', () => {
    const base = { id: 1, username: 'ana', role: 'organizer' };
    expect(decodeUser({ ...base, school_unitid: 166638 }).school_unitid).toBe(166638);
    expect(decodeUser({ ...base, school_unitid: null }).school_unitid).toBeNull();
    expect(decodeUser(base).school_unitid).toBeNull();
  });
});

describe('error details', () => {
  it('are read from error.details, strings only', async () => {
    const response = new Response(
      JSON.stringify({
        error: {
          code: 'failed_precondition',
          message: 'The move to Finalizing agreement is refused.',
          details: ['P5: community support is not affirmed', 42, ''],
        },
      }),
      { status: 409 },
    );
    const error = await errorFromResponse(response);
    expect(error.code).toBe('failed_precondition');
    expect(error.details).toEqual(['P5: community support is not affirmed']);
  });

  it('default to an empty list', async () => {
    const error = await errorFromResponse(new Response('oops', { status: 500 }));
    expect(error.details).toEqual([]);
    expect(new ApiError(400, 'invalid_argument', 'x').details).toEqual([]);
  });
});

describe('partnership calls', () => {
  interface Call {
    url: string;
    init: RequestInit;
  }
  let calls: Call[];
  let responses: Response[];
  const json = (status: number, body: unknown) =>
    new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

  beforeEach(() => {
    resetClientStateForTests();
    calls = [];
    responses = [];
    vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
      calls.push({ url, init });
      const next = responses.shift();
      if (next === undefined) throw new TypeError('network down');
      return next;
    });
  });

  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('sends a stage move and surfaces a refusal with its details', async () => {
    responses.push(
      json(409, { error: { code: 'failed_precondition', message: 'Refused.', details: ['P5: community support is not affirmed'] } }),
    );
    const failure = await api.moveStage(7, { to: 'finalizing' }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ApiError);
    expect((failure as ApiError).status).toBe(409);
    expect((failure as ApiError).details).toEqual(['P5: community support is not affirmed']);
    expect(calls[0]?.url).toBe('/api/partnerships/7/stage');
    expect(calls[0]?.init.method).toBe('POST');
    expect(JSON.parse(String(calls[0]?.init.body))).toEqual({ to: 'finalizing' });
  });

  it('uses the record paths and reads the detail back', async () => {
    responses.push(json(201, DETAIL), json(200, DETAIL), json(200, DETAIL));
    await api.addRecord(7, 'outreach', { date: '2025-03-01', kind: 'email', summary: 'Hi' });
    await api.updateRecord(7, 'investments', 21, { status: 'in_place' });
    await api.deleteRecord(7, 'homes', 5);
    expect(calls.map((c) => `${c.init.method} ${c.url}`)).toEqual([
      'POST /api/partnerships/7/records/outreach',
      'PATCH /api/partnerships/7/records/investments/21',
      'DELETE /api/partnerships/7/records/homes/5',
    ]);
  });

  it('reads the detail again when a delete answers 204', async () => {
    responses.push(new Response(null, { status: 204 }), json(200, DETAIL));
    const d = await api.deleteRecord(7, 'evidence', 1);
    expect(d.partnership.id).toBe(7);
    expect(calls[1]?.url).toBe('/api/partnerships/7');
  });

  it('filters people by school and role in the query string', async () => {
    responses.push(json(200, { people: [] }), json(200, { people: [] }));
    await api.people({ unitid: 164988, role: 'attorney' });
    await api.people();
    expect(calls[0]?.url).toBe('/api/people?unitid=164988&role=attorney');
    expect(calls[1]?.url).toBe('/api/people');
  });

  it('replaces the fee schedule with PUT', async () => {
    responses.push(json(200, { bands: [], examples: false }));
    const saved = await api.saveFeeBands([
      { control: 'public', level: 'two_year', min_undergrad: 0, max_undergrad: 4999, annual_fee_usd: 1500, label: 'Small' },
    ]);
    expect(saved.examples).toBe(false);
    expect(calls[0]?.init.method).toBe('PUT');
    expect(JSON.parse(String(calls[0]?.init.body)).bands).toHaveLength(1);
  });

  it('unwraps {person} and {organisation} envelopes', async () => {
    responses.push(json(201, { person: PERSON }), json(200, { organisation: { id: 2, name: 'GBLS', kind: 'x' } }));
    expect((await api.createPerson({ name: 'Dr. Lee', role: 'faculty' })).id).toBe(4);
    expect((await api.updateOrganisation(2, { name: 'GBLS' })).name).toBe('GBLS');
  });
});
