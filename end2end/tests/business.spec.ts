import { type Browser, type Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { APP_PORT } from '../playwright.config';
import {
  agreeToPolicies,
  emailTo,
  fillRegistration,
  logIn,
  person,
  register,
  solveSecurityCode,
  uniqueEmail,
  verificationLink,
  type Door,
  type Person,
} from './helpers';

// The demo data the server seeds (server/src/bootstrap.rs, shown in the README).
const ACME_CODE = 'ACME-7K2Q-9XPW';
const GLOBEX_CODE = 'GBXN-4RTV-8HZM';
const CAROL: Person = {
  firstName: 'Carol',
  lastName: 'Jones',
  email: 'carol@acme.example',
  password: 'acme-demo-password',
};
const ADMIN: Person = {
  firstName: 'Ada',
  lastName: 'Admin',
  email: 'admin@portico.example',
  password: 'portico-demo-password',
};

/** Opens the emailed link and confirms; returns the page's message. */
async function verifyBusinessAddress(page: Page, request: any, who: Person) {
  const link = await verificationLink(request, who.email);
  expect(link).toContain('/csm/verify?token=');
  await page.goto(link);
  await page.getByRole('button', { name: 'Verify email address' }).click();
  await expect(page.getByRole('heading', { name: 'Your email address is verified' })).toBeVisible();
}

/** Logs in as someone else in a browser of their own. */
async function asSomeoneElse(browser: Browser, who: Person, door: Door = 'csm'): Promise<Page> {
  const context = await browser.newContext({ baseURL: `http://localhost:${APP_PORT}` });
  const page = await context.newPage();
  await logIn(page, who, door);
  await expect(page).not.toHaveURL(/log-in/);
  return page;
}

test('a contact registers with a code, the customer administrator approves, the contact logs in', async ({
  page,
  browser,
  request,
}) => {
  const ada: Person = { ...person(uniqueEmail('ada')), code: ACME_CODE.toLowerCase() };

  await page.goto('/csm');
  await page.getByRole('banner').getByRole('link', { name: 'Register' }).click();
  await expect(page.getByRole('heading', { name: 'Register for the Customer Service Management portal' })).toBeVisible();
  await expect(page.getByText("Your company's customer administrator can give you this code")).toBeVisible();
  await register(page, ada, true, 'csm');
  await verifyBusinessAddress(page, request, ada);
  await expect(
    page.getByText("Your request has been submitted and is pending review by your company's customer administrators."),
  ).toBeVisible();
  await emailTo(request, ada.email, /pending review/);

  // Not yet: logging in leads to a calm page saying who decides (not an error).
  await logIn(page, ada, 'csm');
  await expect(page.getByRole('heading', { name: 'Your registration is waiting for approval' })).toBeVisible();
  await expect(page.getByRole('status')).toContainText('Your request to join Acme Supplies is with its customer administrators');
  await expect(page.getByRole('alert')).toHaveCount(0);

  // The customer administrator is emailed a link to the approvals page.
  const asked = await emailTo(request, CAROL.email, /needs your decision/);
  expect(asked.text).toContain('/csm/approvals');
  const carol = await asSomeoneElse(browser, CAROL);
  // Her home names her company and role, and says that requests wait for her.
  await expect(carol.locator('#who-you-are')).toHaveText('You are a customer administrator of Acme Supplies.');
  await expect(carol.locator('#waiting-requests')).toHaveText(/^[1-9]\d* registration requests? waits? for your decision\.$/);
  await carol.getByRole('banner').getByRole('link', { name: 'Approvals' }).click();
  await expect(carol.getByRole('heading', { name: 'Registration requests' })).toBeVisible();
  await expect(carol.getByText(ada.email)).toBeVisible();
  // Other tests' requests may carry the same name: the card is found by its address.
  await carol.getByRole('listitem').filter({ hasText: ada.email }).getByRole('button', { name: `Approve ${ada.firstName} ${ada.lastName}` }).click();
  await expect(carol.getByRole('status')).toContainText(`Approved ${ada.firstName} ${ada.lastName}`);

  const approved = await emailTo(request, ada.email, /approved/);
  expect(approved.text).toContain('/csm/log-in');
  await logIn(page, ada, 'csm');
  await expect(page).toHaveURL(/\/csm$/);
  await expect(page.getByRole('banner').getByText(ada.firstName, { exact: true })).toBeVisible();
});

test('a contact without a code is assigned a company by an administrator, then approved', async ({
  page,
  browser,
  request,
}) => {
  const bob: Person = { ...person(uniqueEmail('bob')), firstName: 'Bob', code: '' };
  await register(page, bob, true, 'csm');
  await verifyBusinessAddress(page, request, bob);
  await expect(page.getByText('You gave no registration code, so our staff first find')).toBeVisible();

  // The administrator lands on /admin after logging in.
  const admin = await asSomeoneElse(browser, ADMIN, 'admin');
  await expect(admin).toHaveURL(/\/admin$/);
  await admin.getByRole('link', { name: 'Pending registrations' }).first().click();
  const card = admin.getByRole('listitem').filter({ hasText: bob.email });
  await card.getByLabel('Company').selectOption({ label: 'Acme Supplies' });
  await card.getByRole('button', { name: "Send to the company's customer administrators" }).click();
  await expect(admin.getByRole('status')).toContainText('Acme Supplies');

  const carol = await asSomeoneElse(browser, CAROL);
  await carol.goto('/csm/approvals');
  await carol.getByRole('listitem').filter({ hasText: bob.email }).getByRole('button', { name: `Approve Bob ${bob.lastName}` }).click();
  await expect(carol.getByRole('status')).toContainText('Approved Bob');

  await emailTo(request, bob.email, /approved/);
  await logIn(page, bob, 'csm');
  await expect(page).toHaveURL(/\/csm$/);
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('an incorrect registration code is an error on its field, and the form keeps what was typed', async ({
    page,
  }) => {
  const eve: Person = { ...person(uniqueEmail('eve')), code: 'ACME-7K2Q-9XPX' };
  await page.goto('/csm/register');
  await fillRegistration(page, eve);
  await solveSecurityCode(page, false);
  await agreeToPolicies(page);
  await page.getByRole('button', { name: 'Sign Up' }).click();
  await expect(page.getByRole('alert')).toContainText('Incorrect registration code');
  const code = page.getByLabel('Registration code (optional)');
  await expect(code).toHaveAttribute('aria-invalid', 'true');
  await expect(code).toHaveValue('ACME-7K2Q-9XPX');
  await expect(page.getByLabel('Business email')).toHaveValue(eve.email);
  });
});

test('an address in the domain of an auto-approving company is let in at verification', async ({
  page,
  request,
}) => {
  const hank: Person = { ...person(uniqueEmail('hank').replace('example.com', 'globex.example')), code: GLOBEX_CODE };
  await register(page, hank, true, 'csm');
  await verifyBusinessAddress(page, request, hank);
  await expect(page.getByText('Your account is ready.')).toBeVisible();
  await emailTo(request, hank.email, /approved/);
  await logIn(page, hank, 'csm');
  await expect(page).toHaveURL(/\/csm$/);
  // A contact's home names the company and the role; registration steps are for visitors.
  await expect(page.locator('#who-you-are')).toHaveText('You are a contact of Globex Corporation.');
  await expect(page.getByRole('heading', { name: 'How business registration works' })).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Security' }).last()).toBeVisible();
});

test('a consumer who logs in at /csm is sent to /csp', async ({ page, request }) => {
  const ada = person();
  await register(page, ada, true);
  await page.goto(await verificationLink(request, ada.email));
  await page.getByRole('button', { name: 'Verify email address' }).click();

  await logIn(page, ada, 'csm');
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('Your account belongs to the Consumer Service Portal');
  await expect(page.getByRole('banner').getByRole('link', { name: 'Log in' })).toBeVisible();
  // One button carries the address over (never the password, never in the URL).
  await alert.getByRole('link', { name: 'Log in to the Consumer Service Portal with this address' }).click();
  await expect(page).toHaveURL(/\/csp\/log-in$/);
  await expect(page.getByLabel('Email', { exact: true })).toHaveValue(ada.email);
  await expect(page.getByLabel('Password', { exact: true })).toHaveValue('');
});

test('approvals are only for customer administrators', async ({ page }) => {
  const response = await page.goto('/csm/approvals');
  expect(response?.status()).toBe(401);
  await page.getByRole('link', { name: 'Log in' }).last().click();
  await expect(page).toHaveURL(/\/csm\/log-in\?next=\/csm\/approvals$/);
  await page.getByLabel('Email', { exact: true }).fill(CAROL.email);
  await page.getByLabel('Password', { exact: true }).fill(CAROL.password);
  await page.getByRole('button', { name: 'Log in', exact: true }).click();
  await expect(page).toHaveURL(/\/csm\/approvals$/);
  await expect(page.getByRole('heading', { name: 'Registration requests' })).toBeVisible();
});
