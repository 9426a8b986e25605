import { expect, test } from './fixtures';
import { APP_PORT } from '../playwright.config';
import { emailTo, logIn, person, register, uniqueEmail, verificationLink, type Person } from './helpers';

const ADMIN: Person = {
  firstName: 'Ada',
  lastName: 'Admin',
  email: 'admin@portico.example',
  password: 'portico-demo-password',
};

test('an administrator creates a company, regenerates its code and sees a request made with the new code', async ({
  page,
  browser,
  request,
}) => {
  const company = `Initech ${Date.now()}`;
  await logIn(page, ADMIN, 'admin');
  await expect(page).toHaveURL(/\/admin$/);

  // A bad domain is refused on its field, and what was typed stays.
  await page.getByLabel('Company name').fill(company);
  await page.getByLabel('Email domains').fill('initech.example, not a domain');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('alert')).toContainText('is not an email domain');
  await expect(page.getByLabel('Company name')).toHaveValue(company);

  await page.getByLabel('Email domains').fill('initech.example');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('status')).toContainText(`Created ${company}. Its registration code is`);
  await page.getByRole('link', { name: company }).click();
  const shown = page.locator('#registration-code');
  const first = (await shown.textContent())!;
  expect(first).toMatch(/^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/);
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.getByRole('button', { name: 'Copy' }).click();
  await expect(page.getByRole('button', { name: 'Copied' })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(first);
  await page.getByRole('button', { name: 'Regenerate code' }).click();
  await expect(page.getByRole('status')).toContainText('The old code no longer works');
  const second = (await shown.textContent())!;
  expect(second).not.toBe(first);

  // Peter registers with the new code: the company's page lists his request.
  const peter: Person = { ...person(uniqueEmail('peter')), firstName: 'Peter', code: second };
  const visitor = await (await browser.newContext({ baseURL: `http://localhost:${APP_PORT}` })).newPage();
  await register(visitor, peter, true, 'csm');
  await visitor.goto(await verificationLink(request, peter.email));
  await visitor.getByRole('button', { name: 'Verify email address' }).click();
  await expect(visitor.getByText('pending review')).toBeVisible();

  await page.reload();
  await expect(page.getByText(`${peter.firstName} ${peter.lastName} (${peter.email})`)).toBeVisible();
});

test('a customer administrator disables and enables a contact login', async ({ page, browser, request }) => {
  // Hank joins Globex, which approves its own domain automatically.
  const hank: Person = {
    ...person(uniqueEmail('hank').replace('example.com', 'globex.example')),
    firstName: 'Hank',
    code: 'GBXN-4RTV-8HZM',
  };
  await register(page, hank, true, 'csm');
  await page.goto(await verificationLink(request, hank.email));
  await page.getByRole('button', { name: 'Verify email address' }).click();
  await expect(page.getByText('Your account is ready.')).toBeVisible();

  // An administrator makes Hank Globex's customer administrator.
  const admin = await (await browser.newContext({ baseURL: `http://localhost:${APP_PORT}` })).newPage();
  await logIn(admin, ADMIN, 'admin');
  await expect(admin).toHaveURL(/\/admin$/);
  await admin.getByRole('link', { name: 'Globex Corporation' }).click();
  await admin.getByRole('button', { name: `Make customer administrator: Hank ${hank.lastName}` }).click();
  await expect(admin.getByRole('status')).toContainText('is now a customer administrator');

  // Ivy joins Globex too; Hank disables her login, and she is told so.
  const ivy: Person = {
    ...person(uniqueEmail('ivy').replace('example.com', 'globex.example')),
    firstName: 'Ivy',
    code: 'GBXN-4RTV-8HZM',
  };
  const ivyPage = await (await browser.newContext({ baseURL: `http://localhost:${APP_PORT}` })).newPage();
  await register(ivyPage, ivy, true, 'csm');
  await ivyPage.goto(await verificationLink(request, ivy.email));
  await ivyPage.getByRole('button', { name: 'Verify email address' }).click();
  await expect(ivyPage.getByText('Your account is ready.')).toBeVisible();

  await logIn(page, hank, 'csm');
  await page.getByRole('banner').getByRole('link', { name: 'Contacts' }).click();
  await page.getByRole('button', { name: `Disable login: Ivy ${ivy.lastName}` }).click();
  await page.getByRole('button', { name: `Yes, disable the login of ${ivy.email}` }).click();
  await expect(page.getByRole('status')).toContainText(`Disabled Ivy ${ivy.lastName}'s login`);
  await emailTo(request, ivy.email, /disabled/);
  await logIn(ivyPage, ivy, 'csm');
  await expect(ivyPage.getByRole('alert')).toContainText('Your login has been disabled by your company');

  await page.getByRole('button', { name: `Enable login: Ivy ${ivy.lastName}` }).click();
  await expect(page.getByRole('status')).toContainText(`Enabled Ivy ${ivy.lastName}'s login`);
  await logIn(ivyPage, ivy, 'csm');
  await expect(ivyPage).toHaveURL(/\/csm$/);
});

test('the administration pages are served without the WebAssembly the portals hydrate with', async ({ request }) => {
  for (const path of ['/admin', '/admin/pending', '/csm/approvals', '/csm/contacts']) {
    const html = await (await request.get(path)).text();
    expect(html, path).not.toMatch(/portico\.[\w-]+\.wasm/);
  }
  const portal = await (await request.get('/csm')).text();
  expect(portal).toMatch(/portico\.[\w-]+\.wasm/);
});
