// Issue 22: signing in to an app with Portico, in a real browser with JavaScript: the
// log-in page's enhanced form must leave the client-side router for the authorization's
// resumption, and the consent page's buttons must answer the app. The app itself is not
// needed: its callback address is answered by the test.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { APP_PORT, DATABASE_URL } from '../playwright.config';
import { test, expect } from './fixtures';
import { person, register, verifyAddress, logIn, waitForHydration, type Person } from './helpers';

const CALLBACK = 'https://app.example/callback';
const CHALLENGE = 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM';

/** Registers a public app for consumers with `server apps create`; its client_id. */
function registerApp(firstParty: boolean): string {
  const args = ['apps', 'create', '--name', 'Ledger', '--description', 'Invoices and payments',
    '--redirect-uri', CALLBACK, '--portal', 'csp', '--public',
    ...(firstParty ? ['--first-party'] : [])];
  const stdout = execFileSync('target/release/server', args, {
    cwd: path.resolve(__dirname, '..', '..'),
    env: { ...process.env, DATABASE_URL, PUBLIC_URL: `http://localhost:${APP_PORT}`, RUST_LOG: 'error' },
  }).toString();
  return JSON.parse(stdout.trim().split('\n').pop()!).client_id;
}

function authorizeUrl(clientId: string, extra = ''): string {
  const redirect = encodeURIComponent(CALLBACK);
  return (
    `/oidc/authorize?response_type=code&client_id=${clientId}&redirect_uri=${redirect}` +
    `&scope=openid%20email&state=xyz&code_challenge=${CHALLENGE}&code_challenge_method=S256${extra}`
  );
}

async function verifiedPerson(page: any, request: any): Promise<Person> {
  const who = person();
  await register(page, who, true);
  await verifyAddress(page, request, who.email);
  return who;
}

/** Answers the app's callback in the browser, and gives back the query it received. */
async function catchCallback(page: any): Promise<() => URL | undefined> {
  let received: URL | undefined;
  await page.route(`${CALLBACK}**`, async (route: any) => {
    received = new URL(route.request().url());
    await route.fulfill({ status: 200, contentType: 'text/plain', body: 'the app' });
  });
  return () => received;
}

test('an app sends a person to log in; logging in with JavaScript brings the code back', async ({
  page,
  request,
}) => {
  const who = await verifiedPerson(page, request);
  await page.context().clearCookies();
  const clientId = registerApp(true);
  const received = await catchCallback(page);

  await page.goto(authorizeUrl(clientId, `&login_hint=${encodeURIComponent(who.email)}`));
  await expect(page).toHaveURL(/\/csp\/log-in\?next=%2Foidc%2Fauthorize%2Fresume%2F/);
  await waitForHydration(page);
  await expect(page.getByLabel('Email', { exact: true })).toHaveValue(who.email);
  await page.getByLabel('Password', { exact: true }).fill(who.password);
  await page.getByRole('button', { name: 'Log in', exact: true }).click();

  await expect.poll(() => received()?.searchParams.get('code') ?? null).not.toBeNull();
  expect(received()!.searchParams.get('state')).toBe('xyz');
  expect(received()!.searchParams.get('iss')).toBe('http://localhost:3100');
});

test('without JavaScript, the log-in form goes back to the app through a page, not a blocked redirect', async ({
  browser,
  page,
  request,
}) => {
  const who = await verifiedPerson(page, request);
  const clientId = registerApp(true);
  const context = await browser.newContext({
    javaScriptEnabled: false,
    baseURL: 'http://localhost:3100',
  });
  const blocked: string[] = [];
  context.on('console', (m) => {
    if (/Content Security Policy|form-action/.test(m.text())) blocked.push(m.text());
  });
  const plain = await context.newPage();
  const received = await catchCallback(plain);
  await plain.goto(authorizeUrl(clientId));
  await plain.getByLabel('Email', { exact: true }).fill(who.email);
  await plain.getByLabel('Password', { exact: true }).fill(who.password);
  await plain.getByRole('button', { name: 'Log in', exact: true }).click();
  await expect.poll(() => received()?.searchParams.get('code') ?? null).not.toBeNull();
  expect(blocked).toEqual([]);
  await context.close();
});

test('a third-party app asks for consent once; Allow sends the code, Cancel says no', async ({
  page,
  request,
}) => {
  const who = await verifiedPerson(page, request);
  await logIn(page, who);
  await expect(page).not.toHaveURL(/log-in/);
  const clientId = registerApp(false);
  const received = await catchCallback(page);

  await page.goto(authorizeUrl(clientId));
  await expect(page.getByRole('heading', { name: 'Sign in to Ledger' })).toBeVisible();
  await expect(page.getByText('your email address')).toBeVisible();
  await page.getByRole('button', { name: 'Allow' }).click();
  await expect.poll(() => received()?.searchParams.get('code') ?? null).not.toBeNull();

  // Remembered: straight back with a code (a redirect, read with the page's cookies: the
  // browser would follow it to the app's unreachable host).
  const again = await page.request.get(authorizeUrl(clientId), { maxRedirects: 0 });
  expect(again.status()).toBe(303);
  expect(again.headers()['location']).toMatch(/^https:\/\/app\.example\/callback\?code=/);

  // Asked again, and refused.
  await page.goto(authorizeUrl(clientId, '&prompt=consent').replace('state=xyz', 'state=no'));
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect.poll(() => received()?.searchParams.get('error') ?? null).toBe('access_denied');
  expect(received()!.searchParams.get('state')).toBe('no');
});
