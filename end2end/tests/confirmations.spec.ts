import { type Browser, type Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { APP_PORT } from '../playwright.config';
import { logIn, person, register, uniqueEmail, verificationLink, verifyAddress, type Person } from './helpers';

// No destructive click without a second look, in a browser with JavaScript: the first
// click shows what would happen to whom (by address), Cancel leaves everything as it
// was, and only Confirm acts. (The same without JavaScript: server/tests/integration/
// confirmations.rs.)

// The demo data the server seeds (server/src/bootstrap.rs, shown in the README).
const ACME_CODE = 'ACME-7K2Q-9XPW';
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

async function asSomeoneElse(browser: Browser, who: Person): Promise<Page> {
  const context = await browser.newContext({ baseURL: `http://localhost:${APP_PORT}` });
  const page = await context.newPage();
  await logIn(page, who, who.email === ADMIN.email ? 'admin' : 'csm');
  await expect(page).not.toHaveURL(/log-in/);
  return page;
}

test('deleting an account asks first, naming the address; Cancel keeps it; no button on one’s own row', async ({
  browser,
  page,
  request,
}) => {
  const ada = person(uniqueEmail('confirm-delete'));
  await register(page, ada, true);
  await verifyAddress(page, request, ada.email);
  const admin = await asSomeoneElse(browser, ADMIN);
  await admin.goto(`/admin/people?q=${encodeURIComponent(ada.email)}`);
  const row = admin.getByRole('row', { name: new RegExp(ada.email) });
  await row.getByLabel('Reason').fill('Asked us by phone');
  await admin.getByRole('button', { name: `Delete account now: ${ada.email}` }).click();

  const step = admin.getByRole('alertdialog', { name: 'Please confirm' });
  await expect(step).toContainText(`Delete the account of Ada Lovelace (${ada.email}) now?`);
  await expect(admin.getByRole('row', { name: new RegExp(ada.email) })).toBeVisible();
  await step.getByRole('link', { name: 'Cancel' }).click();
  await expect(admin.getByRole('alertdialog')).toHaveCount(0);
  await expect(admin.getByRole('row', { name: new RegExp(ada.email) })).toBeVisible();

  await admin.getByRole('row', { name: new RegExp(ada.email) }).getByLabel('Reason').fill('Asked us by phone');
  await admin.getByRole('button', { name: `Delete account now: ${ada.email}` }).click();
  await admin.getByRole('button', { name: `Yes, delete ${ada.email}` }).click();
  await expect(admin.getByRole('status')).toContainText("Deleted Ada Lovelace's account");
  await expect(admin.getByRole('row', { name: new RegExp(ada.email) })).toHaveCount(0);

  await admin.goto(`/admin/people?q=${encodeURIComponent(ADMIN.email)}`);
  await expect(admin.getByRole('row', { name: new RegExp(ADMIN.email) })).toBeVisible();
  await expect(admin.getByRole('button', { name: `Delete account now: ${ADMIN.email}` })).toHaveCount(0);
});

test('a customer administrator’s Reject asks first, naming the address, and can be reopened', async ({
  browser,
  page,
  request,
}) => {
  const ada: Person = { ...person(uniqueEmail('confirm-reject')), code: ACME_CODE };
  await register(page, ada, true, 'csm');
  await page.goto(await verificationLink(request, ada.email));
  await page.getByRole('button', { name: 'Verify email address' }).click();
  await expect(page.getByRole('heading', { name: 'Your email address is verified' })).toBeVisible();

  const carol = await asSomeoneElse(browser, CAROL);
  await carol.goto('/csm/approvals');
  // Several requests may come from an "Ada Lovelace": the card with her address.
  const card = () => carol.getByRole('listitem').filter({ hasText: ada.email });
  await card().getByRole('button', { name: /^Reject/ }).click();
  const step = carol.getByRole('alertdialog', { name: 'Please confirm' });
  await expect(step).toContainText(`Reject the registration of Ada Lovelace (${ada.email})?`);
  await expect(card().getByRole('button', { name: /^Approve/ })).toBeVisible();

  await step.getByRole('button', { name: `Yes, reject ${ada.email}` }).click();
  await expect(carol.getByRole('status')).toContainText('Rejected Ada Lovelace');
  await expect(card()).toContainText('Rejected');

  await carol.getByRole('button', { name: `Reopen the registration of ${ada.email}` }).click();
  await expect(carol.getByRole('status')).toContainText(`Reopened the registration of Ada Lovelace (${ada.email})`);
  await expect(card().getByRole('button', { name: /^Approve/ })).toBeVisible();
});

test('removing a webhook asks first, naming its address', async ({ browser }) => {
  const url = `http://127.0.0.1:9/${uniqueEmail('hook').replace(/[@.]/g, '-')}`;
  const admin = await asSomeoneElse(browser, ADMIN);
  await admin.goto('/admin/webhooks');
  await admin.getByLabel('Address (URL)').fill(url);
  await admin.getByLabel('Secret').fill('e2e shared secret, long enough');
  await admin.getByLabel('contact.invited').check();
  await admin.getByRole('button', { name: 'Add the webhook' }).click();
  await expect(admin.getByRole('status')).toContainText('now go to');

  await admin.getByRole('button', { name: `Remove the webhook to ${url}` }).click();
  const step = admin.getByRole('alertdialog', { name: 'Please confirm' });
  await expect(step).toContainText(`Remove the webhook to ${url}?`);
  await step.getByRole('link', { name: 'Cancel' }).click();
  await expect(admin.getByRole('row', { name: new RegExp(url) })).toBeVisible();

  await admin.getByRole('button', { name: `Remove the webhook to ${url}` }).click();
  await admin.getByRole('button', { name: 'Yes, remove the webhook' }).click();
  await expect(admin.getByRole('status')).toContainText('Removed the webhook');
  await expect(admin.getByRole('row', { name: new RegExp(url) })).toHaveCount(0);
});
