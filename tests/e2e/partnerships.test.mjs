// Browser tests of the partnership pipeline against a real `scij serve` started by
// tests/e2e/run.sh: as the e2e administrator, one pathway-2 partnership is walked from first
// contact to an active program, through the community-support gate (P3-P5), the five key
// questions (Q1-Q5) and the five investments (P6). The tests share state and run in file order
// (node --test --test-concurrency=1); each stays under the 90 s limit of lib.mjs. They need the
// real public data (the school must pass Q1 and Q3 on it) and are skipped without it.
import { after, before, describe, test } from 'node:test';
import {
  accessibilityViolations,
  ADMIN_PASSWORD,
  ADMIN_USER,
  NO_ACCESS_TEXT,
  TEST_TIMEOUT_MS,
  apiStatus,
  assert,
  consoleLog,
  launchBrowser,
  mainNav,
  screenshot,
  signIn,
  strongPassword,
  uniqueName,
  url,
  waitForPath,
  withContext,
} from './lib.mjs';

const HAS_DATA = process.env.SCIJ_E2E_SITE_DATA === '1';
const SKIP_NO_DATA =
  `no public data at ${process.env.SCIJ_E2E_SHARED_DATA || '../shared/data'}: the partnership walk needs a school ` +
  'that passes Q1 and Q3 on the real ACS, Census and IPEDS files (run.sh imports them when present)';
const STUDENT_USER = process.env.SCIJ_STUDENT_USER;
const STUDENT_PASSWORD = process.env.SCIJ_STUDENT_PASSWORD;
/** SCIJ's current programs (P8): not used for the walk, so it never collides with a seed. */
const CURRENT_PARTNERS = new Set([166638, 217156, 168430]);
/** A server answer can take a few seconds on a shared 2-core machine. */
const SLOW_MS = 30_000;

let browser;

/** What the tests build up, in order. */
const state = {
  school: null, // { unitid, name }
  otherSchool: 166638, // the organizer of test 5 is scoped to UMass Boston
  suffix: uniqueName('e2e').slice(4),
  agency: '',
  organizing: '',
  champion: '',
  attorneys: [],
  partnershipId: null,
  organizer: { username: uniqueName('e2e-org'), displayName: 'Olga Organizer', password: strongPassword() },
};

function needState(t, ...keys) {
  for (const key of keys) {
    if (state[key] === null || state[key] === '' || (Array.isArray(state[key]) && state[key].length === 0)) {
      t.skip(`an earlier test did not set up ${key}`);
      return false;
    }
  }
  return true;
}

/**
 * A school near Boston or Worcester that the public data answers well (Q1 met, Q3 at least
 * likely) and that has no partnership yet, chosen through the API as the admin.
 */
async function pickSchool(page) {
  const seen = new Set();
  for (const q of ['Boston', 'Worcester', 'Cambridge', 'Massachusetts']) {
    const list = await apiStatus(page, 'GET', `/api/schools?q=${encodeURIComponent(q)}&limit=100`);
    assert.equal(list.status, 200, `GET /api/schools?q=${q}`);
    for (const s of list.body.schools) {
      if (CURRENT_PARTNERS.has(s.unitid) || seen.has(s.unitid) || s.state !== 'MA') continue;
      seen.add(s.unitid);
      if (seen.size > 60) break;
      const a = await apiStatus(page, 'GET', `/api/schools/${s.unitid}/assessment`);
      if (a.status !== 200 || a.body.partnership !== null) continue;
      const answer = (question) => a.body.answers.find((x) => x.question === question);
      const q1 = answer('Q1')?.public?.status;
      const q3 = answer('Q3')?.public?.status;
      if (q1 === 'met' && (q3 === 'met' || q3 === 'likely')) return { unitid: s.unitid, name: s.name };
    }
  }
  return null;
}

/** Chooses the option of `select` whose text contains `text` (labels add context like the kind). */
async function selectByText(select, text) {
  const option = select.locator('option', { hasText: text }).first();
  const value = await option.getAttribute('value');
  assert.ok(value !== null && value !== '', `an option containing "${text}"`);
  await select.selectOption(value);
}

