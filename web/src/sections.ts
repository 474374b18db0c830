// The four capability areas of SCIJ Network and what each holds or will hold. The text restates
// the domain specification (DOMAIN.md, sections 1 to 4); nothing here is data. Sections marked
// `available` have working pages; the others describe what a later release will add.

export interface SectionInfo {
  path: string;
  title: string;
  /** One sentence for the navigation overview. */
  summary: string;
  /** A short paragraph at the top of the section page. */
  intro: string;
  /** What the section will hold, one item per capability. */
  willHold: readonly string[];
  /** Who will mainly use it. */
  audience: string;
  /** True once the section has working pages (its route is then not the "coming later" page). */
  available?: boolean;
}

export const SECTIONS: readonly SectionInfo[] = [
  {
    path: '/site-selection',
    title: 'Site selection',
    summary: 'Screen US colleges against SCIJ’s five key questions to find where a new program fits.',
    available: true,
    intro:
      'Every US college will be screened against the five key questions SCIJ asks before ' +
      'partnering with a school. Each answer will be met, likely, unknown or not met, shown ' +
      'with the evidence and the data source behind it, so anyone can see why.',
    willHold: [
      'Need for legal services: the immigrant population around the school (county, metro area ' +
        'or a radius, 25 miles by default), against the baseline of 90,000 immigrants, and how ' +
        'many of them are within the school’s reach.',
      'Enough attorneys: partner attorneys’ mentoring capacity compared with 7 student pairs in ' +
        'the first year and 19 at full size, without counting capacity already committed to ' +
        'another program.',
      'Enough interested students: undergraduate enrollment (4,000 to 5,000 or more), the focus ' +
        'of the school and evidence of student interest.',
      'A home on campus and a champion with decision-making power, recorded from conversations ' +
        'with the school.',
      'Rankings by reach rather than metro size alone, so a school in the middle of a ' +
        'medium-sized immigrant population is not hidden behind one on the edge of a large ' +
        'metro area.',
    ],
    audience: 'SCIJ national staff and expansion directors.',
  },
  {
    path: '/partnerships',
    title: 'Partnerships',
    summary: 'Follow each school from first contact to an active program: community support, the five questions and the five investments.',
    available: true,
    intro:
      'Each prospective partner school has a record that follows it from first contact to a ' +
      'working program: how the conversation started, who is involved, whether the community ' +
      'supports SCIJ coming, and what the school has put in place.',
    willHold: [
      'A pipeline board, table and network map from “Identified” to “Active”, with what blocks ' +
        'each school’s next stage, and a CSV export.',
      'The pathway that started it: SCIJ identified the school; a student, administrator or ' +
        'faculty member contacted SCIJ; or an organisation, attorney or community member did.',
      'An outreach log of community support. Only letters of recommendation, formal ' +
        'partnerships and written requests from immigrant-serving organisations count as ' +
        'affirmation; positive conversations, neutral comments and non-responses do not.',
      'Gates checked on every move: a partnership cannot move to finalizing an agreement until ' +
        'community support is affirmed, and the app says what is missing before anyone tries.',
      'The five key questions completed from the record (attorney capacity, a home on campus, ' +
        'a champion), and the five key investments tracked until all are in place.',
      'A sliding-scale fee schedule, editable by administrators, that proposes a school’s ' +
        'membership fee from its size and type.',
    ],
    audience: 'SCIJ staff, campus champions and campus organizers.',
  },
  {
    path: '/clinic',
    title: 'Clinic',
    summary: 'Training cohorts, student pairs matched with partner attorneys, and asylum cases.',
    intro:
      'The clinic section will support the legal work itself: training each fall’s cohort, ' +
      'pairing trained students with partner immigration attorneys, and running asylum cases ' +
      'from intake to decision. Client information will be the most protected data in the system.',
    willHold: [
      'Training cohorts of 10 to 15 students each fall in the Law & Immigration Training ' +
        'Program, and progress towards DOJ accreditation.',
      'Student pairs matched with partner attorneys by mentoring capacity, languages clients ' +
        'need, and in-person or remote availability.',
      'Cases from intake through case development, filing and proceedings to a decision, with ' +
        'attorney checkpoints that need the attorney’s sign-off before a case moves on.',
      'Legal deadlines computed and shown with the rule that produced them, above all the ' +
        'one-year asylum filing deadline.',
      'Remote services provided through partner organisations, recorded separately from direct ' +
        'representation.',
    ],
    audience: 'Students, partner attorneys and SCIJ program staff.',
  },
  {
    path: '/organizing',
    title: 'Organizing',
    summary: 'Campaigns, events and testimony with clients, immigrant communities and campuses.',
    intro:
      'Programs organize clients and immigrant communities for change on local issues and on ' +
      'state and federal policy. This section will record that work and what came of it.',
    willHold: [
      'Campaigns on local, state and federal issues.',
      'Trainings for people giving testimony, forums and workshops.',
      'Campus engagement: events, workshops and joint initiatives with partner schools.',
      'Who took part and the outcomes, for example testimonies given.',
    ],
    audience: 'Campus organizers, students and SCIJ staff.',
  },
];

export function sectionForPath(path: string): SectionInfo | undefined {
  return SECTIONS.find((section) => section.path === path);
}
