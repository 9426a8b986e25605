import { expect, test } from './fixtures';
import { APP_PORT } from '../playwright.config';
import { logIn, person, register, uniqueEmail, verifyAddress, type Person } from './helpers';

const ADMIN: Person = {
  firstName: 'Ada',
  lastName: 'Admin',
  email: 'admin@portico.example',
  password: 'portico-demo-password',
};

// "Connected apps" on the profile needs a grant, which only the OpenID Connect flow makes
// (built beside this): the integration tests (server/tests/integration/apps*.rs) cover it.
test('an administrator registers an app and sees its secret once; a consumer’s home links to it', async ({
  page,
  browser,
  request,
}) => {
  const name = `Support desk ${Date.now()}`;
  await logIn(page, ADMIN, 'admin');
  await expect(page).toHaveURL(/\/admin$/);
  await page.getByRole('link', { name: 'Apps', exact: true }).first().click();
  await expect(page.getByRole('heading', { name: 'Apps', exact: true })).toBeVisible();

  // A wildcard is refused on its field, and what was typed stays.
  await page.getByLabel('Name', { exact: true }).fill(name);
  await page.getByLabel('Description').fill('Ask us anything');
  await page.getByLabel('Redirect URIs', { exact: true }).fill('https://*.desk.example/callback');
  await page.getByLabel('Start address').fill('https://desk.example/start');
  await page.getByLabel('Consumer portal').check();
  await page.getByRole('button', { name: 'Register the app' }).click();
  await expect(page.locator('#redirect_uris-error')).toContainText('has a *');
  await expect(page.getByLabel('Name', { exact: true })).toHaveValue(name);

  await page.getByLabel('Redirect URIs', { exact: true }).fill('https://desk.example/callback');
  await page.getByRole('button', { name: 'Register the app' }).click();
  await expect(page.getByText('it is shown only this once')).toBeVisible();
  const clientId = (await page.locator('#issued-client-id').textContent())!;
  const secret = (await page.locator('#issued-client-secret').textContent())!;
  expect(secret).toHaveLength(43);

  // Never again: not in the list, not on the app's page, where the client ID stays.
  await page.goto('/admin/apps');
  await expect(page.getByRole('link', { name })).toBeVisible();
  expect(await page.content()).not.toContain(secret);
  await page.getByRole('link', { name }).click();
  await expect(page.locator('#client-id')).toHaveText(clientId);
  expect(await page.content()).not.toContain(secret);

  // A consumer's home lists it as a link that starts the app's sign-in.
  const bob: Person = { ...person(uniqueEmail('bob')), firstName: 'Bob' };
  const visitor = await (await browser.newContext({ baseURL: `http://localhost:${APP_PORT}` })).newPage();
  await register(visitor, bob, true, 'csp');
  await verifyAddress(visitor, request, bob.email);
  await logIn(visitor, bob, 'csp');
  await expect(visitor).not.toHaveURL(/log-in/);
  await visitor.goto('/csp');
  const link = visitor.getByRole('link', { name });
  await expect(link).toHaveAttribute('href', /^https:\/\/desk\.example\/start\?iss=http%3A%2F%2F/);
  await expect(visitor.getByText('Ask us anything')).toBeVisible();
});
