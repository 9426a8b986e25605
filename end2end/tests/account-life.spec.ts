import { execFileSync } from 'node:child_process';
import { type APIRequestContext, type Browser, type Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { APP_PORT, MAILDEV_WEB_PORT } from '../playwright.config';
import { emailTo, logIn, person, register, uniqueEmail, verifyAddress, type Door, type Person } from './helpers';

// The demo data the server seeds (server/src/bootstrap.rs).
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

/** Runs SQL on the test server's database (a parameter per `?`). */
function sql(statement: string, ...parameters: string[]) {
  const script = `
import sqlite3, sys
db = sqlite3.connect('../target/e2e/portico.db')
db.execute(sys.argv[1], sys.argv[2:])
db.commit()
`;
  execFileSync('python3', ['-c', script, statement, ...parameters]);
}

async function asSomeoneElse(browser: Browser, who: Person, door: Door = 'csm'): Promise<Page> {
  const context = await browser.newContext({ baseURL: `http://localhost:${APP_PORT}` });
  const page = await context.newPage();
  await logIn(page, who, door);
  await expect(page).not.toHaveURL(/log-in/);
  return page;
}

/** Every invitation link emailed to `to`, oldest first. */
async function invitationLinks(request: APIRequestContext, to: string): Promise<string[]> {
  const response = await request.get(`http://127.0.0.1:${MAILDEV_WEB_PORT}/email`);
  const emails: any[] = await response.json();
  return emails
    .filter((e) => e.to.some((r: { address: string }) => r.address.toLowerCase() === to.toLowerCase()))
    .map((e) => /(http:\/\/\S+\/csm\/invitation\?token=[A-Za-z0-9_-]+)/.exec(e.text)?.[1])
    .filter((link): link is string => link !== undefined);
}

async function invite(carol: Page, who: Person, role: 'Contact' | 'Customer administrator' = 'Contact') {
  await carol.goto('/csm/contacts');
  await carol.getByLabel('First name').fill(who.firstName);
  await carol.getByLabel('Last name').fill(who.lastName);
  await carol.getByLabel('Email address').fill(who.email);
  await carol
    .getByRole('radio', { name: role === 'Contact' ? /^Contact$/ : /^Customer administrator/ })
    .check();
  await carol.getByRole('button', { name: 'Send the invitation' }).click();
  await expect(carol.getByRole('status')).toContainText(`Invited ${who.firstName} ${who.lastName}`);
}

test('an invited person accepts by email and is signed in as a contact of the company', async ({
  browser,
  page,
  request,
}) => {
  const carol = await asSomeoneElse(browser, CAROL);
  const ivy: Person = { ...person(uniqueEmail('ivy')), firstName: 'Ivy' };
  await invite(carol, ivy);
  await expect(carol.getByRole('row', { name: new RegExp(ivy.email) })).toContainText('Works until');

  const email = await emailTo(request, ivy.email, /invited you to Acme Supplies/);
  const link = /(http:\/\/\S+\/csm\/invitation\?token=[A-Za-z0-9_-]+)/.exec(email.text)![1];
  await page.goto(link);
  await expect(page.getByRole('heading', { name: 'Join Acme Supplies' })).toBeVisible();
  await page.getByLabel('Password', { exact: true }).fill(ivy.password);
  await page.getByLabel('Confirm password').fill(ivy.password);
  await page.getByRole('button', { name: 'Accept and log in' }).click();
  await expect(page.getByRole('alert')).toContainText('Agree to the Privacy Policy');
  await page.getByLabel('Password', { exact: true }).fill(ivy.password);
  await page.getByLabel('Confirm password').fill(ivy.password);
  await page.getByLabel('I agree to the').check();
  await page.getByRole('button', { name: 'Accept and log in' }).click();
  await expect(page).toHaveURL(/\/csm$/);
  await expect(page.locator('#who-you-are')).toHaveText('You are a contact of Acme Supplies.');

  // Accepted: the invitation leaves the list, and its link is spent.
  await carol.goto('/csm/contacts');
  await expect(carol.getByRole('row', { name: new RegExp(ivy.email) })).toContainText('Active');
  await page.goto(link);
  await expect(page.getByRole('heading', { name: 'This invitation was accepted already' })).toBeVisible();
});

test('resending an invitation makes the old link fail; revoking ends it', async ({ browser, page, request }) => {
  const carol = await asSomeoneElse(browser, CAROL);
  const ivy: Person = { ...person(uniqueEmail('ivy')), firstName: 'Ivy' };
  await invite(carol, ivy, 'Customer administrator');
  await expect.poll(async () => (await invitationLinks(request, ivy.email)).length).toBe(1);

  // An invitation goes out again at most once a minute.
  test.setTimeout(150_000);
  await carol.getByRole('button', { name: `Resend: ${ivy.email}` }).click();
  await expect(carol.getByRole('alert')).toContainText('was sent this invitation a short while ago');
  await carol.waitForTimeout(61_000);
  await carol.getByRole('button', { name: `Resend: ${ivy.email}` }).click();
  await expect(carol.getByRole('status')).toContainText('the earlier link no longer works');
  await expect.poll(async () => (await invitationLinks(request, ivy.email)).length).toBe(2);
  const [first, second] = await invitationLinks(request, ivy.email);
  await page.goto(first);
  await expect(page.getByRole('heading', { name: 'This invitation no longer works' })).toBeVisible();
  await page.goto(second);
  await expect(page.getByRole('heading', { name: 'Join Acme Supplies' })).toBeVisible();

  await carol.getByRole('button', { name: `Revoke: ${ivy.email}` }).click();
  await carol.getByRole('button', { name: `Yes, revoke the invitation to ${ivy.email}` }).click();
  await expect(carol.getByRole('status')).toContainText(`Revoked Ivy Lovelace's invitation`);
  await page.goto(second);
  await expect(page.getByRole('heading', { name: 'This invitation no longer works' })).toBeVisible();
});

async function deleteMyAccount(page: Page, who: Person) {
  await page.goto('/csp/profile');
  await page.getByRole('link', { name: 'Delete my account' }).click();
  await expect(page.getByRole('heading', { name: 'Delete your account' })).toBeVisible();
  await page.getByLabel('Your password').fill(who.password);
  await page.getByRole('button', { name: 'Delete my account' }).click();
  await expect(page.locator('#deletion-scheduled')).toContainText('Your account will be deleted on');
}

test('deleting an account: scheduled, cancelled by logging in, then carried out when due', async ({
  page,
  request,
}) => {
  const ada = person();
  await register(page, ada, true);
  await verifyAddress(page, request, ada.email);
  await logIn(page, ada);
  await expect(page).toHaveURL(/\/csp$/);

  await deleteMyAccount(page, ada);
  await emailTo(request, ada.email, /Your account will be deleted/);
  await page.goto('/csp/profile');
  await expect(page.getByRole('heading', { name: 'Log in to see this page' })).toBeVisible();

  // Logging in within the 7 days keeps the account.
  await logIn(page, ada);
  await expect(page).toHaveURL(/\/csp$/);
  await emailTo(request, ada.email, /Your account will not be deleted/);

  // Asked again, and this time the 7 days pass (the clock moved in the database).
  await deleteMyAccount(page, ada);
  sql(
    "UPDATE users SET deletion_due_at = '2000-01-01 00:00:00+00:00' WHERE email_normalized = ?",
    ada.email.toLowerCase(),
  );
  await logIn(page, ada);
  await expect(page.getByRole('alert')).toContainText('Email address or password is incorrect');
  // The address is free again.
  await register(page, ada, true);
});

test('new terms are asked for at log-in, before any page; agreeing goes on', async ({ page, request }) => {
  const ada = person();
  await register(page, ada, true);
  await verifyAddress(page, request, ada.email);
  sql(
    "UPDATE consents SET version = '2025-01-01' WHERE user_id = (SELECT id FROM users WHERE email_normalized = ?)",
    ada.email.toLowerCase(),
  );
  await logIn(page, ada);
  await expect(page).toHaveURL(/\/csp\/accept-terms$/);
  await expect(page.getByRole('heading', { name: 'Our Privacy Policy or Terms and Conditions have changed' })).toBeVisible();
  await expect(page.locator('#changed-policies')).toContainText('Privacy Policy');
  // Not logged in meanwhile.
  await page.goto('/csp/profile');
  await expect(page.getByRole('heading', { name: 'Log in to see this page' })).toBeVisible();
  await page.goto('/csp/accept-terms');
  await page.getByRole('button', { name: 'Agree and continue' }).click();
  await expect(page.getByRole('alert')).toContainText('Tick the box to agree');
  await page.getByLabel('I agree to the new versions').check();
  await page.getByRole('button', { name: 'Agree and continue' }).click();
  await expect(page).toHaveURL(/\/csp$/);
  await expect(page.getByRole('banner').getByText(ada.firstName, { exact: true })).toBeVisible();
});

test('declining new terms logs out', async ({ page, request }) => {
  const ada = person();
  await register(page, ada, true);
  await verifyAddress(page, request, ada.email);
  sql(
    "UPDATE consents SET version = '2025-01-01' WHERE user_id = (SELECT id FROM users WHERE email_normalized = ?)",
    ada.email.toLowerCase(),
  );
  await logIn(page, ada);
  await page.getByRole('button', { name: 'Decline and log out' }).click();
  await expect(page.locator('#terms-declined')).toContainText('You are logged out');
  await page.goto('/csp/profile');
  await expect(page.getByRole('heading', { name: 'Log in to see this page' })).toBeVisible();
});

test('an administrator finds a person by part of their address and deletes the account with a reason', async ({
  browser,
  page,
  request,
}) => {
  const ada = person(uniqueEmail('findme'));
  await register(page, ada, true);
  await verifyAddress(page, request, ada.email);
  const admin = await asSomeoneElse(browser, ADMIN, 'admin');
  const part = ada.email.split('@')[0].slice(0, 14);
  await admin.goto('/admin/people');
  await admin.getByLabel('Email address or name').fill(part);
  await admin.getByRole('button', { name: 'Search' }).click();
  await expect(admin.getByRole('row', { name: new RegExp(ada.email) })).toBeVisible();

  await admin.getByRole('button', { name: `Delete account now: ${ada.email}` }).click();
  await expect(admin.getByRole('alert')).toContainText('Say why the account is deleted');
  await admin.getByRole('row', { name: new RegExp(ada.email) }).getByLabel('Reason').fill('Asked us by phone');
  await admin.getByRole('button', { name: `Delete account now: ${ada.email}` }).click();
  await admin.getByRole('button', { name: `Yes, delete ${ada.email}` }).click();
  await expect(admin.getByRole('status')).toContainText("Deleted Ada Lovelace's account");
  await logIn(page, ada);
  await expect(page.getByRole('alert')).toContainText('Email address or password is incorrect');
});

test('an administrator registers a webhook; a new registration reaches the receiver, signed', async ({
  browser,
  page,
  request,
}) => {
  const { createServer } = await import('node:http');
  const { createHmac } = await import('node:crypto');
  const received: { signature: string; body: string }[] = [];
  const receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      received.push({ signature: String(req.headers['x-portico-signature'] ?? ''), body });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const port = (receiver.address() as { port: number }).port;
  const secret = 'e2e shared secret, long enough';
  try {
    const admin = await asSomeoneElse(browser, ADMIN, 'admin');
    await admin.goto('/admin/webhooks');
    await admin.getByLabel('Address (URL)').fill(`http://127.0.0.1:${port}/hooks`);
    await admin.getByLabel('Secret').fill('short');
    await admin.getByRole('button', { name: 'Add the webhook' }).click();
    await expect(admin.getByRole('alert')).toContainText('at least 24 characters');
    await expect(admin.getByLabel('Address (URL)')).toHaveValue(`http://127.0.0.1:${port}/hooks`);
    await admin.getByLabel('Secret').fill(secret);
    await admin.getByLabel('user.registered').check();
    await admin.getByRole('button', { name: 'Add the webhook' }).click();
    await expect(admin.getByRole('status')).toContainText('Webhooks for user.registered now go to');

    const ada = person(uniqueEmail('hooked'));
    await register(page, ada, true);
    await expect.poll(() => received.some((r) => r.body.includes(ada.email)), { timeout: 15_000 }).toBe(true);
    const delivery = received.find((r) => r.body.includes(ada.email))!;
    const [, t, v1] = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(delivery.signature)!;
    expect(createHmac('sha256', secret).update(`${t}.${delivery.body}`).digest('hex')).toBe(v1);
    expect(JSON.parse(delivery.body).type).toBe('user.registered');

    await admin.goto('/admin/webhooks');
    await expect(admin.getByRole('row', { name: new RegExp(`127.0.0.1:${port}`) }).first()).toBeVisible();
    await admin.goto('/admin/outbox');
    await expect(admin.getByRole('heading', { name: 'Outbox' })).toBeVisible();
    // Removed, so that later tests' registrations do not post to a closed port.
    await admin.goto('/admin/webhooks');
    await admin.getByRole('button', { name: `Remove the webhook to http://127.0.0.1:${port}/hooks` }).click();
    await admin.getByRole('button', { name: 'Yes, remove the webhook' }).click();
    await expect(admin.getByRole('status')).toContainText('Removed the webhook');
  } finally {
    receiver.close();
  }
});

test('the company list is searched and paged on the server', async ({ browser }) => {
  const admin = await asSomeoneElse(browser, ADMIN, 'admin');
  await admin.goto('/admin');
  await admin.getByLabel('Find a company by its name or code').fill('acme-7k2q');
  await admin.getByRole('button', { name: 'Search' }).click();
  await expect(admin).toHaveURL(/\/admin\?q=acme-7k2q/);
  await expect(admin.getByRole('link', { name: 'Acme Supplies' })).toBeVisible();
  await expect(admin.getByRole('link', { name: 'Globex Corporation' })).toHaveCount(0);
});

test("a person's page shows their account and history; disabling their login shows in the audit log", async ({
  browser,
  page,
  request,
}) => {
  const ada = person(uniqueEmail('record'));
  await register(page, ada, true);
  await verifyAddress(page, request, ada.email);
  const admin = await asSomeoneElse(browser, ADMIN, 'admin');
  await admin.goto(`/admin/people?q=${encodeURIComponent(ada.email)}`);
  await admin.getByRole('link', { name: 'Ada Lovelace' }).click();
  await expect(admin.getByRole('heading', { name: 'Ada Lovelace' })).toBeVisible();
  await expect(admin.locator('#person-facts')).toContainText(ada.email);
  await expect(admin.locator('#audit-entries')).toContainText('registered');
  await admin.getByRole('button', { name: 'Disable login' }).click();
  await admin.getByRole('button', { name: `Yes, disable the login of ${ada.email}` }).click();
  await expect(admin.getByRole('status')).toContainText("Disabled Ada Lovelace's login");
  await expect(admin.locator('#person-status')).toHaveText('Login disabled');
  await logIn(page, ada);
  await expect(page.getByRole('alert')).toContainText('Your account is disabled');

  await admin.goto('/admin/audit');
  await admin.getByLabel('Person (part of a name or address)').fill(ada.email);
  await admin.getByLabel('Action').selectOption('login_disabled');
  await admin.getByRole('button', { name: 'Filter' }).click();
  await expect(admin.locator('#audit-entries tbody tr')).toHaveCount(1);
  await expect(admin.locator('#audit-entries')).toContainText('login disabled');
});
