// Shared set-up for the browser tests: Chromium through playwright-core (from web/node_modules,
// so the tests run from any working directory), one fresh context per test, console capture
// for Content-Security-Policy reports, and screenshots for debugging.
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';

const require = createRequire(new URL('../../web/package.json', import.meta.url));
const { chromium } = require('playwright-core');

export const BASE_URL = requiredEnv('SCIJ_URL').replace(/\/$/, '');
export const ADMIN_USER = requiredEnv('SCIJ_ADMIN_USER');
export const ADMIN_PASSWORD = requiredEnv('SCIJ_ADMIN_PASSWORD');
export const ARTIFACTS = process.env.SCIJ_E2E_ARTIFACTS || mkdtempSync(path.join(tmpdir(), 'scij-e2e-'));
mkdirSync(ARTIFACTS, { recursive: true });

/** Playwright timeouts: generous enough for a shared 2-core machine with sanitizer builds. */
export const TIMEOUT_MS = 15_000;
/** Per-test limit for node:test. */
export const TEST_TIMEOUT_MS = 90_000;

export const SESSION_EXPIRED_TEXT = 'Your session has expired';
export const NO_ACCESS_TEXT = 'You do not have access to this page';

function requiredEnv(name) {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set (run the tests through tests/e2e/run.sh)`);
  return value;
}

export function url(pathname) {
  return `${BASE_URL}${pathname}`;
}

/** Every console message of type error or mentioning CSP, from every page of the run. */
export const consoleLog = [];

export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.SCIJ_CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: [
      '--headless=new',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
}

// Chromium reports CSP violations on the console; the listener below reports them too, in case
// a violation is only visible as a DOM event.
const CSP_REPORTER = `
  document.addEventListener('securitypolicyviolation', (e) => {
    console.error('Content Security Policy violation: ' + e.violatedDirective + ' blocked ' +
      (e.blockedURI || 'inline') + ' at ' + e.sourceFile + ':' + e.lineNumber);
  });
`;

/**
 * Runs `body(page, context)` in a fresh browser context. On failure, saves a screenshot of
 * every open page as FAILED-<label>-<n>.png before rethrowing.
 */
export async function withContext(browser, label, body) {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 860 },
    acceptDownloads: true,
    locale: 'en-US',
  });
  context.setDefaultTimeout(TIMEOUT_MS);
  context.setDefaultNavigationTimeout(TIMEOUT_MS);
  await context.addInitScript(CSP_REPORTER);
  context.on('page', (page) => watchConsole(page, label));
  const page = await context.newPage();
  try {
    return await body(page, context);
  } catch (error) {
    let n = 0;
    for (const open of context.pages()) {
      n += 1;
      await open
        .screenshot({ path: path.join(ARTIFACTS, `FAILED-${slug(label)}-${n}.png`), fullPage: true })
        .catch(() => {});
    }
    throw error;
  } finally {
    await context.close().catch(() => {});
  }
}

function watchConsole(page, label) {
  page.on('console', (message) => {
    const text = message.text();
    if (message.type() === 'error' || /content security policy/i.test(text)) {
      consoleLog.push({ test: label, type: message.type(), text, url: page.url() });
    }
  });
  page.on('pageerror', (error) => {
    consoleLog.push({ test: label, type: 'pageerror', text: String(error), url: page.url() });
  });
}

function slug(text) {
  return text.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '').toLowerCase();
}

/** Saves a full-page screenshot named after the page, for debugging failed runs. */
export async function screenshot(page, name) {
  await page.screenshot({ path: path.join(ARTIFACTS, `${slug(name)}.png`), fullPage: true });
}

export function loginForm(page) {
  return {
    username: page.getByLabel('Username', { exact: true }),
    password: page.getByLabel('Password', { exact: true }),
    submit: page.getByRole('button', { name: 'Sign in', exact: true }),
    heading: page.getByRole('heading', { level: 1, name: 'Sign in' }),
  };
}

export function mainNav(page) {
  return page.getByRole('navigation', { name: 'Main' });
}

/** Signs in through the login form and waits for the app shell. */
export async function signIn(page, username, password) {
  await page.goto(url('/login'));
  const form = loginForm(page);
  await form.username.fill(username);
  await form.password.fill(password);
  await form.submit.click();
  await page.waitForURL((u) => u.pathname !== '/login');
  await mainNav(page).waitFor();
}

export async function waitForPath(page, pathname) {
  await page.waitForURL((u) => u.pathname === pathname);
}

/** A GET or POST through the context's cookie jar (the page's own session). */
export async function apiStatus(page, method, pathname, data) {
  const response =
    method === 'GET'
      ? await page.request.get(url(pathname))
      : await page.request.fetch(url(pathname), { method, data });
  let body = null;
  try {
    body = await response.json();
  } catch {
    body = null;
  }
  return { status: response.status(), body, headers: response.headers() };
}

export function uniqueName(prefix) {
  return `${prefix}-${Date.now().toString(36)}${Math.floor(Math.random() * 1e4).toString(36)}`;
}

export function strongPassword() {
  return `pw-${Math.random().toString(36).slice(2)}-${Date.now().toString(36)}`;
}

/**
 * Runs axe-core (WCAG 2.x A and AA rules) on the current page and returns the violations of
 * impact "serious" or "critical" as readable lines. axe is evaluated through the DevTools
 * protocol, which the page's CSP does not govern, so it causes no CSP report.
 */
export async function accessibilityViolations(page) {
  const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  await page.evaluate(`${axeSource}\n;undefined`);
  const violations = await page.evaluate(async () => {
    const result = await window.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
      resultTypes: ['violations'],
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')),
    }));
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} [${v.targets.join(', ')}]`);
}

export { assert };
