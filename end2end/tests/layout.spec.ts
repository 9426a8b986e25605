import { execFileSync } from 'node:child_process';
import path from 'node:path';
import type { APIRequestContext, Browser, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { APP_PORT } from '../playwright.config';
import { logIn, person, register, uniqueEmail, verifyAddress, type Person } from './helpers';

// Issue 20: no page a signed-in person visits scrolls sideways, on a phone or a desktop,
// in English or German, and Log out is always visible or one tap away.

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };
const SIZES = [
  { name: 'phone', viewport: PHONE },
  { name: 'desktop', viewport: DESKTOP },
];

// The demo data the server seeds (server/src/bootstrap.rs).
const CAROL: Person = { firstName: 'Carol', lastName: 'Jones', email: 'carol@acme.example', password: 'acme-demo-password' };
const ADMIN: Person = { firstName: 'Ada', lastName: 'Admin', email: 'admin@portico.example', password: 'portico-demo-password' };
const GLOBEX_CODE = 'GBXN-4RTV-8HZM';

const CONSUMER_PAGES = ['/csp', '/csp/profile', '/csp/security', '/csp/delete-account', '/csp/privacy', '/csp/terms'];
const CONTACT_PAGES = ['/csm', '/csm/profile', '/csm/security', '/csm/delete-account', '/csm/terms'];
const CUSTOMER_ADMIN_PAGES = ['/csm', '/csm/approvals', '/csm/contacts', '/csm/profile', '/csm/security'];
const ADMIN_PAGES = ['/admin', '/admin/pending', '/admin/people', '/admin/webhooks', '/admin/outbox', '/admin/audit', '/csm', '/csm/profile', '/csm/security'];

/** Runs SQL on the test server's database (a parameter per `?`). */
function sql(statement: string, ...parameters: string[]) {
  const script = `
import sqlite3, sys
db = sqlite3.connect('../target/e2e/portico.db')
db.execute(sys.argv[1], sys.argv[2:])
db.commit()
`;
  execFileSync('python3', ['-c', script, statement, ...parameters]);
}

/** A person with a long first name (the header's widest case), registered and verified:
 * a consumer, or a contact of Globex (which approves its own domain at once). */
async function registered(browser: Browser, request: APIRequestContext, portal: 'csp' | 'csm'): Promise<Person> {
  const email = uniqueEmail('maximiliane');
  const who: Person = {
    ...person(portal === 'csm' ? email.replace('example.com', 'globex.example') : email),
    firstName: 'Maximiliane',
    lastName: 'Mustermann-Lüdenscheid',
    ...(portal === 'csm' ? { code: GLOBEX_CODE } : {}),
  };
  const context = await browser.newContext({ baseURL: `http://localhost:${APP_PORT}` });
  const page = await context.newPage();
  await register(page, who, true, portal);
  await verifyAddress(page, request, who.email);
  await context.close();
  return who;
}

/** A fresh browser at `viewport`, logged in as `who`. */
async function loggedIn(browser: Browser, who: Person, portal: 'csp' | 'csm' | 'admin'): Promise<Page> {
  const context = await browser.newContext({ baseURL: `http://localhost:${APP_PORT}`, viewport: DESKTOP });
  const page = await context.newPage();
  await logIn(page, who, portal);
  await expect(page).not.toHaveURL(/log-in/);
  return page;
}

/** How wide the page is against the screen (wider: it scrolls sideways), and which
 * elements stick out past the screen's right edge (for the failure's message). */
async function widths(page: Page) {
  return page.evaluate(() => {
    const screen = window.innerWidth;
    const culprits = [...document.querySelectorAll('body *')]
      .filter((e) => e.getBoundingClientRect().right > screen + 0.5 && !e.closest('.table--wide'))
      .slice(-3)
      .map((e) => `${e.tagName.toLowerCase()}.${[...e.classList].join('.')} (${Math.round(e.getBoundingClientRect().right)} px)`);
    return { page: document.documentElement.scrollWidth, screen, culprits: culprits.join(', ') };
  });
}

