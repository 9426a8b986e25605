import { type APIRequestContext, type Page } from '@playwright/test';
import { ISSUER, expect, shown, signInThroughPortico, test, type RelyingParty } from './oidc-fixtures';
import { person, register, uniqueEmail, verifyAddress } from './helpers';

// Logging out ends the app sessions too: RP-initiated logout (the app sends the person to
// Portico with its ID token) and Back-Channel Logout (Portico posts a signed logout token
// to the app, which rp/app.mjs checks with jose against Portico's JWKS).

async function signedIn(page: Page, request: APIRequestContext, rp: RelyingParty) {
  const ada = person(uniqueEmail('logout'));
  await register(page, ada, true);
  await verifyAddress(page, request, ada.email);
  await signInThroughPortico(page, rp, ada);
  return { ada, claims: await shown(page, 'claims') };
}

/** The logout tokens the app received for this Portico session. */
async function logoutsFor(rp: RelyingParty, sid: string) {
  return (await rp.backchannelLog()).filter((token) => token.sid === sid);
}

test('RP-initiated logout logs the person out of Portico and returns to the app with its state', async ({
  page,
  request,
  supportDesk,
}) => {
  await signedIn(page, request, supportDesk);

  await page.goto(`${supportDesk.url}/logout`);
  // Portico asks first (no destructive action on the first click), then returns.
  const back = page.locator('#status');
  const confirm = page.getByRole('main').getByRole('button', { name: /log out/i });
  await expect(back.or(confirm)).toBeVisible();
  if (await confirm.isVisible()) await confirm.click();
  await expect(page).toHaveURL(new RegExp(`^${supportDesk.url}/logged-out`));
  // The app checked that the state is the one it sent.
  await expect(back).toHaveText('Signed out.');

  // Logged out of Portico: signing in to the app asks for the password again.
  await page.goto(`${supportDesk.url}/login`);
  await expect(page).toHaveURL(/^http:\/\/localhost:\d+\/csp\/log-in/);
});

test('logging out of Portico sends the app a back-channel logout for that session', async ({
  page,
  request,
  supportDesk,
}) => {
  const { claims } = await signedIn(page, request, supportDesk);

  await page.goto(`${ISSUER}/csp`);
  await page.getByRole('banner').getByRole('button', { name: 'Log out' }).click();
  await expect(page.getByRole('banner').getByRole('link', { name: 'Log in' })).toBeVisible();

  // Posted from the outbox: it arrives shortly after.
  await expect.poll(async () => (await logoutsFor(supportDesk, claims.sid)).length, { timeout: 15_000 }).toBe(1);
  const [token] = await logoutsFor(supportDesk, claims.sid);
  expect(token).toMatchObject({ iss: ISSUER, aud: supportDesk.clientId, sub: claims.sub, sid: claims.sid });
  expect(token.events).toHaveProperty(['http://schemas.openid.net/event/backchannel-logout']);
  expect(token.nonce).toBeUndefined();

  // The app ended its own session on receiving it.
  await page.goto(`${supportDesk.url}/`);
  await expect(page.locator('#status')).toHaveText('Signed out by the provider (back-channel logout).');
});
