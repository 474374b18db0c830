// Browser tests of sign-in, the app shell, user administration and the session, against a
// real `scij serve` started by tests/e2e/run.sh. Tests in this file run in order; each uses
// a new browser context (its own cookies). The last test checks that no page of the whole run
// reported a Content-Security-Policy violation.
import { after, before, describe, test } from 'node:test';
import { readFile } from 'node:fs/promises';
import {
  accessibilityViolations,
  ADMIN_PASSWORD,
  ADMIN_USER,
  NO_ACCESS_TEXT,
  SESSION_EXPIRED_TEXT,
  TEST_TIMEOUT_MS,
  apiStatus,
  assert,
  consoleLog,
  launchBrowser,
  loginForm,
  mainNav,
  screenshot,
  signIn,
  strongPassword,
  uniqueName,
  url,
  waitForPath,
  withContext,
} from './lib.mjs';

const SECTIONS = [
  { path: '/site-selection', title: 'Site selection', available: true },
  { path: '/partnerships', title: 'Partnerships', available: true },
  { path: '/clinic', title: 'Clinic' },
  { path: '/organizing', title: 'Organizing' },
];

let browser;

/** A staff user created through the admin UI in test 3 and reused by later tests. */
const staff = {
  username: uniqueName('e2e-staff'),
  displayName: 'Esperanza Staff',
  password: strongPassword(),
};

/** Signs in as admin, opens Admin from the navigation, and creates a user through the form. */
async function createUserThroughUi(page, user, role) {
  await mainNav(page).getByRole('link', { name: 'Admin', exact: true }).click();
  await waitForPath(page, '/admin/users');
  await page.getByRole('heading', { level: 1, name: 'Users' }).waitFor();
  const form = page.getByRole('form', { name: 'Add a user' });
  await form.getByLabel('Username', { exact: true }).fill(user.username);
  await form.getByLabel('Display name', { exact: true }).fill(user.displayName);
  await form.getByLabel('Role', { exact: true }).selectOption(role);
  await form.getByLabel('Initial password', { exact: true }).fill(user.password);
  await form.getByRole('button', { name: 'Create user' }).click();
  await page.getByRole('status').filter({ hasText: `User ${user.username} was created.` }).waitFor();
  await page.getByRole('row').filter({ hasText: user.username }).waitFor();
}