/** Visits `urls` at both sizes: none scrolls sideways, and Log out is visible or behind the
 * one Menu button (which opens without widening the page). */
async function checkPages(page: Page, urls: string[], logOut: RegExp) {
  for (const { name, viewport } of SIZES) {
    await page.setViewportSize(viewport);
    for (const url of urls) {
      await page.goto(url);
      const where = `${url} on a ${name}`;
      const before = await widths(page);
      expect.soft(before.page, `${where} scrolls sideways: ${before.culprits}`).toBeLessThanOrEqual(before.screen);
      const button = page.getByRole('banner').getByRole('button', { name: logOut });
      if (name === 'desktop') {
        await expect.soft(button, `${where}: Log out in the header`).toBeVisible();
        continue;
      }
      await expect.soft(button, `${where}: Log out behind the menu`).toBeHidden();
      await page.getByRole('banner').locator('summary').click();
      await expect.soft(button, `${where}: Log out after one tap`).toBeVisible();
      const open = await widths(page);
      expect.soft(open.page, `${where} with the menu open scrolls sideways: ${open.culprits}`).toBeLessThanOrEqual(open.screen);
    }
  }
}

/** Whether the elements share one row: each one's box overlaps every other's vertically. */
async function oneRow(page: Page, selector: string): Promise<boolean> {
  return page.locator(selector).evaluateAll((elements) => {
    const boxes = elements.map((e) => e.getBoundingClientRect()).filter((b) => b.height > 0);
    return boxes.length > 0 && Math.max(...boxes.map((b) => b.top)) < Math.min(...boxes.map((b) => b.bottom));
  });
}

test('a consumer: no page scrolls sideways on a phone or a desktop, in English or German', async ({ browser, request }) => {
  const ada = await registered(browser, request, 'csp');
  await checkPages(await loggedIn(browser, ada, 'csp'), CONSUMER_PAGES, /^Log out$/);
  sql('UPDATE users SET preferred_language = ? WHERE email_normalized = ?', 'de', ada.email.toLowerCase());
  await checkPages(await loggedIn(browser, ada, 'csp'), CONSUMER_PAGES, /^Abmelden$/);
});

test('a contact: no page scrolls sideways on a phone or a desktop, in English or German', async ({ browser, request }) => {
  const max = await registered(browser, request, 'csm');
  await checkPages(await loggedIn(browser, max, 'csm'), CONTACT_PAGES, /^Log out$/);
  sql('UPDATE users SET preferred_language = ? WHERE email_normalized = ?', 'de', max.email.toLowerCase());
  await checkPages(await loggedIn(browser, max, 'csm'), CONTACT_PAGES, /^Abmelden$/);
});

test('a customer administrator: pages fit, and the navigation keeps to one row on a desktop', async ({ browser, request }) => {
  const carol = await loggedIn(browser, CAROL, 'csm');
  await checkPages(carol, CUSTOMER_ADMIN_PAGES, /^Log out$/);
  await carol.setViewportSize(DESKTOP);
  await carol.goto('/csm/contacts');
  expect(await oneRow(carol, '.account-nav__row > a, .account-nav__row button'), 'one row').toBe(true);

  // German, with a long first name (Carol's own language is left alone: other tests log
  // in as her at the same time).
  const max = await registered(browser, request, 'csm');
  sql(
    "UPDATE users SET role = 'customer_admin', preferred_language = 'de' WHERE email_normalized = ?",
    max.email.toLowerCase(),
  );
  const german = await loggedIn(browser, max, 'csm');
  await checkPages(german, CUSTOMER_ADMIN_PAGES, /^Abmelden$/);
  await german.setViewportSize(DESKTOP);
  await german.goto('/csm/contacts');
  expect(await oneRow(german, '.account-nav__row > a, .account-nav__row button'), 'one row').toBe(true);
});