function status(page, text) {
  return page.getByRole('status').filter({ hasText: text });
}

async function openPartnership(page) {
  await page.goto(url(`/partnerships/${state.partnershipId}`));
  await page.getByRole('heading', { level: 1, name: state.school.name }).waitFor({ timeout: SLOW_MS });
}

/** Adds an outreach entry through the form of the outreach section. */
async function logOutreach(page, kind, organisation, summary) {
  const section = page.getByTestId('section-outreach');
  await section.getByRole('button', { name: 'Add an outreach entry' }).click();
  const form = page.getByRole('form', { name: 'Add an outreach entry' });
  await form.getByLabel('Kind', { exact: true }).selectOption(kind);
  await selectByText(form.getByLabel('Organisation', { exact: true }), organisation);
  await form.getByLabel('Summary', { exact: true }).fill(summary);
  await form.getByRole('button', { name: 'Add entry' }).click();
  await status(page, 'The outreach entry was added.').waitFor({ timeout: SLOW_MS });
  await form.waitFor({ state: 'detached' });
}

/** Moves the partnership through the stage form; returns the alert's text when refused. */
async function moveTo(page, stage, expectAllowed) {
  const form = page.getByRole('form', { name: 'Move to another stage' });
  await form.getByLabel('Move to stage', { exact: true }).selectOption(stage);
  const preview = form.getByTestId('move-preview');
  await preview.waitFor();
  assert.equal(await preview.getAttribute('data-allowed'), String(expectAllowed), `the move to ${stage} is shown as ${expectAllowed ? 'allowed' : 'refused'} before trying: ${await preview.innerText()}`);
  await form.getByRole('button', { name: 'Move', exact: true }).click();
  if (expectAllowed) {
    await page.locator(`[data-testid="current-stage"][data-stage="${stage}"]`).waitFor({ timeout: SLOW_MS });
    return '';
  }
  const alert = form.getByRole('alert');
  await alert.waitFor({ timeout: SLOW_MS });
  return alert.innerText();
}