describe('SCIJ Network in the browser', { timeout: TEST_TIMEOUT_MS * 12 }, () => {
  before(async () => {
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
  });

  test('1. admin signs in and sees the app shell', { timeout: TEST_TIMEOUT_MS }, async () => {
    await withContext(browser, 'admin-signs-in', async (page) => {
      const response = await page.goto(url('/'));
      assert.ok(response, 'no response for /');
      await waitForPath(page, '/login');
      const form = loginForm(page);
      await form.heading.waitFor();
      await screenshot(page, '01-login');

      await form.username.fill(ADMIN_USER);
      await form.password.fill(ADMIN_PASSWORD);
      await form.submit.click();
      await waitForPath(page, '/');

      const nav = mainNav(page);
      await nav.waitFor();
      for (const name of ['Overview', ...SECTIONS.map((s) => s.title), 'Admin']) {
        assert.equal(await nav.getByRole('link', { name, exact: true }).count(), 1, `nav link ${name}`);
      }
      await page.getByRole('banner').getByText('Administrator', { exact: true }).waitFor();
      await page.getByRole('button', { name: 'Sign out' }).waitFor();
      await page.getByRole('main').getByRole('heading', { level: 1 }).waitFor();
      await screenshot(page, '02-overview-admin');

      // Each capability section: its own route and heading; those not built yet say so honestly
      // (site selection has its own tests in site-selection.test.mjs).
      for (const section of SECTIONS) {
        await nav.getByRole('link', { name: section.title, exact: true }).click();
        await waitForPath(page, section.path);
        await page.getByRole('heading', { level: 1, name: section.title }).waitFor();
        if (section.available) {
          await page.getByRole('navigation', { name: section.title }).waitFor();
          assert.equal(await page.getByRole('main').getByText('Coming in a later release').count(), 0);
        } else {
          await page.getByRole('main').getByText('Coming in a later release').first().waitFor();
        }
        const current = nav.getByRole('link', { name: section.title, exact: true });
        assert.equal(await current.getAttribute('aria-current'), 'page');
        await screenshot(page, `03-section${section.path.replace('/', '-')}`);
      }

      // A deep link survives a reload (the server answers app routes with index.html).
      await page.reload();
      await page.getByRole('heading', { level: 1, name: SECTIONS.at(-1).title }).waitFor();
    });
  });

  test('2. a wrong password shows an error and stays on the login page', { timeout: TEST_TIMEOUT_MS }, async () => {
    await withContext(browser, 'wrong-password', async (page) => {
      await page.goto(url('/login'));
      const form = loginForm(page);
      await form.username.fill(ADMIN_USER);
      await form.password.fill(`${ADMIN_PASSWORD}-wrong`);
      await form.submit.click();

      const alert = page.getByRole('alert').filter({ hasText: /invalid username or password/i });
      await alert.waitFor();
      await screenshot(page, '04-login-wrong-password');
      assert.equal(new URL(page.url()).pathname, '/login');
      await form.heading.waitFor();
      assert.equal(await mainNav(page).count(), 0, 'the app shell must not appear');
      assert.equal(await form.password.inputValue(), '', 'the password field is cleared');
      const me = await apiStatus(page, 'GET', '/api/auth/me');
      assert.equal(me.status, 401, 'no session after a failed sign-in');
    });
  });

  test('3. admin creates a staff user, who signs in and sees no Admin entry', { timeout: TEST_TIMEOUT_MS }, async () => {
    await withContext(browser, 'admin-creates-user', async (page) => {
      await signIn(page, ADMIN_USER, ADMIN_PASSWORD);

      // The client-side hint catches a short password before anything is sent.
      await mainNav(page).getByRole('link', { name: 'Admin', exact: true }).click();
      await waitForPath(page, '/admin/users');
      const form = page.getByRole('form', { name: 'Add a user' });
      await form.getByLabel('Username', { exact: true }).fill(uniqueName('e2e-short'));
      await form.getByLabel('Display name', { exact: true }).fill('Short Password');
      await form.getByLabel('Role', { exact: true }).selectOption('student');
      await form.getByLabel('Initial password', { exact: true }).fill('short');
      await form.getByRole('button', { name: 'Create user' }).click();
      await form.getByText('Use at least 12 characters.').waitFor();
      assert.equal(
        await form.getByLabel('Initial password', { exact: true }).getAttribute('aria-invalid'),
        'true',
      );

      await createUserThroughUi(page, staff, 'staff');
      const row = page.getByRole('row').filter({ hasText: staff.username });
      await row.getByText('Active', { exact: true }).waitFor();
      assert.equal(await row.getByRole('combobox').inputValue(), 'staff');
      await screenshot(page, '05-admin-users');

      // The server refuses a second user with the same name; the form shows its message.
      await form.getByLabel('Username', { exact: true }).fill(staff.username);
      await form.getByLabel('Display name', { exact: true }).fill('Duplicate');
      await form.getByLabel('Role', { exact: true }).selectOption('observer');
      await form.getByLabel('Initial password', { exact: true }).fill(strongPassword());
      await form.getByRole('button', { name: 'Create user' }).click();
      await form.getByRole('alert').waitFor();
      assert.equal(
        await form.getByLabel('Username', { exact: true }).getAttribute('aria-invalid'),
        'true',
        'the username field is marked invalid on 409 already_exists',
      );
    });

    await withContext(browser, 'staff-signs-in', async (page) => {
      await signIn(page, staff.username, staff.password);
      const nav = mainNav(page);
      assert.equal(await nav.getByRole('link', { name: 'Admin', exact: true }).count(), 0);
      assert.equal(await nav.getByRole('link', { name: 'Clinic', exact: true }).count(), 1);
      await page.getByRole('banner').getByText('Staff', { exact: true }).waitFor();
      await page.getByRole('banner').getByText(staff.displayName, { exact: true }).waitFor();
      await screenshot(page, '06-overview-staff');
    });
  });

  test('4. a non-admin is refused /admin/users by the page and by the API', { timeout: TEST_TIMEOUT_MS }, async () => {
    await withContext(browser, 'non-admin-refused', async (page) => {
      await signIn(page, staff.username, staff.password);
      await page.goto(url('/admin/users'));
      await page.getByRole('heading', { level: 1, name: NO_ACCESS_TEXT }).waitFor();
      assert.equal(await page.getByRole('table').count(), 0, 'no user table for a non-admin');
      await screenshot(page, '07-admin-users-refused');

      const list = await apiStatus(page, 'GET', '/api/users');
      assert.equal(list.status, 403, 'GET /api/users as staff');
      assert.equal(list.body?.error?.code, 'permission_denied');

      // Still signed in: being refused is not an expired session.
      const me = await apiStatus(page, 'GET', '/api/auth/me');
      assert.equal(me.status, 200);
      assert.equal(me.body?.user?.role, 'staff');
    });
  });

  test('5. sign out returns to the login page and a reload stays signed out', { timeout: TEST_TIMEOUT_MS }, async () => {
    await withContext(browser, 'sign-out', async (page) => {
      await signIn(page, ADMIN_USER, ADMIN_PASSWORD);
      await page.getByRole('button', { name: 'Sign out' }).click();
      await waitForPath(page, '/login');
      await loginForm(page).heading.waitFor();
      assert.equal(await page.getByText(SESSION_EXPIRED_TEXT).count(), 0, 'no expiry banner on sign-out');

      await page.reload();
      await loginForm(page).heading.waitFor();
      assert.equal(new URL(page.url()).pathname, '/login');
      assert.equal(await mainNav(page).count(), 0);

      await page.goto(url('/'));
      await waitForPath(page, '/login');
      const me = await apiStatus(page, 'GET', '/api/auth/me');
      assert.equal(me.status, 401, 'the session is gone on the server');
      await screenshot(page, '08-after-sign-out');
    });
  });

  test('session expiry: a 401 while signed in shows the banner on the login page', { timeout: TEST_TIMEOUT_MS }, async () => {
    await withContext(browser, 'session-expired', async (page, context) => {
      await signIn(page, ADMIN_USER, ADMIN_PASSWORD);
      // The server forgetting the session looks, to the page, exactly like losing the cookie.
      await context.clearCookies();
      await mainNav(page).getByRole('link', { name: 'Admin', exact: true }).click();
      await waitForPath(page, '/login');
      const banner = page.getByRole('alert').filter({ hasText: SESSION_EXPIRED_TEXT });
      await banner.waitFor();
      assert.match(
        await banner.innerText(),
        /15 minutes without activity, or 12 hours after sign-in\)\. Please sign in again\./,
      );
      await screenshot(page, '09-session-expired');

      // Signing in again returns to the page the user was on.
      const form = loginForm(page);
      await form.username.fill(ADMIN_USER);
      await form.password.fill(ADMIN_PASSWORD);
      await form.submit.click();
      await waitForPath(page, '/admin/users');
      assert.equal(await page.getByText(SESSION_EXPIRED_TEXT).count(), 0);
    });
  });

  test('admin changes a role, disables and enables a user, and exports CSV', { timeout: TEST_TIMEOUT_MS }, async () => {
    const user = { username: uniqueName('e2e-obs'), displayName: 'Oscar Observer', password: strongPassword() };
    await withContext(browser, 'admin-manages-user', async (page) => {
      await signIn(page, ADMIN_USER, ADMIN_PASSWORD);
      await createUserThroughUi(page, user, 'observer');
      const row = page.getByRole('row').filter({ hasText: user.username });

      await row.getByLabel(`Role for ${user.username}`).selectOption('student');
      await row.getByRole('button', { name: `Save role for ${user.username}` }).click();
      await page.getByRole('status').filter({ hasText: `${user.username}’s role is now Student.` }).waitFor();

      await row.getByRole('button', { name: `Disable ${user.username}` }).click();
      await row.getByText('Disabled', { exact: true }).waitFor();
      const listed = await apiStatus(page, 'GET', '/api/users');
      const record = listed.body.users.find((u) => u.username === user.username);
      assert.equal(record.role, 'student');
      assert.equal(record.disabled, true);

      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Export CSV' }).click(),
      ]);
      assert.match(download.suggestedFilename(), /^scij-users-\d{4}-\d{2}-\d{2}\.csv$/);
      const csv = (await readFile(await download.path(), 'utf8')).replace(/^\ufeff/, '');
      const lines = csv.trim().split(/\r\n/);
      assert.equal(lines[0], 'username,display_name,role,status,must_change_password,created_at');
      assert.ok(lines.some((l) => l.startsWith(`${user.username},Oscar Observer,student,disabled,`)), csv);
      assert.ok(lines.some((l) => l.startsWith(`${ADMIN_USER},`)), 'the admin is listed');

      await row.getByRole('button', { name: `Enable ${user.username}` }).click();
      await row.getByText('Active', { exact: true }).waitFor();
    });
  });

  test('a disabled user cannot sign in; a reset password works', { timeout: TEST_TIMEOUT_MS }, async () => {
    const user = { username: uniqueName('e2e-stu'), displayName: 'Sofia Student', password: strongPassword() };
    const newPassword = strongPassword();
    await withContext(browser, 'admin-disables-resets', async (page) => {
      await signIn(page, ADMIN_USER, ADMIN_PASSWORD);
      await createUserThroughUi(page, user, 'student');
      const row = page.getByRole('row').filter({ hasText: user.username });
      await row.getByRole('button', { name: `Reset password for ${user.username}` }).click();
      const dialog = page.getByRole('dialog', { name: `Reset password for ${user.username}` });
      await dialog.getByLabel('New password', { exact: true }).fill(newPassword);
      await dialog.getByRole('button', { name: 'Set password' }).click();
      await dialog.waitFor({ state: 'hidden' });
      await page.getByRole('status').filter({ hasText: `The password of ${user.username} was reset.` }).waitFor();
      await row.getByRole('button', { name: `Disable ${user.username}` }).click();
      await row.getByText('Disabled', { exact: true }).waitFor();
    });

    await withContext(browser, 'disabled-user-refused', async (page) => {
      await page.goto(url('/login'));
      const form = loginForm(page);
      await form.username.fill(user.username);
      await form.password.fill(newPassword);
      await form.submit.click();
      await page.getByRole('alert').waitFor();
      assert.equal(new URL(page.url()).pathname, '/login');
      assert.equal(await mainNav(page).count(), 0);
    });

    await withContext(browser, 'admin-enables', async (page) => {
      await signIn(page, ADMIN_USER, ADMIN_PASSWORD);
      await page.goto(url('/admin/users'));
      const row = page.getByRole('row').filter({ hasText: user.username });
      await row.getByRole('button', { name: `Enable ${user.username}` }).click();
      await row.getByText('Active', { exact: true }).waitFor();
    });

    await withContext(browser, 'reset-user-signs-in', async (page) => {
      await signIn(page, user.username, newPassword);
      await page.getByRole('banner').getByText('Student', { exact: true }).waitFor();
    });
  });

  test('accessibility: no serious axe-core (WCAG 2.2 AA) violations on the main pages', { timeout: TEST_TIMEOUT_MS }, async () => {
    const found = [];
    async function check(page, name) {
      for (const line of await accessibilityViolations(page)) found.push(`${name}: ${line}`);
    }
    await withContext(browser, 'accessibility', async (page) => {
      await page.goto(url('/login'));
      await loginForm(page).heading.waitFor();
      await check(page, 'login');
      await loginForm(page).submit.click(); // empty form: the error state
      await page.getByRole('alert').waitFor();
      await check(page, 'login with error');

      await signIn(page, ADMIN_USER, ADMIN_PASSWORD);
      await check(page, 'overview');
      await page.goto(url('/partnerships'));
      await page.getByRole('heading', { level: 1, name: 'Partnerships' }).waitFor();
      await check(page, 'partnerships');
      await page.goto(url('/admin/users'));
      await page.getByRole('table').waitFor();
      await page.getByRole('button', { name: 'Create user' }).click(); // field errors shown
      await page.getByText('Enter a username.').waitFor();
      await check(page, 'users with form errors');
      await page.getByRole('button', { name: `Reset password for ${staff.username}` }).click();
      await page.getByRole('dialog').waitFor();
      await check(page, 'reset password dialog');
      await page.keyboard.press('Escape');
      await page.goto(url('/account/password'));
      await page.getByRole('heading', { level: 1, name: 'Change password' }).waitFor();
      await check(page, 'change password');
    });
    await withContext(browser, 'accessibility-mobile', async (page) => {
      await page.setViewportSize({ width: 390, height: 844 });
      await signIn(page, staff.username, staff.password);
      await check(page, 'overview (mobile, staff)');
      await page.goto(url('/admin/users'));
      await page.getByRole('heading', { level: 1, name: NO_ACCESS_TEXT }).waitFor();
      await check(page, 'no access');
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(width <= 390, `no horizontal scrolling on a phone (page is ${width}px wide)`);
    });
    assert.deepEqual(found, [], `accessibility violations:\n${found.join('\n')}`);
  });

  test('6. no Content-Security-Policy violations during the run', { timeout: TEST_TIMEOUT_MS }, async () => {
    await withContext(browser, 'csp', async (page) => {
      const response = await page.goto(url('/login'));
      const csp = response.headers()['content-security-policy'] ?? '';
      assert.match(csp, /default-src 'self'/, 'the page is served with a CSP');
      assert.match(csp, /script-src 'self'/);
      assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
      await loginForm(page).heading.waitFor();
    });
    const violations = consoleLog.filter((entry) => /content security policy/i.test(entry.text));
    assert.deepEqual(violations, [], `CSP violations:\n${JSON.stringify(violations, null, 2)}`);
    const pageErrors = consoleLog.filter((entry) => entry.type === 'pageerror');
    assert.deepEqual(pageErrors, [], `uncaught page errors:\n${JSON.stringify(pageErrors, null, 2)}`);
  });
});
