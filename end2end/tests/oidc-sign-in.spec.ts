import { type APIRequestContext, type Page } from '@playwright/test';
import {
  ISSUER,
  expect,
  expectSignedIn,
  shown,
  signInThroughPortico,
  test,
  visits,
} from './oidc-fixtures';
import { person, register, uniqueEmail, verifyAddress, type Person } from './helpers';

// Signing in to apps through Portico, as an app built on openid-client (rp/app.mjs) sees it:
// every ID token and userinfo answer below passed that library's checks (signature through
// the JWKS, iss, aud, exp, nonce, state, PKCE, the iss of the authorization response).

// The demo data's company whose addresses are approved at verification (bootstrap.rs).
const GLOBEX_CODE = 'GBXN-4RTV-8HZM';

async function consumer(page: Page, request: APIRequestContext): Promise<Person> {
  const who = person(uniqueEmail('oidc'));
  await register(page, who, true);
  await verifyAddress(page, request, who.email);
  return who;
}

test('a consumer signs in to an app through Portico, and the app learns who they are', async ({
  page,
  request,
  supportDesk,
}) => {
  const ada = await consumer(page, request);
  await signInThroughPortico(page, supportDesk, ada);

  const claims = await shown(page, 'claims');
  expect(claims.iss).toBe(ISSUER);
  expect([claims.aud].flat()).toEqual([supportDesk.clientId]);
  // Stable and opaque: never the address.
  expect(claims.sub).toMatch(/^[A-Za-z0-9_-]{16,}$/);
  expect(claims.sub).not.toContain('@');
  expect(claims).toMatchObject({
    email: ada.email,
    email_verified: true,
    name: `${ada.firstName} ${ada.lastName}`,
    given_name: ada.firstName,
    family_name: ada.lastName,
    locale: 'en',
    portal: 'csp',
  });
  expect(claims.amr).toContain('pwd');
  expect(typeof claims.sid).toBe('string');
  expect(typeof claims.auth_time).toBe('number');
  // A consumer belongs to no company.
  expect(claims.company).toBeUndefined();
  expect(claims.role).toBeUndefined();

  const userinfo = await shown(page, 'userinfo');
  expect(userinfo).toMatchObject({ sub: claims.sub, email: ada.email, portal: 'csp', given_name: ada.firstName });
});

test('a business contact signs in with the portico scope: their company and role reach the app', async ({
  page,
  request,
  partnerPortal,
}) => {
  const hank: Person = { ...person(uniqueEmail('hank').replace('example.com', 'globex.example')), code: GLOBEX_CODE };
  await register(page, hank, true, 'csm');
  await verifyAddress(page, request, hank.email);
  await signInThroughPortico(page, partnerPortal, hank);

  const claims = await shown(page, 'claims');
  expect(claims.portal).toBe('csm');
  expect(claims.company).toMatchObject({ name: 'Globex Corporation' });
  expect(claims.company.id).toBeDefined();
  expect(claims.role).toBe('contact');
  const userinfo = await shown(page, 'userinfo');
  expect(userinfo).toMatchObject({ sub: claims.sub, portal: 'csm', company: claims.company, role: 'contact' });
});

test('single sign-on: a second app signs in without asking for the password', async ({
  page,
  request,
  supportDesk,
  shop,
}) => {
  const ada = await consumer(page, request);
  await signInThroughPortico(page, supportDesk, ada);
  const first = await shown(page, 'claims');

  const seen = visits(page);
  await page.goto(`${shop.url}/login`);
  await expectSignedIn(page, shop, ada);
  expect(seen.filter((url) => url.includes('/log-in')), 'no log-in page on the way').toEqual([]);
  const second = await shown(page, 'claims');
  expect([second.aud].flat()).toEqual([shop.clientId]);
  expect(second.sub).toBe(first.sub);
  // The same Portico session.
  expect(second.sid).toBe(first.sid);
});

test('a public client signs in with PKCE and no secret', async ({ page, request, mobileApp }) => {
  const ada = await consumer(page, request);
  await signInThroughPortico(page, mobileApp, ada);
  const claims = await shown(page, 'claims');
  expect([claims.aud].flat()).toEqual([mobileApp.clientId]);
  expect(claims.email).toBe(ada.email);
});

test('prompt=none without a Portico session answers the app login_required', async ({ page, supportDesk }) => {
  await page.goto(`${supportDesk.url}/login?prompt=none`);
  await expect(page).toHaveURL(new RegExp(`^${supportDesk.url}/callback`));
  await expect(page.locator('#error')).toHaveText('login_required');
});

test('prompt=login asks for the password again despite a Portico session', async ({
  page,
  request,
  supportDesk,
  shop,
}) => {
  const ada = await consumer(page, request);
  await signInThroughPortico(page, supportDesk, ada);
  await page.goto(`${shop.url}/login?prompt=login`);
  await expect(page).toHaveURL(/^http:\/\/localhost:\d+\/csp\/log-in/);
});

test('login_hint fills in the address and ui_locales chooses the language of the log-in page', async ({
  page,
  supportDesk,
}) => {
  const email = uniqueEmail('hinted');
  await page.goto(`${supportDesk.url}/login?login_hint=${encodeURIComponent(email)}&ui_locales=de`);
  await expect(page).toHaveURL(/^http:\/\/localhost:\d+\/csp\/log-in/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'de');
  await expect(page.locator('input[type=email]')).toHaveValue(email);
  // No address travels in a URL.
  expect(page.url()).not.toContain(encodeURIComponent(email));
});
