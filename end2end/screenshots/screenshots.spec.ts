import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from '../tests/fixtures';
import { APP_PORT } from '../playwright.config';
import { logIn, register, verifyAddress, type Person } from '../tests/helpers';

// The register, log-in, home and contacts pages at a phone's and a desktop's size, in
// English and German, as docs/screenshots/<page>-<size>-<language>.png (the viewport
// only, so that the files stay small). Run by scripts/screenshots, never by the suite.

const OUT = path.join(__dirname, '..', '..', 'docs', 'screenshots');
const SIZES = { phone: { width: 390, height: 844 }, desktop: { width: 1280, height: 800 } };
const CAROL: Person = { firstName: 'Carol', lastName: 'Jones', email: 'carol@acme.example', password: 'acme-demo-password' };
// Each run starts with a fresh database, so the same address can register every time.
const ADA: Person = { firstName: 'Ada', lastName: 'Lovelace', email: 'ada@example.com', password: 'correct horse battery staple' };

/** `page` at both sizes, as `name`-<size>-`language`.png. */
async function shoot(page: Page, url: string, name: string, language: string) {
  for (const [size, viewport] of Object.entries(SIZES)) {
    await page.setViewportSize(viewport);
    await page.goto(url);
    await expect(page.locator('html')).toHaveAttribute('lang', language);
    await page.screenshot({ path: path.join(OUT, `${name}-${size}-${language}.png`) });
  }
}

/** Switches the page's language with the header's switcher. */
async function switchTo(page: Page, language: 'Deutsch' | 'English') {
  await page.getByRole('button', { name: language }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', language === 'Deutsch' ? 'de' : 'en');
}

test('the screenshots in docs/screenshots', async ({ browser, request }) => {
  test.setTimeout(180_000);
  for (const [language, locale] of [['en', 'en-GB'], ['de', 'de-DE']]) {
    const context = await browser.newContext({ baseURL: `http://localhost:${APP_PORT}`, locale });
    const page = await context.newPage();
    await shoot(page, '/csp/register', 'register', language);
    await shoot(page, '/csp/log-in', 'log-in', language);
    await context.close();
  }

  // A consumer's home, after signing up.
  const context = await browser.newContext({ baseURL: `http://localhost:${APP_PORT}`, locale: 'en-GB' });
  const page = await context.newPage();
  await register(page, ADA, true, 'csp');
  await verifyAddress(page, request, ADA.email);
  await logIn(page, ADA, 'csp');
  await expect(page).not.toHaveURL(/log-in/);
  await shoot(page, '/csp', 'home', 'en');
  await switchTo(page, 'Deutsch');
  await shoot(page, '/csp', 'home', 'de');

  await context.close();

  // A customer administrator's contacts (the demo company's), in a browser of her own.
  const carolsContext = await browser.newContext({ baseURL: `http://localhost:${APP_PORT}`, locale: 'en-GB' });
  const carol = await carolsContext.newPage();
  await logIn(carol, CAROL, 'csm');
  await expect(carol).not.toHaveURL(/log-in/);
  await shoot(carol, '/csm/contacts', 'contacts', 'en');
  await switchTo(carol, 'Deutsch');
  await shoot(carol, '/csm/contacts', 'contacts', 'de');
  await switchTo(carol, 'English');
  await carolsContext.close();
});