test('an administrator: pages fit, Log out is never alone on a line, and the content keeps its left edge', async ({
  browser,
  request,
}) => {
  const admin = await loggedIn(browser, ADMIN, 'admin');
  await expect(admin).toHaveURL(/\/admin$/);
  await checkPages(admin, ADMIN_PAGES, /^Log out$/);

  const max = await registered(browser, request, 'csm');
  sql(
    "UPDATE users SET kind = 'staff', role = 'admin', account_id = NULL, preferred_language = 'de' WHERE email_normalized = ?",
    max.email.toLowerCase(),
  );
  const german = await loggedIn(browser, max, 'admin');
  await checkPages(german, ADMIN_PAGES, /^Abmelden$/);

  for (const page of [admin, german]) {
    await page.setViewportSize(DESKTOP);
    const edges = new Set<number>();
    for (const url of ADMIN_PAGES.filter((u) => u.startsWith('/admin'))) {
      await page.goto(url);
      expect(await oneRow(page, '.admin-header__inner .account-nav__row > a, .admin-header__inner .account-nav__row button'), `${url}: Log out not alone`).toBe(true);
      edges.add(await page.locator('#main h1').evaluate((h) => Math.round(h.getBoundingClientRect().left)));
    }
    expect([...edges], 'one left edge on every administration page').toHaveLength(1);
  }
});

test('logged out on a phone, the first field of log-in and register shows without scrolling, in both languages', async ({
  browser,
}) => {
  for (const locale of ['en-GB', 'de-DE']) {
    const context = await browser.newContext({ baseURL: `http://localhost:${APP_PORT}`, viewport: PHONE, locale });
    const page = await context.newPage();
    for (const url of ['/csp/log-in', '/csm/log-in', '/csp/register', '/csm/register']) {
      await page.goto(url);
      const where = `${url} (${locale})`;
      const size = await widths(page);
      expect.soft(size.page, `${where} scrolls sideways: ${size.culprits}`).toBeLessThanOrEqual(size.screen);
      const field = await page.locator('.field__input').first().boundingBox();
      expect.soft(field!.y + field!.height, `${where}: the first field above the fold`).toBeLessThanOrEqual(PHONE.height);
    }
    await context.close();
  }
});

test('buttons look like buttons, and destructive ones look different', async ({ browser, request }) => {
  const page = await (await browser.newContext({ baseURL: `http://localhost:${APP_PORT}`, viewport: DESKTOP })).newPage();
  const style = (selector: string, property: string) =>
    page.locator(selector).first().evaluate((e, p) => getComputedStyle(e).getPropertyValue(p), property);

  // Log in beside Register is a button, not underlined text.
  await page.goto('/csp');
  const logInLink = page.getByRole('banner').getByRole('link', { name: 'Log in' });
  expect(await logInLink.evaluate((e) => getComputedStyle(e).borderTopStyle)).toBe('solid');
  expect(await logInLink.evaluate((e) => getComputedStyle(e).textDecorationLine)).toBe('none');

  // "Forgot your password?" keeps its distance from the passkey button.
  await page.goto('/csp/log-in');
  const passkey = page.getByRole('button', { name: 'Log in with a passkey' });
  await expect(passkey).toBeVisible();
  const below = (await passkey.boundingBox())!;
  const forgot = (await page.getByRole('link', { name: 'Forgot your password?' }).boundingBox())!;
  expect(forgot.y - (below.y + below.height)).toBeGreaterThanOrEqual(16);

  // Deleting the account does not look like downloading one's data.
  const ada = await registered(browser, request, 'csp');
  await logIn(page, ada, 'csp');
  await expect(page).not.toHaveURL(/log-in/);
  await page.goto('/csp/profile');
  const download = await style('a[download]', 'background-color');
  const remove = await style('a[href="/csp/delete-account"]', 'background-color');
  expect(remove).not.toBe(download);

  // A registration code stays on one line, even on a phone.
  const admin = await loggedIn(browser, ADMIN, 'admin');
  await admin.setViewportSize(PHONE);
  await admin.goto('/admin');
  await admin.locator('#main table a').first().click();
  const code = admin.locator('#registration-code');
  await expect(code).toBeVisible();
  expect(await code.evaluate((e) => e.getClientRects().length)).toBe(1);
  await admin.goto('/admin');
  for (const cell of await admin.locator('#main table code').all()) {
    expect(await cell.evaluate((e) => e.getClientRects().length)).toBe(1);
  }
});