describe('Partnerships in the browser', { timeout: TEST_TIMEOUT_MS * 12 }, () => {
  before(async () => {
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
  });

  test('1. admin records organisations and people', { timeout: TEST_TIMEOUT_MS }, async (t) => {
    if (!HAS_DATA) {
      t.skip(SKIP_NO_DATA);
      return;
    }
    await withContext(browser, 'partnerships-directory', async (page) => {
      await signIn(page, ADMIN_USER, ADMIN_PASSWORD);
      state.school = await pickSchool(page);
      assert.ok(state.school, 'a Massachusetts school with Q1 met and Q3 at least likely on the public data');

      // Organisations: a legal service agency (P3) and a community organizing group.
      await mainNav(page).getByRole('link', { name: 'Partnerships', exact: true }).click();
      await waitForPath(page, '/partnerships');
      await page.getByRole('heading', { level: 1, name: 'Partnerships' }).waitFor();
      await page.getByRole('navigation', { name: 'Partnerships' }).getByRole('link', { name: 'Organisations' }).click();
      await waitForPath(page, '/partnerships/organisations');
      state.agency = `E2E Legal Aid ${state.suffix}`;
      state.organizing = `E2E Neighbours United ${state.suffix}`;
      for (const [name, kind] of [
        [state.agency, 'legal_service_agency'],
        [state.organizing, 'community_organizing'],
      ]) {
        await page.getByRole('button', { name: 'Add an organisation' }).click();
        const form = page.getByRole('form', { name: 'Add an organisation' });
        await form.getByLabel('Name', { exact: true }).fill(name);
        await form.getByLabel('Kind', { exact: true }).selectOption(kind);
        await form.getByLabel('City', { exact: true }).fill('Boston');
        await form.getByLabel('State', { exact: true }).selectOption('MA');
        await form.getByRole('button', { name: 'Add organisation' }).click();
        await status(page, `${name} was added.`).waitFor();
      }
      const agencyRow = page.getByTestId('organisations-table').getByRole('row').filter({ hasText: state.agency });
      await agencyRow.getByText('Counts', { exact: true }).waitFor();
      await screenshot(page, 'partnerships-01-organisations');

      // People: a champion candidate of the school (Q5) and two attorneys with capacity (Q2.1).
      await page.getByRole('navigation', { name: 'Partnerships' }).getByRole('link', { name: 'People' }).click();
      await waitForPath(page, '/partnerships/people');
      state.champion = `Dr. Champion ${state.suffix}`;
      state.attorneys = [`Attorney Alvarez ${state.suffix}`, `Attorney Baptiste ${state.suffix}`];
      const people = [
        { name: state.champion, role: 'faculty', unitid: String(state.school.unitid), champion: true },
        ...state.attorneys.map((name) => ({ name, role: 'attorney', capacity: '4' })),
      ];
      for (const person of people) {
        await page.getByRole('button', { name: 'Add a person' }).click();
        const form = page.getByRole('form', { name: 'Add a person' });
        await form.getByLabel('Name', { exact: true }).fill(person.name);
        await form.getByLabel('Role', { exact: true }).selectOption(person.role);
        if (person.unitid) await form.getByLabel('School (UNITID)', { exact: true }).fill(person.unitid);
        if (person.capacity) {
          await form.getByLabel('Mentoring capacity (pairs)', { exact: true }).fill(person.capacity);
          await selectByText(form.getByLabel('Organisation', { exact: true }), state.agency);
        }
        if (person.champion) {
          await form.getByLabel('Champion candidate', { exact: true }).check();
          await form.getByLabel('Decision-making power', { exact: true }).selectOption('yes');
          await form.getByLabel('Funding', { exact: true }).selectOption('has');
          await form.getByLabel('Work-study or equivalent position', { exact: true }).selectOption('can_request');
        }
        await form.getByRole('button', { name: 'Add person' }).click();
        await status(page, `${person.name} was added.`).waitFor();
      }
      const championRow = page.getByTestId('people-table').getByRole('row').filter({ hasText: state.champion });
      await championRow.getByText('Meets Q5').waitFor();
      await screenshot(page, 'partnerships-02-people');
    });
  });

  test('2. admin starts a pathway-2 partnership and records interest and a conversation', { timeout: TEST_TIMEOUT_MS }, async (t) => {
    if (!HAS_DATA) {
      t.skip(SKIP_NO_DATA);
      return;
    }
    if (!needState(t, 'school', 'agency')) return;
    await withContext(browser, 'partnerships-start', async (page) => {
      await signIn(page, ADMIN_USER, ADMIN_PASSWORD);
      await page.goto(url('/partnerships'));
      await page.getByRole('button', { name: 'New partnership' }).click();
      const form = page.getByRole('form', { name: 'New partnership' });
      await form.getByLabel('School', { exact: true }).fill(state.school.name);
      await form
        .getByRole('region', { name: 'Matching schools' })
        .getByRole('button', { name: new RegExp(`^Choose ${state.school.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(`) })
        .first()
        .click();
      await form.getByTestId('chosen-school').filter({ hasText: String(state.school.unitid) }).waitFor();
      await form.getByLabel(/^Pathway 2:/).check();
      await form.getByLabel('Initiated by', { exact: true }).fill('Prof. Ruiz, Sociology (e2e)');
      await form.getByLabel('Next step', { exact: true }).fill('Meet the legal aid office');
      await form.getByRole('button', { name: 'Create partnership' }).click();
      await page.waitForURL((u) => /^\/partnerships\/\d+$/.test(u.pathname), { timeout: SLOW_MS });
      state.partnershipId = Number(new URL(page.url()).pathname.split('/').pop());
      await page.getByRole('heading', { level: 1, name: state.school.name }).waitFor();
      assert.equal(await page.getByTestId('current-stage').getAttribute('data-stage'), 'identified');

      // Pathway 2 needs both kinds of evidence (P2): it says so before anything is recorded.
      const p2 = page.getByTestId('p2-status');
      assert.match(await p2.innerText(), /Pathway 2 needs both/);
      for (const evidence of [
        { category: 'student_interest', kind: 'interest_form_signups', count: '30', description: 'Interest form at the activities fair' },
        { category: 'faculty_support', kind: 'advisor_recruited', description: 'Prof. Ruiz agreed to advise' },
      ]) {
        await page.getByTestId('section-evidence').getByRole('button', { name: 'Add evidence' }).click();
        const ev = page.getByRole('form', { name: 'Add evidence' });
        await ev.getByLabel('Category', { exact: true }).selectOption(evidence.category);
        await ev.getByLabel('Kind', { exact: true }).selectOption(evidence.kind);
        if (evidence.count) await ev.getByLabel('Number of sign-ups', { exact: true }).fill(evidence.count);
        await ev.getByLabel('Description', { exact: true }).fill(evidence.description);
        await ev.getByRole('button', { name: 'Add evidence' }).click();
        await status(page, 'The evidence was added.').waitFor({ timeout: SLOW_MS });
        await ev.waitFor({ state: 'detached' });
      }
      await p2.getByText('Student interest shown').waitFor();
      await p2.getByText('Faculty or administration support shown').waitFor();

      // A positive conversation is logged but does not count (P4).
      await logOutreach(page, 'positive_conversation', state.agency, 'Friendly call with the director');
      const entry = page.getByTestId('section-outreach').locator('li.record').first();
      assert.match(await entry.getByTestId('outreach-verdict').innerText(), /^Does not count/);
      assert.equal(await page.getByTestId('community-support').getAttribute('data-affirmed'), 'false');
      await screenshot(page, 'partnerships-03-started');
    });
  });

  test('3. the gate refuses finalizing until a letter from a P3 organisation counts', { timeout: TEST_TIMEOUT_MS }, async (t) => {
    if (!HAS_DATA) {
      t.skip(SKIP_NO_DATA);
      return;
    }
    if (!needState(t, 'partnershipId')) return;
    await withContext(browser, 'partnerships-gate', async (page) => {
      await signIn(page, ADMIN_USER, ADMIN_PASSWORD);
      await openPartnership(page);

      const refusal = await moveTo(page, 'finalizing', false);
      assert.match(refusal, /P5/, `the refusal cites P5: ${refusal}`);
      assert.match(refusal, /community support is not affirmed/i, `the refusal names what is missing: ${refusal}`);
      assert.equal(await page.getByTestId('current-stage').getAttribute('data-stage'), 'identified', 'the stage did not change');
      await screenshot(page, 'partnerships-04-refused');

      await logOutreach(page, 'letter_of_recommendation', state.agency, 'Letter recommending SCIJ to the school');
      const verdicts = await page.getByTestId('section-outreach').getByTestId('outreach-verdict').allInnerTexts();
      assert.ok(verdicts.some((v) => v.startsWith('Counts as community support')), `a counting entry: ${verdicts.join(' | ')}`);
      await page.locator('[data-testid="community-support"][data-affirmed="true"]').waitFor();

      await moveTo(page, 'finalizing', true);
      await status(page, 'Moved to Finalizing agreement.').waitFor();
      const history = page.getByTestId('history-table');
      await history.getByRole('row').filter({ hasText: 'Finalizing agreement' }).first().waitFor();
    });
  });

  test('4. the records answer Q2, Q4 and Q5 and the partnership becomes active', { timeout: TEST_TIMEOUT_MS }, async (t) => {
    if (!HAS_DATA) {
      t.skip(SKIP_NO_DATA);
      return;
    }
    if (!needState(t, 'partnershipId', 'attorneys')) return;
    await withContext(browser, 'partnerships-active', async (page) => {
      await signIn(page, ADMIN_USER, ADMIN_PASSWORD);
      await openPartnership(page);

      // Q4: a confirmed home with staff.
      await page.getByTestId('section-homes').getByRole('button', { name: 'Add a candidate home' }).click();
      const home = page.getByRole('form', { name: 'Add a candidate home' });
      await home.getByLabel('Unit', { exact: true }).fill('Center for Immigration Studies');
      await home.getByLabel('Kind of unit', { exact: true }).selectOption('center');
      await home.getByLabel('Status', { exact: true }).selectOption('confirmed');
      await home.getByLabel('The unit has staff', { exact: true }).check();
      await home.getByLabel('E-mail listserv', { exact: true }).check();
      await home.getByLabel('Space for students to work and meet clients', { exact: true }).check();
      await home.getByRole('button', { name: 'Add home' }).click();
      await status(page, 'The home Center for Immigration Studies was added.').waitFor({ timeout: SLOW_MS });

      // Q2: two attorneys committing 4 pairs each (8 >= 7).
      for (const name of state.attorneys) {
        await page.getByTestId('section-attorneys').getByRole('button', { name: 'Add an attorney commitment' }).click();
        const form = page.getByRole('form', { name: 'Add an attorney commitment' });
        await selectByText(form.getByLabel('Attorney', { exact: true }), name);
        await form.getByLabel('Pairs committed', { exact: true }).fill('4');
        await form.getByLabel('Languages', { exact: true }).fill('Spanish');
        await form.getByRole('button', { name: 'Add commitment' }).click();
        await status(page, 'The attorney commitment was added.').waitFor({ timeout: SLOW_MS });
        await form.waitFor({ state: 'detached' });
      }
      assert.equal((await page.getByTestId('q2-counted').innerText()).trim(), '8');

      // The five questions: every combined answer is good enough to sign, Q5 met.
      const table = page.getByTestId('assessment-table');
      for (const [q, expected] of [
        ['Q1', ['met']],
        ['Q2', ['met']],
        ['Q3', ['met', 'likely']],
        ['Q4', ['met']],
        ['Q5', ['met']],
      ]) {
        const combined = await table.locator(`tr[data-question="${q}"]`).getAttribute('data-combined');
        assert.ok(expected.includes(combined), `${q} combined is ${combined}, expected ${expected.join(' or ')}`);
      }
      await screenshot(page, 'partnerships-05-questions');

      // P6: all five investments in place.
      for (const key of ['a', 'b', 'c', 'd', 'e']) {
        const form = page.getByRole('form', { name: new RegExp(`^\\(${key}\\) `) });
        await form.getByLabel(`Status of (${key})`, { exact: true }).selectOption('in_place');
        await form.getByLabel(`Details of (${key})`, { exact: true }).fill(`In place (e2e ${key})`);
        await form.getByRole('button', { name: `Save (${key})` }).click();
        await page.locator(`li.investment[data-key="${key}"][data-status="in_place"]`).waitFor({ timeout: SLOW_MS });
      }

      await moveTo(page, 'signed', true);
      await moveTo(page, 'launching', true);
      await moveTo(page, 'active', true);
      await status(page, 'Moved to Active.').waitFor();
      await screenshot(page, 'partnerships-06-active');

      // The board shows it in the Active column.
      await page.getByRole('link', { name: '← Back to the pipeline' }).click();
      await waitForPath(page, '/partnerships');
      const active = page.getByTestId('board-column-active');
      await active.getByRole('link', { name: state.school.name, exact: true }).waitFor({ timeout: SLOW_MS });
      assert.equal(await page.getByTestId('board-column-identified').getByRole('link', { name: state.school.name, exact: true }).count(), 0);

      // The table view lists it as active too, and the network map marks it as a partner.
      await page.getByRole('button', { name: 'Table', exact: true }).click();
      const row = page.getByTestId('pipeline-table').getByRole('row').filter({ hasText: state.school.name });
      await row.getByText('Active', { exact: true }).waitFor();
      await page.getByRole('button', { name: 'Network map', exact: true }).click();
      await page
        .getByTestId('network-map')
        .locator(`a.network-map__mark--partner[href="/partnerships/${state.partnershipId}"]`)
        .waitFor({ timeout: SLOW_MS });
      await screenshot(page, 'partnerships-07-board');
    });
  });

  test('5. an organizer of another school gets no access to this partnership', { timeout: TEST_TIMEOUT_MS }, async (t) => {
    if (!HAS_DATA) {
      t.skip(SKIP_NO_DATA);
      return;
    }
    if (!needState(t, 'partnershipId')) return;
    const organizer = state.organizer;
    await withContext(browser, 'partnerships-organizer-setup', async (page) => {
      await signIn(page, ADMIN_USER, ADMIN_PASSWORD);
      await mainNav(page).getByRole('link', { name: 'Admin', exact: true }).click();
      await waitForPath(page, '/admin/users');
      const form = page.getByRole('form', { name: 'Add a user' });
      await form.getByLabel('Username', { exact: true }).fill(organizer.username);
      await form.getByLabel('Display name', { exact: true }).fill(organizer.displayName);
      await form.getByLabel('Role', { exact: true }).selectOption('organizer');
      await form.getByLabel('Initial password', { exact: true }).fill(organizer.password);
      await form.getByRole('button', { name: 'Create user' }).click();
      await status(page, `User ${organizer.username} was created.`).waitFor();
      const row = page.getByRole('row').filter({ hasText: organizer.username });
      await row.getByLabel(`School UNITID for ${organizer.username}`).fill(String(state.otherSchool));
      await row.getByRole('button', { name: `Save school for ${organizer.username}` }).click();
      await status(page, `${organizer.username}’s school is now UNITID ${state.otherSchool}.`).waitFor();
      const users = await apiStatus(page, 'GET', '/api/users');
      assert.equal(users.body.users.find((u) => u.username === organizer.username)?.school_unitid, state.otherSchool);
    });

    await withContext(browser, 'partnerships-organizer', async (page) => {
      await signIn(page, organizer.username, organizer.password);
      await page.goto(url('/partnerships'));
      await page.getByRole('heading', { level: 1, name: 'Partnerships' }).waitFor();
      await page.getByTestId('pipeline').waitFor({ timeout: SLOW_MS });
      assert.equal(await page.getByRole('link', { name: state.school.name, exact: true }).count(), 0, 'not on the board');
      assert.equal(await page.getByRole('button', { name: 'New partnership' }).count(), 0, 'organizers do not start partnerships');

      await page.goto(url(`/partnerships/${state.partnershipId}`));
      await page.getByRole('heading', { level: 1, name: 'Partnership not found' }).waitFor({ timeout: SLOW_MS });
      assert.equal(await page.getByText(state.school.name).count(), 0, 'nothing of the partnership is shown');
      assert.equal(await page.getByRole('form', { name: 'Move to another stage' }).count(), 0);
      const api = await apiStatus(page, 'GET', `/api/partnerships/${state.partnershipId}`);
      assert.equal(api.status, 404, 'the API answers 404, as for a partnership that does not exist');
      await screenshot(page, 'partnerships-08-organizer-refused');
    });
  });

  test('6. students have no access to the partnership pages', { timeout: TEST_TIMEOUT_MS }, async (t) => {
    if (!STUDENT_USER || !STUDENT_PASSWORD) {
      t.skip('no student account (run the tests through tests/e2e/run.sh)');
      return;
    }
    await withContext(browser, 'partnerships-student', async (page) => {
      await signIn(page, STUDENT_USER, STUDENT_PASSWORD);
      for (const path of ['/partnerships', '/partnerships/organisations', '/partnerships/people', '/partnerships/fees', '/partnerships/1']) {
        await page.goto(url(path));
        await page.getByRole('heading', { level: 1, name: NO_ACCESS_TEXT }).waitFor();
        assert.equal(await page.getByRole('table').count(), 0, `no data on ${path}`);
      }
      const list = await apiStatus(page, 'GET', '/api/partnerships');
      assert.equal(list.status, 403, 'GET /api/partnerships as a student');
    });
  });

  test('fee schedule: the example bands are labelled and the administrator can edit them', { timeout: TEST_TIMEOUT_MS }, async () => {
    await withContext(browser, 'partnerships-fees', async (page) => {
      await signIn(page, ADMIN_USER, ADMIN_PASSWORD);
      await page.goto(url('/partnerships/fees'));
      await page.getByRole('heading', { level: 1, name: 'Fee schedule' }).waitFor();
      await page.getByTestId('fee-table').or(page.getByText('No bands')).first().waitFor();
      const examples = await apiStatus(page, 'GET', '/api/fee-bands');
      assert.equal(examples.status, 200);
      if (examples.body.examples) await page.getByTestId('fee-examples').waitFor();
      await page.getByRole('button', { name: 'Edit the schedule' }).click();
      const form = page.getByRole('form', { name: 'Edit the fee schedule' });
      await form.waitFor();
      await screenshot(page, 'partnerships-09-fees-editor');
      // Cancel: the shipped schedule stays as it is for the other tests.
      await form.getByRole('button', { name: 'Cancel' }).click();
      await page.getByRole('button', { name: 'Edit the schedule' }).waitFor();
    });
  });

  test('accessibility: no serious axe-core violations on the partnership pages', { timeout: TEST_TIMEOUT_MS * 2 }, async () => {
    const found = [];
    async function check(page, name) {
      for (const line of await accessibilityViolations(page)) found.push(`${name}: ${line}`);
    }
    await withContext(browser, 'partnerships-accessibility', async (page) => {
      await signIn(page, ADMIN_USER, ADMIN_PASSWORD);
      await page.goto(url('/partnerships'));
      await page.getByTestId('pipeline').waitFor({ timeout: SLOW_MS });
      await check(page, 'pipeline board');
      await page.getByRole('button', { name: 'New partnership' }).click();
      await page.getByRole('form', { name: 'New partnership' }).getByRole('button', { name: 'Create partnership' }).click();
      await page.getByText('Choose the school: type part of its name').waitFor();
      await check(page, 'new partnership form with errors');
      await page.getByRole('button', { name: 'Table', exact: true }).click();
      await check(page, 'pipeline table');
      if (state.partnershipId !== null) {
        await openPartnership(page);
        await page.getByTestId('section-outreach').getByRole('button', { name: 'Add an outreach entry' }).click();
        await check(page, 'partnership page');
      }
      await page.goto(url('/partnerships/organisations'));
      await page.getByRole('heading', { level: 2, name: /All organisations/ }).waitFor();
      await check(page, 'organisations');
      await page.goto(url('/partnerships/people'));
      await page.getByRole('heading', { level: 2, name: /Everyone/ }).waitFor();
      await page.getByRole('button', { name: 'Add a person' }).click();
      await check(page, 'people');
      await page.goto(url('/partnerships/fees'));
      await page.getByRole('heading', { level: 2, name: /Bands/ }).waitFor();
      await check(page, 'fee schedule');
    });
    await withContext(browser, 'partnerships-accessibility-mobile', async (page) => {
      await page.setViewportSize({ width: 390, height: 844 });
      await signIn(page, ADMIN_USER, ADMIN_PASSWORD);
      await page.goto(url('/partnerships'));
      await page.getByTestId('pipeline').waitFor({ timeout: SLOW_MS });
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(width <= 390, `no horizontal page scrolling on a phone (page is ${width}px wide)`);
      if (state.partnershipId !== null) {
        await openPartnership(page);
        const w = await page.evaluate(() => document.documentElement.scrollWidth);
        assert.ok(w <= 390, `the partnership page fits a phone (page is ${w}px wide)`);
        await screenshot(page, 'partnerships-10-mobile');
      }
    });
    assert.deepEqual(found, [], `accessibility violations:\n${found.join('\n')}`);
  });

  test('no Content-Security-Policy violations or page errors on the partnership pages', { timeout: TEST_TIMEOUT_MS }, async () => {
    const mine = consoleLog.filter((entry) => entry.test.startsWith('partnerships-'));
    const violations = mine.filter((entry) => /content security policy/i.test(entry.text));
    assert.deepEqual(violations, [], `CSP violations:\n${JSON.stringify(violations, null, 2)}`);
    const pageErrors = mine.filter((entry) => entry.type === 'pageerror');
    assert.deepEqual(pageErrors, [], `uncaught page errors:\n${JSON.stringify(pageErrors, null, 2)}`);
  });
});
