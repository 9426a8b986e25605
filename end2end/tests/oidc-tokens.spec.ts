import { type APIRequestContext, type Page } from '@playwright/test';
import { expect, shown, signInThroughPortico, test, type RelyingParty } from './oidc-fixtures';
import { person, register, uniqueEmail, verifyAddress } from './helpers';

// Refresh tokens (offline_access) rotate at every use; a used one presented again revokes
// the whole family. Revocation (RFC 7009) ends a token at once.

async function signedIn(page: Page, request: APIRequestContext, rp: RelyingParty) {
  const ada = person(uniqueEmail('tokens'));
  await register(page, ada, true);
  await verifyAddress(page, request, ada.email);
  await signInThroughPortico(page, rp, ada);
  return shown(page, 'claims');
}

test('a refresh rotates the refresh token; the old one is refused afterwards and ends the family', async ({
  page,
  request,
  supportDesk,
}) => {
  const first = await signedIn(page, request, supportDesk);

  await page.goto(`${supportDesk.url}/refresh`);
  await expect(page.locator('#rotated')).toHaveText('rotated');
  const refreshed = await shown(page, 'claims');
  expect(refreshed.sub).toBe(first.sub);
  expect([refreshed.aud].flat()).toEqual([supportDesk.clientId]);

  // The token just replaced, presented again: refused…
  await page.goto(`${supportDesk.url}/refresh?use=previous`);
  await expect(page.locator('#error')).toHaveText('invalid_grant');
  // …and the family it belongs to is revoked: the newest token is refused too.
  await page.goto(`${supportDesk.url}/refresh`);
  await expect(page.locator('#error')).toHaveText('invalid_grant');
});

test('revoked tokens stop working: userinfo refuses the access token, the refresh is refused', async ({
  page,
  request,
  supportDesk,
}) => {
  await signedIn(page, request, supportDesk);
  await page.goto(`${supportDesk.url}/userinfo`);
  await expect(page.locator('#userinfo')).toContainText('"sub"');

  await page.goto(`${supportDesk.url}/revoke`);
  await expect(page.locator('#revoked')).toHaveText('refresh access');
  await page.goto(`${supportDesk.url}/userinfo`);
  await expect(page.locator('#error')).toHaveText('invalid_token');
  await page.goto(`${supportDesk.url}/refresh`);
  await expect(page.locator('#error')).toHaveText('invalid_grant');
});