test('axe finds no violations in the header and pages this layout changed, on a phone and a desktop, in both languages', async ({
  browser,
  request,
}) => {
  // Axe over a dozen pages at two sizes and in two languages: more than the default minute.
  test.setTimeout(180_000);
  const axe = path.join(__dirname, '..', 'node_modules', 'axe-core', 'axe.min.js');
  const ada = await registered(browser, request, 'csp');
  const found: string[] = [];
  const check = async (page: Page, urls: string[]) => {
    for (const { name, viewport } of SIZES) {
      await page.setViewportSize(viewport);
      for (const url of urls) {
        await page.goto(url);
        // On a phone, with the menu open: its links are checked too.
        // (Opened by its property, not a click: a click waits for the summary to be
        // actionable, and twice in four runs it waited out the test on an admin page.)
        if (name === 'phone') await page.evaluate(() => document.querySelectorAll('header details').forEach((d) => ((d as HTMLDetailsElement).open = true)));
        await page.addScriptTag({ path: axe });
        const violations: string[] = await page.evaluate(async () =>
          ((await (window as any).axe.run(document)).violations as any[]).map(
            (v) => `${v.id}: ${v.help} (${v.nodes.map((n: any) => n.target.join(' ')).join(', ')})`,
          ),
        );
        const lang = await page.locator('html').getAttribute('lang');
        found.push(...violations.map((v) => `${url} on a ${name}, ${lang}: ${v}`));
      }
    }
  };
  for (const language of ['en', 'de']) {
    sql('UPDATE users SET preferred_language = ? WHERE email_normalized = ?', language, ada.email.toLowerCase());
    const context = await browser.newContext({ baseURL: `http://localhost:${APP_PORT}`, bypassCSP: true });
    const page = await context.newPage();
    await logIn(page, ada, 'csp');
    await expect(page).not.toHaveURL(/log-in/);
    await check(page, ['/csp', '/csp/profile', '/csp/security']);
    await context.close();
  }
  const admin = await (await browser.newContext({ baseURL: `http://localhost:${APP_PORT}`, bypassCSP: true })).newPage();
  await logIn(admin, ADMIN, 'admin');
  await expect(admin).toHaveURL(/\/admin$/);
  await check(admin, ['/admin', '/admin/people', '/admin/outbox', '/admin/audit']);
  const carol = await (await browser.newContext({ baseURL: `http://localhost:${APP_PORT}`, bypassCSP: true })).newPage();
  await logIn(carol, CAROL, 'csm');
  await check(carol, ['/csm/contacts']);
  // The logged-out header in English (languages.spec.ts checks the German pages).
  const visitor = await (await browser.newContext({ baseURL: `http://localhost:${APP_PORT}`, bypassCSP: true, locale: 'en-GB' })).newPage();
  for (const url of ['/csp/log-in', '/csm/register', '/admin/log-in', '/csm/no-such-page']) {
    await visitor.goto(url);
    await visitor.addScriptTag({ path: axe });
    const violations: string[] = await visitor.evaluate(async () =>
      ((await (window as any).axe.run(document)).violations as any[]).map((v) => `${v.id}: ${v.help}`),
    );
    found.push(...violations.map((v) => `${url}: ${v}`));
  }
  expect(found).toEqual([]);
});
