// Browser tests of site selection (screen, school page, planner, data page) against a real
// `scij serve` started by tests/e2e/run.sh. Most tests need the real public data, which run.sh
// imports from ../shared/data when it is there; without it they are skipped with a message,
// and the "no data yet" explanation is tested instead. The last test checks that no page of
// this file reported a Content-Security-Policy violation or an uncaught error.
import { after, before, describe, test } from 'node:test';
import { readFile } from 'node:fs/promises';
import {
  accessibilityViolations,
  ADMIN_PASSWORD,
  ADMIN_USER,
  TEST_TIMEOUT_MS,
  assert,
  consoleLog,
  launchBrowser,
  screenshot,
  signIn,
  url,
  withContext,
} from './lib.mjs';

const HAS_DATA = process.env.SCIJ_E2E_SITE_DATA === '1';
const SKIP_NO_DATA =
  `no public data at ${process.env.SCIJ_E2E_SHARED_DATA || '../shared/data'}: ` +
  'this site-selection test needs the real ACS, Census and IPEDS files (run.sh imports them when present)';
const STUDENT_USER = process.env.SCIJ_STUDENT_USER;
const STUDENT_PASSWORD = process.env.SCIJ_STUDENT_PASSWORD;
const STATUSES = ['met', 'likely', 'unknown', 'not_met'];
const STATUS_LABELS = ['Met', 'Likely', 'Unknown', 'Not met'];
/** The screen of every institution can take a while on a shared 2-core machine. */
const SCREEN_TIMEOUT_MS = 45_000;

let browser;

/** RFC 4180 CSV (quoted cells, doubled quotes, CRLF) into rows of cells. */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' || c === '\n') {
      if (c === '\r' && text[i + 1] === '\n') i += 1;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += c;
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

async function downloadedText(download) {
  return (await readFile(await download.path(), 'utf8')).replace(/^\ufeff/, '');
}

/** Waits until the screen shows the answer for `radius` miles and is no longer updating. */
async function screenReady(page, radius) {
  const summary = page.getByTestId('summary-counts');
  await summary.filter({ hasText: `${radius} mi reach` }).waitFor({ timeout: SCREEN_TIMEOUT_MS });
  await page.locator('[data-testid="results"][data-loading="false"]').waitFor({ timeout: SCREEN_TIMEOUT_MS });
  await page.locator('[data-testid="screen-table"] tbody tr').first().waitFor({ timeout: SCREEN_TIMEOUT_MS });
}

/** The table's rows as shown: rank, UNITID, school name and the immigrants-in-reach cell. */
async function tableRows(page) {
  return page.locator('[data-testid="screen-table"] tbody tr').evaluateAll((trs) =>
    trs.map((tr) => ({
      rank: tr.getAttribute('data-rank'),
      unitid: tr.getAttribute('data-unitid'),
      name: tr.querySelector('th a')?.textContent?.trim() ?? '',
      reach: tr.querySelector('.cell-reach')?.textContent?.trim() ?? '',
    })),
  );
}

async function csrfToken(page) {
  const response = await page.request.get(url('/api/auth/me'));
  assert.equal(response.status(), 200);
  return (await response.json()).csrf_token;
}

