import { expect, expectSignedIn, shown, test, visits } from './oidc-fixtures';
import { person, register, uniqueEmail, verifyAddress } from './helpers';

// A third-party app (not the organisation's own) gets what a person shares only after
// they allow it on Portico's consent page; the answer is remembered per person and app.

test('a third-party app asks for consent, and the answer is remembered on the next sign-in', async ({
  page,
  request,
  forum,
}) => {
  const ada = person(uniqueEmail('consent'));
  await register(page, ada, true);
  await verifyAddress(page, request, ada.email);

  await page.goto(`${forum.url}/login`);
  await page.getByLabel('Email', { exact: true }).fill(ada.email);
  await page.getByLabel('Password', { exact: true }).fill(ada.password);
  await page.getByRole('button', { name: 'Log in', exact: true }).click();
  // The consent page names the app and asks.
  const allow = page.getByRole('button', { name: /allow/i });
  await expect(allow).toBeVisible();
  await expect(page.getByText(forum.name).first()).toBeVisible();
  await allow.click();
  await expectSignedIn(page, forum, ada);
  const claims = await shown(page, 'claims');
  expect([claims.aud].flat()).toEqual([forum.clientId]);
  expect(claims.email).toBe(ada.email);

  // Remembered: signing in again goes straight back to the app.
  const seen = visits(page);
  await page.goto(`${forum.url}/login`);
  await expectSignedIn(page, forum, ada);
  expect(seen.filter((url) => url.includes('/oidc/consent')), 'no consent page the second time').toEqual([]);
});

test('cancelling the consent sends the app access_denied and nothing about the person', async ({
  page,
  request,
  forum,
}) => {
  const ada = person(uniqueEmail('refuses'));
  await register(page, ada, true);
  await verifyAddress(page, request, ada.email);

  await page.goto(`${forum.url}/login`);
  await page.getByLabel('Email', { exact: true }).fill(ada.email);
  await page.getByLabel('Password', { exact: true }).fill(ada.password);
  await page.getByRole('button', { name: 'Log in', exact: true }).click();
  await expect(page.getByRole('button', { name: /allow/i })).toBeVisible();
  await page.getByRole('button', { name: /cancel/i }).or(page.getByRole('link', { name: /cancel/i })).click();
  await expect(page).toHaveURL(new RegExp(`^${forum.url}/callback`));
  await expect(page.locator('#error')).toHaveText('access_denied');
  await page.goto(`${forum.url}/`);
  await expect(page.locator('#status')).toHaveText('Not signed in.');
});
