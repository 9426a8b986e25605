import path from 'node:path';
import { type Browser, type Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { APP_PORT } from '../playwright.config';
import { emailTo, formsEnhanced, logIn, person, uniqueEmail, verificationLink, type Person } from './helpers';

// The demo company's code and its customer administrator (server/src/bootstrap.rs).
const ACME_CODE = 'ACME-7K2Q-9XPW';
const CAROL: Person = {
  firstName: 'Carol',
  lastName: 'Jones',
  email: 'carol@acme.example',
  password: 'acme-demo-password',
};

/** A browser whose person reads German first (Accept-Language), optionally without
 * JavaScript or with the page's Content-Security-Policy lifted (for axe's script). */
async function germanBrowser(
  browser: Browser,
  options: { javaScriptEnabled?: boolean; bypassCSP?: boolean } = {},
): Promise<Page> {
  const context = await browser.newContext({
    baseURL: `http://localhost:${APP_PORT}`,
    locale: 'de-DE',
    ...options,
  });
  return context.newPage();
}

/** The German registration form, filled and sent (with JavaScript: ticking Sicherheitscode is the check). */
async function registerInGerman(page: Page, who: Person, portal: 'csp' | 'csm') {
  await page.goto(`/${portal}/register`);
  await formsEnhanced(page);
  await page.getByLabel('Vorname').fill(who.firstName);
  await page.getByLabel('Nachname').fill(who.lastName);
  await page.getByLabel(/^(Geschäftliche )?E-Mail-Adresse$/).fill(who.email);
  if (who.code !== undefined) await page.getByLabel('Registrierungscode (optional)').fill(who.code);
  await page.getByLabel('Passwort', { exact: true }).fill(who.password);
  await page.getByLabel('Passwort bestätigen').fill(who.password);
  await page.getByLabel('Sicherheitscode').check();
  await expect(page.getByRole('status').filter({ hasText: 'Erledigt' })).toBeVisible();
  await page.getByLabel('Ich stimme der Datenschutzerklärung und den Nutzungsbedingungen zu').check();
  await page.getByRole('button', { name: 'Registrieren', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Prüfen Sie Ihr E-Mail-Postfach' })).toBeVisible();
}

async function verifyInGerman(page: Page, request: any, who: Person) {
  await page.goto(await verificationLink(request, who.email));
  await expect(page.getByRole('heading', { name: 'Bestätigen Sie Ihre E-Mail-Adresse' })).toBeVisible();
  await page.getByRole('button', { name: 'E-Mail-Adresse bestätigen' }).click();
  await expect(page.getByRole('heading', { name: 'Ihre E-Mail-Adresse ist bestätigt' })).toBeVisible();
}

test('a German browser registers in German, gets German errors, a German email and verification page', async ({
  browser,
  request,
}) => {
  const page = await germanBrowser(browser);
  await page.goto('/csp/register');
  await expect(page.locator('html')).toHaveAttribute('lang', 'de');
  await expect(
    page.getByRole('heading', { name: 'Registrierung für das Serviceportal für Privatkunden' }),
  ).toBeVisible();

  // The browser's own checks speak German: an empty form, sent.
  await formsEnhanced(page);
  await page.getByLabel('Sicherheitscode').check();
  await page.getByRole('button', { name: 'Registrieren', exact: true }).click();
  const summary = page.getByRole('alert');
  await expect(summary.getByRole('heading', { name: 'Es gibt ein Problem' })).toBeVisible();
  await expect(summary).toContainText('Geben Sie Ihren Vornamen ein');
  await expect(summary).toContainText('Geben Sie Ihre E-Mail-Adresse ein');
  await page.getByLabel('Passwort', { exact: true }).fill('kurz');
  await page.getByLabel('Passwort', { exact: true }).blur();
  await expect(page.locator('#password-error')).toContainText(
    'Das Passwort muss mindestens 12 Zeichen lang sein',
  );

  const ada = person(uniqueEmail('ada-de'));
  await registerInGerman(page, ada, 'csp');
  const email = await emailTo(request, ada.email);
  expect(email.subject).toBe('Bitte bestätigen Sie Ihre E-Mail-Adresse für das Serviceportal für Privatkunden');
  expect(email.text).toContain('Guten Tag Ada,');
  expect(email.html).toContain('lang="de"');
  expect(email.html).toContain('E-Mail-Adresse bestätigen');
  await verifyInGerman(page, request, ada);
  await page.context().close();
});

test('without JavaScript the server answers with the same German messages', async ({ browser }) => {
  const page = await germanBrowser(browser, { javaScriptEnabled: false });
  await page.goto('/csp/log-in');
  await expect(page.getByRole('heading', { name: 'Beim Serviceportal für Privatkunden anmelden' })).toBeVisible();
  await page.getByLabel('E-Mail-Adresse').fill('keine-adresse');
  await page.getByRole('button', { name: 'Anmelden', exact: true }).click();
  const summary = page.getByRole('alert');
  await expect(summary).toContainText('Geben Sie eine gültige E-Mail-Adresse ein, zum Beispiel name@example.com');
  await expect(summary).toContainText('Geben Sie Ihr Passwort ein');
  await page.context().close();
});

test('the switcher changes the language, and the choice sticks after logging in', async ({
  page,
  browser,
  request,
}) => {
  // Registered and verified in English.
  const ada = person(uniqueEmail('ada-switch'));
  await page.goto('/csp/log-in');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.getByRole('button', { name: 'Deutsch' }).click();
  await expect(page).toHaveURL(/\/csp\/log-in$/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'de');
  await expect(page.getByRole('heading', { name: 'Beim Serviceportal für Privatkunden anmelden' })).toBeVisible();

  // The register page, a German registration, and the German email that follows it.
  await registerInGerman(page, ada, 'csp');
  const email = await emailTo(request, ada.email);
  expect(email.text).toContain('Guten Tag Ada,');
  await verifyInGerman(page, request, ada);

  // Logged in, the person's pages stay German; the choice is now in their profile too.
  await page.goto('/csp/log-in');
  await page.getByLabel('E-Mail-Adresse').fill(ada.email);
  await page.getByLabel('Passwort', { exact: true }).fill(ada.password);
  await page.getByRole('button', { name: 'Anmelden', exact: true }).click();
  await expect(page).toHaveURL(/\/csp$/);
  await expect(page.getByRole('banner').getByRole('button', { name: 'Abmelden' })).toBeVisible();

  // Back to English with the switcher while logged in…
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('banner').getByRole('button', { name: 'Log out' })).toBeVisible();
  // …and German again; then from a fresh English browser, logging in brings German back.
  await page.getByRole('button', { name: 'Deutsch' }).click();
  await expect(page.getByRole('banner').getByRole('button', { name: 'Abmelden' })).toBeVisible();

  const elsewhere = await browser.newContext({
    baseURL: `http://localhost:${APP_PORT}`,
    locale: 'en-US',
  });
  const other = await elsewhere.newPage();
  await logIn(other, ada);
  await expect(other).toHaveURL(/\/csp$/);
  await expect(other.locator('html')).toHaveAttribute('lang', 'de');
  await expect(other.getByRole('banner').getByRole('button', { name: 'Abmelden' })).toBeVisible();
  await elsewhere.close();
});

test('an approval by an English-speaking administrator reaches a German contact in German', async ({
  browser,
  request,
}) => {
  const contact = await germanBrowser(browser);
  const ada: Person = { ...person(uniqueEmail('ada-de-csm')), code: ACME_CODE };
  await registerInGerman(contact, ada, 'csm');
  await verifyInGerman(contact, request, ada);
  await emailTo(request, ada.email, /Anfrage|Registrierung/);

  const carolsContext = await browser.newContext({
    baseURL: `http://localhost:${APP_PORT}`,
    locale: 'en-GB',
  });
  const carol = await carolsContext.newPage();
  await logIn(carol, CAROL, 'csm');
  await expect(carol).not.toHaveURL(/log-in/);
  await carol.goto('/csm/approvals');
  await expect(carol.getByRole('heading', { name: 'Registration requests' })).toBeVisible();
  // Other tests' requests may carry the same name: the card is found by its address.
  await carol.getByRole('listitem').filter({ hasText: ada.email }).getByRole('button', { name: `Approve ${ada.firstName} ${ada.lastName}` }).click();
  await expect(carol.getByRole('status')).toContainText(`Approved ${ada.firstName} ${ada.lastName}`);

  const approved = await emailTo(request, ada.email, /freigegeben/);
  expect(approved.subject).toBe('Ihre Registrierung wurde freigegeben');
  expect(approved.text).toContain('Guten Tag Ada,');
  expect(approved.text).toContain('/csm/log-in');
  await carolsContext.close();
  await contact.context().close();
});

test('axe finds no accessibility violations on the German pages', async ({ browser, request }) => {
  // axe's script is added to the page, which the strict policy would refuse.
  const page = await germanBrowser(browser, { bypassCSP: true });
  const axe = path.join(__dirname, '..', 'node_modules', 'axe-core', 'axe.min.js');
  const violations = async (url: string) => {
    await page.goto(url);
    await expect(page.locator('html')).toHaveAttribute('lang', 'de');
    await page.addScriptTag({ path: axe });
    const found = await page.evaluate(async () => {
      const result = await (window as any).axe.run(document);
      return result.violations.map(
        (v: any) => `${v.id}: ${v.help} (${v.nodes.map((n: any) => n.target.join(' ')).join(', ')})`,
      );
    });
    return found.map((v: string) => `${url} ${v}`);
  };
  const found: string[] = [];
  for (const url of ['/', '/csp', '/csm', '/csp/register', '/csm/register', '/csp/log-in', '/csp/reset', '/csp/privacy', '/csp/terms', '/admin/log-in', '/csm/no-such-page']) {
    found.push(...(await violations(url)));
  }
  // A page with errors on it, and the verification page of an emailed link.
  await page.goto('/csp/register');
  await formsEnhanced(page);
  await page.getByLabel('Sicherheitscode').check();
  await page.getByRole('button', { name: 'Registrieren', exact: true }).click();
  await expect(page.getByRole('alert')).toBeVisible();
  await page.addScriptTag({ path: axe });
  found.push(
    ...(await page.evaluate(async () =>
      ((await (window as any).axe.run(document)).violations as any[]).map((v) => `errors: ${v.id}: ${v.help}`),
    )),
  );
  const ada = person(uniqueEmail('ada-axe'));
  await registerInGerman(page, ada, 'csp');
  found.push(...(await violations(await verificationLink(request, ada.email))));
  expect(found).toEqual([]);
  await page.context().close();
});