describe('Site selection in the browser', { timeout: TEST_TIMEOUT_MS * 12 }, () => {
  before(async () => {
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
  });

  test('without data: the screen explains that nothing is imported yet', { timeout: TEST_TIMEOUT_MS }, async (t) => {
    if (HAS_DATA) {
      t.skip('public data is imported in this run; the "no data" explanation is not shown');
      return;
    }
    await withContext(browser, 'site-no-data', async (page) => {
      await signIn(page, ADMIN_USER, ADMIN_PASSWORD);
      await page.goto(url('/site-selection'));
      const notice = page.getByTestId('no-data');
      await notice.waitFor();
      assert.match(await notice.innerText(), /No public data has been imported yet/);
      await notice.getByRole('link', { name: /Data page/ }).waitFor();
      await screenshot(page, 'site-00-no-data');
    });
  });

  test('a. changing the radius changes the ranking', { timeout: TEST_TIMEOUT_MS * 2 }, async (t) => {
    if (!HAS_DATA) {
      t.skip(SKIP_NO_DATA);
      return;
    }
    await withContext(browser, 'site-radius-ranking', async (page) => {
      await signIn(page, ADMIN_USER, ADMIN_PASSWORD);
      await page.goto(url('/site-selection'));
      await page.getByRole('heading', { level: 1, name: 'Site selection' }).waitFor();
      await screenReady(page, 25);
      await page.getByTestId('us-map').locator('.us-map__point').first().waitFor();
      assert.match(await page.getByTestId('reach-model').innerText(), /\S/, 'the reach model is named');
      assert.match(await page.getByTestId('sources').innerText(), /Data:/, 'the data sets are named');
      await screenshot(page, 'site-01-screen-25mi');

      const radius = page.getByLabel('Reach radius (miles)', { exact: true });
      await radius.fill('10');
      await screenReady(page, 10);
      const at10 = (await tableRows(page)).slice(0, 10);
      assert.match(new URL(page.url()).search, /radius=10/, 'the address carries the radius');

      await radius.fill('50');
      await screenReady(page, 50);
      const at50 = (await tableRows(page)).slice(0, 10);
      await screenshot(page, 'site-02-screen-50mi');

      assert.equal(at10.length, 10);
      assert.equal(at50.length, 10);
      assert.notDeepEqual(
        at50.map((r) => `${r.unitid}:${r.reach}`),
        at10.map((r) => `${r.unitid}:${r.reach}`),
        'the top of the ranking (schools and their reach) differs between 10 and 50 miles',
      );
      assert.deepEqual(
        at50.map((r) => r.rank),
        ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10'],
        'the table shows the ranking in rank order',
      );

      // Hovering a school on the map shows its summary.
      await page.getByTestId('us-map').locator('.us-map__point--met').first().hover({ force: true });
      const summary = page.getByTestId('map-summary');
      await summary.getByText('Undergraduates').waitFor();
      await summary.getByText(/Immigrants within 50 mi/).waitFor();

      // Keyboard: the map is one tab stop; arrows move between schools.
      await page.getByTestId('us-map').focus();
      await page.keyboard.press('ArrowRight');
      await summary.getByText(/Immigrants within 50 mi/).waitFor();
    });
  });

  test('b. a school page shows all five questions with statuses and sentences', { timeout: TEST_TIMEOUT_MS * 2 }, async (t) => {
    if (!HAS_DATA) {
      t.skip(SKIP_NO_DATA);
      return;
    }
    await withContext(browser, 'site-school-page', async (page) => {
      await signIn(page, ADMIN_USER, ADMIN_PASSWORD);
      await page.goto(url('/site-selection?radius=30'));
      await screenReady(page, 30);
      const [first] = await tableRows(page);
      await page.locator('[data-testid="screen-table"] tbody tr').first().locator('th a').click();
      await page.waitForURL((u) => u.pathname === `/site-selection/schools/${first.unitid}`);
      assert.match(new URL(page.url()).search, /radius=30/, 'the thresholds are carried to the school page');
      await page.getByRole('heading', { level: 1, name: first.name }).waitFor({ timeout: SCREEN_TIMEOUT_MS });

      for (const q of ['Q1', 'Q2', 'Q3', 'Q4', 'Q5']) {
        const card = page.getByTestId(`answer-${q}`);
        await card.waitFor();
        const status = await card.getAttribute('data-status');
        assert.ok(STATUSES.includes(status), `${q} has a status (${status})`);
        const badge = await card.locator('.answer-card__header .badge').innerText();
        assert.ok(STATUS_LABELS.includes(badge.trim()), `${q} shows its status badge (${badge})`);
        const sentence = (await page.getByTestId(`answer-${q}-sentence`).innerText()).trim();
        assert.ok(sentence.length > 10, `${q} has a sentence: "${sentence}"`);
        assert.notEqual(sentence, 'The server gave no answer for this question.', `${q} is answered by the server`);
        assert.match(await card.getByRole('heading', { level: 3 }).innerText(), new RegExp(`^${q}\\b`));
      }
      assert.match(await page.getByTestId('fit-sentence').innerText(), /\S/);
      await page.getByText(/30-mile reach/).first().waitFor();
      await page.getByRole('img', { name: /counties within 30 miles/ }).waitFor();
      await screenshot(page, 'site-03-school');

      await page.getByRole('link', { name: '← Back to the screen' }).click();
      await page.waitForURL((u) => u.pathname === '/site-selection' && /radius=30/.test(u.search));
      await screenReady(page, 30);
    });
  });

  test('c. CSV export downloads exactly the visible rows', { timeout: TEST_TIMEOUT_MS * 2 }, async (t) => {
    if (!HAS_DATA) {
      t.skip(SKIP_NO_DATA);
      return;
    }
    await withContext(browser, 'site-csv-export', async (page) => {
      await signIn(page, ADMIN_USER, ADMIN_PASSWORD);
      await page.goto(url('/site-selection'));
      await screenReady(page, 25);

      // Sort by undergraduates (a header button, announced through aria-sort) and go to page 2.
      const header = page.getByRole('columnheader', { name: /Undergrads/ });
      await header.getByRole('button').click();
      assert.equal(await header.getAttribute('aria-sort'), 'descending');
      await header.getByRole('button').press('Enter'); // keyboard works too: flips the order
      assert.equal(await header.getAttribute('aria-sort'), 'ascending');
      await header.getByRole('button').click();
      assert.equal(await header.getAttribute('aria-sort'), 'descending');
      assert.equal(await page.getByRole('columnheader', { name: /Rank/ }).getAttribute('aria-sort'), null);
      await page.getByRole('button', { name: 'Next page' }).click();
      await page.getByTestId('pager-text').filter({ hasText: /^Rows 101–/ }).waitFor();

      const rows = await tableRows(page);
      assert.equal(rows.length, 100, 'a page holds 100 rows');
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Export CSV' }).click(),
      ]);
      assert.equal(download.suggestedFilename(), 'site-selection.csv');
      const csv = parseCsv(await downloadedText(download));
      const [head, ...data] = csv;
      assert.deepEqual(head.slice(0, 5), ['rank', 'unitid', 'school', 'city', 'state']);
      assert.equal(data.length, rows.length, 'one CSV line per visible row');
      data.forEach((line, i) => {
        assert.equal(line[0], rows[i].rank, `line ${i + 2}: rank`);
        assert.equal(line[1], rows[i].unitid, `line ${i + 2}: unitid`);
        assert.equal(line[2].replace(/^'/, ''), rows[i].name, `line ${i + 2}: school`);
      });
      const undergrads = data.map((line) => line[head.indexOf('undergrad')]).filter((v) => v !== '').map(Number);
      assert.deepEqual(undergrads, [...undergrads].sort((a, b) => b - a), 'the CSV keeps the table order');
      await page.getByRole('status').filter({ hasText: 'Exported 100 rows as CSV.' }).waitFor();
    });
  });

  test('d. the planner shows K picks on the map and in the table', { timeout: TEST_TIMEOUT_MS * 2 }, async (t) => {
    if (!HAS_DATA) {
      t.skip(SKIP_NO_DATA);
      return;
    }
    await withContext(browser, 'site-planner', async (page) => {
      await signIn(page, ADMIN_USER, ADMIN_PASSWORD);
      await page.goto(url('/site-selection'));
      await page.getByRole('navigation', { name: 'Site selection' }).getByRole('link', { name: 'Planner' }).click();
      await page.waitForURL((u) => u.pathname === '/site-selection/plan');
      await page.getByRole('heading', { level: 1, name: 'Planner' }).waitFor();

      const partners = page.getByRole('list', { name: 'Current partners' }).getByRole('listitem');
      assert.equal(await partners.count(), 3, 'SCIJ’s three current programs are the default partners');

      await page.getByLabel('Schools to add (K)', { exact: true }).fill('5');
      const rows = page.locator('[data-testid="plan-table"] tbody tr');
      await page.waitForFunction(
        () => document.querySelectorAll('[data-testid="plan-table"] tbody tr').length === 5,
        null,
        { timeout: SCREEN_TIMEOUT_MS },
      );
      assert.equal(await rows.count(), 5);
      const picks = page.getByTestId('us-map').locator('.us-map__pick');
      await page.waitForFunction(() => document.querySelectorAll('[data-testid="us-map"] .us-map__pick').length === 5, null, {
        timeout: SCREEN_TIMEOUT_MS,
      });
      assert.deepEqual(await picks.locator('text').allTextContents(), ['1', '2', '3', '4', '5']);
      assert.equal(await page.getByTestId('us-map').locator('.us-map__partner').count(), 3, 'partners are marked');
      const orders = await rows.locator('td:first-child').allInnerTexts();
      assert.deepEqual(orders, ['1', '2', '3', '4', '5']);
      assert.match(await page.getByTestId('approximation').innerText(), /\S/, 'the approximation note is shown');
      await screenshot(page, 'site-04-planner');

      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Export CSV' }).click(),
      ]);
      const csv = parseCsv(await downloadedText(download));
      assert.equal(csv.length, 6, 'a header and one line per pick');
      assert.equal(csv[0][0], 'order');

      // Partners: remove one (the plan is recomputed), then add it back through the search.
      await page.getByRole('button', { name: 'Remove Worcester State University' }).click();
      await page.waitForFunction(() => document.querySelectorAll('[data-testid="us-map"] .us-map__partner').length === 2, null, {
        timeout: SCREEN_TIMEOUT_MS,
      });
      assert.doesNotMatch(new URL(page.url()).search, /168430/);
      await page.getByLabel('Add a partner', { exact: true }).fill('Worcester State');
      await page.getByRole('button', { name: /^Add Worcester State University/ }).click();
      await page.waitForFunction(() => document.querySelectorAll('[data-testid="us-map"] .us-map__partner').length === 3, null, {
        timeout: SCREEN_TIMEOUT_MS,
      });
      assert.match(new URL(page.url()).search, /168430/);
    });
  });

  test('e. a student can open the screen but not the Data upload form', { timeout: TEST_TIMEOUT_MS * 2 }, async (t) => {
    if (!STUDENT_USER || !STUDENT_PASSWORD) {
      t.skip('no student account (run the tests through tests/e2e/run.sh)');
      return;
    }
    await withContext(browser, 'site-student', async (page) => {
      await signIn(page, STUDENT_USER, STUDENT_PASSWORD);
      await page.goto(url('/site-selection'));
      await page.getByRole('heading', { level: 1, name: 'Site selection' }).waitFor();
      if (HAS_DATA) {
        await screenReady(page, 25);
      } else {
        const notice = page.getByTestId('no-data');
        await notice.waitFor();
        assert.equal(await notice.getByRole('link').count(), 0, 'no import link for a student');
      }

      await page.getByRole('navigation', { name: 'Site selection' }).getByRole('link', { name: 'Data' }).click();
      await page.waitForURL((u) => u.pathname === '/site-selection/data');
      await page.getByRole('heading', { level: 2, name: 'Data sets' }).waitFor();
      if (HAS_DATA) await page.getByTestId('datasets-table').waitFor();
      await page.getByRole('heading', { level: 2, name: /Legal resources/ }).waitFor();
      assert.equal(await page.getByRole('form', { name: 'Import data files' }).count(), 0, 'no upload form');
      assert.equal(await page.locator('input[type="file"]').count(), 0, 'no file inputs');
      assert.equal(await page.getByRole('button', { name: /^Delete / }).count(), 0, 'no delete buttons');
      await screenshot(page, 'site-05-data-student');

      // The server refuses the import too (a real role check: the CSRF token is valid).
      const token = await csrfToken(page);
      const refused = await page.request.fetch(url('/api/datasets/import?name=x.csv'), {
        method: 'POST',
        headers: { 'X-CSRF-Token': token, 'Content-Type': 'application/octet-stream' },
        data: Buffer.from('UNITID,INSTNM\n1,X\n'),
      });
      assert.equal(refused.status(), 403, 'POST /api/datasets/import as a student');
      assert.equal((await refused.json()).error?.code, 'permission_denied');
    });
  });

  test('data page: staff tools for data files and legal resources', { timeout: TEST_TIMEOUT_MS * 2 }, async () => {
    await withContext(browser, 'site-data-admin', async (page) => {
      await signIn(page, ADMIN_USER, ADMIN_PASSWORD);
      await page.goto(url('/site-selection/data'));
      await page.getByRole('heading', { level: 1, name: 'Site selection data' }).waitFor();
      if (HAS_DATA) {
        const table = page.getByTestId('datasets-table');
        await table.waitFor();
        assert.ok((await table.locator('tbody tr').count()) >= 3, 'the imported data sets are listed');
      }

      // A file the server cannot read: the upload shows its progress and the server's message.
      const form = page.getByRole('form', { name: 'Import data files' });
      await form.getByLabel('Files').setInputFiles({
        name: 'not-a-data-file.txt',
        mimeType: 'text/plain',
        buffer: Buffer.from('this is not a data file\nat all\n'),
      });
      await form.getByRole('button', { name: 'Upload and import' }).click();
      const item = page.getByTestId('upload-item').filter({ hasText: 'not-a-data-file.txt' });
      await item.getByText('Failed', { exact: true }).waitFor();
      assert.match(await item.locator('.field__error').innerText(), /\S/, 'the server’s reason is shown');
      await page.getByRole('status').filter({ hasText: '0 of 1 file imported, 1 failed.' }).waitFor();

      // Legal resources: import one row from pasted CSV, see it listed, delete it.
      const name = `E2E Legal Aid ${Date.now().toString(36)}`;
      await page
        .getByLabel('Or paste CSV', { exact: true })
        .fill(`kind,name,city,state,lat,lon,source\nlegal_service_org,${name},Boston,MA,42.3601,-71.0589,e2e test\n`);
      await page.getByRole('button', { name: 'Import CSV' }).click();
      await page.getByRole('status').filter({ hasText: 'Imported 1 legal resource.' }).waitFor();
      const row = page.getByTestId('legal-table').getByRole('row').filter({ hasText: name });
      await row.waitFor();
      await screenshot(page, 'site-06-data-admin');
      await row.getByRole('button', { name: `Delete ${name}` }).click();
      await page.getByRole('status').filter({ hasText: `Deleted ${name}.` }).waitFor();
      assert.equal(await page.getByTestId('legal-table').getByRole('row').filter({ hasText: name }).count(), 0);

      // A bad CSV: the server names the line and field.
      await page.getByLabel('Or paste CSV', { exact: true }).fill('kind,name,city,state,lat,lon,source\nspaceship,X,Y,MA,1,2,s\n');
      await page.getByRole('button', { name: 'Import CSV' }).click();
      await page.getByRole('alert').filter({ hasText: /\S/ }).first().waitFor();
    });
  });

  test('accessibility: no serious axe-core violations on the site-selection pages', { timeout: TEST_TIMEOUT_MS * 3 }, async () => {
    const found = [];
    async function check(page, name) {
      for (const line of await accessibilityViolations(page)) found.push(`${name}: ${line}`);
    }
    await withContext(browser, 'site-accessibility', async (page) => {
      await signIn(page, ADMIN_USER, ADMIN_PASSWORD);
      await page.goto(url('/site-selection'));
      if (HAS_DATA) {
        await screenReady(page, 25);
        await page.locator('[data-testid="screen-table"] details summary').first().click(); // a "why" line
      } else {
        await page.getByTestId('no-data').waitFor();
      }
      await check(page, 'screen');
      if (HAS_DATA) {
        const [first] = await tableRows(page);
        await page.goto(url(`/site-selection/schools/${first.unitid}`));
        await page.getByTestId('answer-Q5').waitFor({ timeout: SCREEN_TIMEOUT_MS });
        await check(page, 'school');
        await page.goto(url('/site-selection/plan'));
        await page.locator('[data-testid="plan-table"] tbody tr').first().waitFor({ timeout: SCREEN_TIMEOUT_MS });
        await check(page, 'planner');
      }
      await page.goto(url('/site-selection/data'));
      await page.getByRole('heading', { level: 2, name: /Legal resources/ }).waitFor();
      await check(page, 'data');
    });
    await withContext(browser, 'site-accessibility-mobile', async (page) => {
      await page.setViewportSize({ width: 390, height: 844 });
      await signIn(page, ADMIN_USER, ADMIN_PASSWORD);
      await page.goto(url('/site-selection'));
      if (HAS_DATA) await screenReady(page, 25);
      else await page.getByTestId('no-data').waitFor();
      await screenshot(page, 'site-07-screen-mobile');
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(width <= 390, `no horizontal page scrolling on a phone (page is ${width}px wide)`);
      if (HAS_DATA) {
        const box = await page.getByTestId('us-map').boundingBox();
        assert.ok(box !== null && box.width <= 390 && box.width > 250, `the map fits the screen (${box?.width}px)`);
      }
    });
    assert.deepEqual(found, [], `accessibility violations:\n${found.join('\n')}`);
  });

  test('no Content-Security-Policy violations or page errors on the site-selection pages', { timeout: TEST_TIMEOUT_MS }, async () => {
    const violations = consoleLog.filter((entry) => /content security policy/i.test(entry.text));
    assert.deepEqual(violations, [], `CSP violations:\n${JSON.stringify(violations, null, 2)}`);
    const pageErrors = consoleLog.filter((entry) => entry.type === 'pageerror');
    assert.deepEqual(pageErrors, [], `uncaught page errors:\n${JSON.stringify(pageErrors, null, 2)}`);
  });
});
