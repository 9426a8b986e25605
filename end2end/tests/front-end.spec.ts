import { expect, test } from './fixtures';
import { fillRegistration, formsEnhanced, person } from './helpers';

// What the front end promises: pages move without reloads, forms submit through their
// server functions, nothing moves under a click, and each page stays light and locked
// down (Content-Security-Policy).

declare global {
  interface Window {
    pageMarker?: string;
  }
}

test('moving between portal pages with links does not reload the page', async ({ page }) => {
  await page.goto('/csp');
  await page.evaluate(() => (window.pageMarker = 'still here'));
  await page.getByRole('main').getByRole('link', { name: 'Register' }).click();
  await expect(page).toHaveURL(/\/csp\/register$/);
  await expect(page.getByRole('heading', { name: 'Register for the Consumer Service Portal' })).toBeVisible();
  expect(await page.evaluate(() => window.pageMarker)).toBe('still here');

  await page.getByRole('main').getByRole('link', { name: 'Log in' }).first().click();
  await expect(page).toHaveURL(/\/csp\/log-in$/);
  await expect(page.getByRole('heading', { name: 'Log in to the Consumer Service Portal' })).toBeVisible();
  expect(await page.evaluate(() => window.pageMarker)).toBe('still here');
  await expect(page).toHaveTitle('Log in · Consumer Service Portal');
});

test('a form reached by a link submits through its server function without a page load', async ({ page }) => {
  await page.goto('/csp/register');
  await page.evaluate(() => (window.pageMarker = 'still here'));
  await page.getByRole('main').getByRole('link', { name: 'Log in' }).first().click();
  await expect(page).toHaveURL(/\/csp\/log-in$/);
  await formsEnhanced(page);

  await page.getByLabel('Email', { exact: true }).fill('nobody.here@example.com');
  await page.getByLabel('Password', { exact: true }).fill('not the password');
  const [call] = await Promise.all([
    page.waitForRequest((request) => request.url().endsWith('/api/log_in') && request.method() === 'POST'),
    page.getByRole('button', { name: 'Log in', exact: true }).click(),
  ]);
  expect(call.postData()).toContain('form%5Bemail%5D=nobody.here%40example.com');
  await expect(page.getByRole('alert')).toContainText('Email address or password is incorrect');
  expect(await page.evaluate(() => window.pageMarker)).toBe('still here');
});

test('an error drawn as a field is left does not move a click in progress', async ({ page }) => {
  await page.goto('/csp/register');
  await formsEnhanced(page);
  const ada = person();
  await fillRegistration(page, ada, ada.password + ' but different');
  // Focus is in Confirm password; the person clicks Security Code where it is now.
  await page.getByLabel('Security Code').scrollIntoViewIfNeeded();
  const box = await page.getByLabel('Security Code').boundingBox();
  expect(box).not.toBeNull();
  await page.mouse.click(box!.x + box!.width / 2, box!.y + box!.height / 2);
  await expect(page.getByLabel('Security Code')).toBeChecked();
  // The mismatch is still shown, once the click is done.
  await expect(page.locator('#confirm_password-error')).toContainText('The passwords do not match');
});

test('every page sends a strict Content-Security-Policy with a fresh nonce', async ({ request }) => {
  const nonces = new Set<string>();
  for (const path of ['/', '/csp', '/csp/register', '/csm/log-in', '/csp/privacy', '/admin', '/nowhere']) {
    const response = await request.get(path);
    const policy = response.headers()['content-security-policy'];
    expect(policy, path).toBeDefined();
    for (const directive of [
      "default-src 'self'",
      "frame-ancestors 'none'",
      "form-action 'self'",
      "base-uri 'none'",
      "object-src 'none'",
    ]) {
      expect(policy, `${path}: ${directive}`).toContain(directive);
    }
    const scripts = /script-src ([^;]*)/.exec(policy)![1];
    expect(scripts, path).not.toContain('unsafe-inline');
    const nonce = /'nonce-([^']+)'/.exec(scripts)?.[1];
    expect(nonce, `${path} has a nonce`).toBeDefined();
    nonces.add(nonce!);
    // Every inline script carries it.
    const html = await response.text();
    for (const tag of html.match(/<script(?![^>]*\bsrc=)[^>]*>/g) ?? []) {
      expect(tag, path).toContain(`nonce="${nonce}"`);
    }
    expect(response.headers()['referrer-policy'], path).toBe('no-referrer');
    expect(response.headers()['cache-control'], `${path} is never stored`).toBe('no-store');
    expect(response.headers()['cross-origin-opener-policy'], path).toBe('same-origin');
  }
  expect(nonces.size, 'a new nonce for every response').toBe(7);
});

test('assets are cached for good under names that change with their content', async ({ page, request }) => {
  await page.goto('/csp/log-in');
  const assets = await page.evaluate(() =>
    [...document.querySelectorAll('link[href^="/pkg/"]')].map((l) => l.getAttribute('href')!),
  );
  expect(assets.length).toBeGreaterThanOrEqual(3);
  for (const asset of assets) {
    expect(asset).toMatch(/^\/pkg\/portico\.[\w-]{16,}\.(css|js|wasm)$/);
    const response = await request.get(asset, { headers: { 'Accept-Encoding': 'br' } });
    expect(response.headers()['cache-control'], asset).toBe('public, max-age=31536000, immutable');
    expect(response.headers()['content-encoding'], asset).toBe('br');
  }
});

// First visits, every byte over the wire (HTML, CSS, JS and WASM, compressed), in a
// browser with an empty cache. A size check, not a timing.
// In English and in German, whose texts are longer.
for (const [path, budgetKb, locale] of [
  ['/csp/register', 120, 'en-US'],
  ['/csm/register', 120, 'en-US'],
  ['/csp/log-in', 80, 'en-US'],
  ['/csp', 80, 'en-US'],
  ['/csm/register', 120, 'de-DE'],
  ['/csp/log-in', 80, 'de-DE'],
  ['/csp', 80, 'de-DE'],
] as const) {
  test(`the first visit to ${path} in ${locale} downloads at most ${budgetKb} KB`, async ({ browser }) => {
    const context = await browser.newContext({ locale });
    const page = await context.newPage();
    const sizes: Promise<[string, number]>[] = [];
    page.on('requestfinished', (request) =>
      sizes.push(request.sizes().then((size) => [request.url(), size.responseBodySize])),
    );
    await page.goto(path);
    await page.waitForLoadState('networkidle');
    const downloads = await Promise.all(sizes);
    const total = downloads.reduce((sum, [, bytes]) => sum + bytes, 0);
    console.log(`${path}: ${total} bytes`, downloads.map(([url, bytes]) => `${new URL(url).pathname} ${bytes}`).join(', '));
    expect(downloads.some(([url]) => url.endsWith('.wasm')), 'the WASM is counted').toBe(true);
    expect(total).toBeLessThanOrEqual(budgetKb * 1000);
    await context.close();
  });
}
