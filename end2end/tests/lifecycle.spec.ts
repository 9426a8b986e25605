import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { expect, test } from './fixtures';
import { APP_PORT } from '../playwright.config';
import { emailTo, logIn, person, register, uniqueEmail, verificationLink, verifyAddress } from './helpers';

/** Ages the verification links of `email` by 25 hours in the test server's database, as if
 * a day had passed: they expire, and a new one may be sent at once. */
function ageVerificationLinks(email: string) {
  const script = `
import sqlite3, sys
from datetime import datetime, timedelta
db = sqlite3.connect('../target/e2e/portico.db')
shift = lambda value: (datetime.fromisoformat(value) - timedelta(hours=25)).isoformat(sep=' ')
rows = db.execute("SELECT t.id, t.created_at, t.expires_at FROM email_tokens t JOIN users u ON u.id = t.user_id WHERE u.email_normalized = ? AND t.purpose = 'verify'", (sys.argv[1].lower(),)).fetchall()
assert rows, 'no verification links'
for id, created, expires in rows:
    db.execute('UPDATE email_tokens SET created_at = ?, expires_at = ? WHERE id = ?', (shift(created), shift(expires), id))
db.commit()
`;
  execFileSync('python3', ['-c', script, email]);
}

test('forgot password: the emailed link sets a new password, logs in, and the old password is refused', async ({
  page,
  request,
}) => {
  const ada = person();
  await register(page, ada, true);
  await verifyAddress(page, request, ada.email);

  await page.goto('/csp/log-in');
  await page.getByRole('link', { name: 'Forgot your password?' }).click();
  // The log-in page has an Email field too: fill the reset page's once it is shown.
  await expect(page.getByRole('heading', { name: 'Reset your password' })).toBeVisible();
  await page.getByLabel('Email', { exact: true }).fill(ada.email);
  await page.getByRole('button', { name: 'Send the link' }).click();
  await expect(page.getByRole('status')).toContainText('If an account exists for this address, we sent a link');

  const email = await emailTo(request, ada.email, /Reset your password/);
  const link = /(http:\/\/\S+\/csp\/reset\/new\?token=[A-Za-z0-9_-]+)/.exec(email.text)![1];
  await page.goto(link);
  const newPassword = 'an entirely new passphrase';
  await page.getByLabel('New password', { exact: true }).fill(newPassword);
  await page.getByLabel('Confirm new password').fill('not the same');
  await page.getByRole('button', { name: 'Save the new password' }).click();
  await expect(page.getByRole('alert')).toContainText('The passwords do not match');
  await page.getByLabel('New password', { exact: true }).fill(newPassword);
  await page.getByLabel('Confirm new password').fill(newPassword);
  await page.getByRole('button', { name: 'Save the new password' }).click();
  await expect(page).toHaveURL(/\/csp$/);
  await expect(page.getByRole('banner').getByText(ada.firstName, { exact: true })).toBeVisible();

  // The link is spent, the old password refused, the new one works.
  await page.goto(link);
  await expect(page.getByRole('heading', { name: 'This link has already been used' })).toBeVisible();
  await page.context().clearCookies();
  await logIn(page, ada);
  await expect(page.getByRole('alert')).toContainText('Email address or password is incorrect');
  await logIn(page, { ...ada, password: newPassword });
  await expect(page).toHaveURL(/\/csp$/);
});

test('an expired verification link offers a new one, which verifies the address', async ({ page, request }) => {
  const ada = person();
  await register(page, ada, true);
  const oldLink = await verificationLink(request, ada.email);
  ageVerificationLinks(ada.email);

  await page.goto(oldLink);
  await expect(page.getByRole('heading', { name: 'This link has expired' })).toBeVisible();
  await page.getByRole('link', { name: 'Send a new verification link' }).click();
  await page.getByLabel('Email', { exact: true }).fill(ada.email);
  await page.getByRole('button', { name: 'Send a new link' }).click();
  // The page says the same whatever the address, so that it tells nobody which exist.
  await expect(page.getByRole('status')).toContainText(
    'If an unverified registration exists for this address, we sent a new verification link to it.',
  );

  let newLink = oldLink;
  await expect
    .poll(async () => {
      const response = await request.get(`http://127.0.0.1:1180/email`);
      const emails: any[] = await response.json();
      const links = emails
        .filter((e) => e.to.some((r: any) => r.address === ada.email))
        .map((e) => /(http:\/\/\S+\/csp\/verify\?token=[A-Za-z0-9_-]+)/.exec(e.text)?.[1])
        .filter((l) => l !== undefined && l !== oldLink);
      newLink = links[links.length - 1] ?? oldLink;
      return newLink !== oldLink;
    })
    .toBe(true);
  await page.goto(newLink);
  await page.getByRole('button', { name: 'Verify email address' }).click();
  await expect(page.getByRole('heading', { name: 'Your email address is verified' })).toBeVisible();
  await logIn(page, ada);
  await expect(page).toHaveURL(/\/csp$/);
});

test('a change of email address takes effect through the link sent to the new one', async ({ page, request }) => {
  const ada = person();
  await register(page, ada, true);
  await verifyAddress(page, request, ada.email);
  await logIn(page, ada);
  await page.getByRole('banner').getByRole('link', { name: ada.firstName }).click();
  await expect(page.getByRole('heading', { name: 'Your profile' })).toBeVisible();

  const newAddress = uniqueEmail('ada.new');
  await page.getByLabel('New email address').fill(newAddress);
  await page.getByRole('button', { name: 'Send a confirmation link' }).click();
  await expect(page.getByRole('status')).toContainText(`We sent a link to ${newAddress}`);
  await emailTo(request, ada.email, /change of your email address was requested/);

  const email = await emailTo(request, newAddress, /Confirm your new email address/);
  const link = /(http:\/\/\S+\/csp\/email-change\?token=[A-Za-z0-9_-]+)/.exec(email.text)![1];
  await page.goto(link);
  await page.getByRole('button', { name: 'Use this address' }).click();
  await expect(page.getByRole('heading', { name: 'Your email address is changed' })).toBeVisible();

  await page.context().clearCookies();
  await logIn(page, { ...ada, email: newAddress });
  await expect(page).toHaveURL(/\/csp$/);
  await page.goto('/csp/profile');
  await expect(page.getByText(newAddress, { exact: true })).toBeVisible();
});

test('log out everywhere else ends the session of a second browser', async ({ page, browser, request }) => {
  const ada = person();
  await register(page, ada, true);
  await verifyAddress(page, request, ada.email);
  await logIn(page, ada);
  await expect(page).toHaveURL(/\/csp$/);

  const other = await (await browser.newContext({ baseURL: `http://localhost:${APP_PORT}` })).newPage();
  await logIn(other, ada);
  await expect(other).toHaveURL(/\/csp$/);
  await expect(other.getByRole('banner').getByText(ada.firstName, { exact: true })).toBeVisible();

  await page.goto('/csp/profile');
  await expect(page.getByText('(this session)')).toBeVisible();
  await expect(page.getByRole('row')).toHaveCount(3);
  await page.getByRole('button', { name: 'Log out everywhere else' }).click();
  await expect(page.getByRole('status')).toContainText('Your other sessions are logged out');
  await expect(page.getByRole('row')).toHaveCount(2);

  await other.reload();
  await expect(other.getByRole('banner').getByRole('link', { name: 'Log in' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('banner').getByText(ada.firstName, { exact: true })).toBeVisible();
});

test('forms that post to their page are checked in the browser first', async ({ page }) => {
  await page.goto('/csp/reset');
  await page.waitForFunction(() => (window as any).__leptos_hydrated !== undefined || document.readyState === 'complete');
  const email = page.getByLabel('Email', { exact: true });
  // Hydrated: the check runs as the field is left, before anything is sent.
  await expect(async () => {
    await email.fill('not-an-address');
    await email.blur();
    await expect(page.locator('#email-error')).toContainText('Enter an email address in the correct format', {
      timeout: 500,
    });
  }).toPass();
  await page.evaluate(() => ((window as any).__samePage = true));
  await page.getByRole('button', { name: 'Send the link' }).click();
  await expect(page.getByRole('alert')).toContainText('Enter an email address in the correct format');
  expect(await page.evaluate(() => (window as any).__samePage)).toBe(true);
});

test('download my data: a JSON file with the consents and their versions, right after logging in', async ({
  page,
  request,
}) => {
  const ada = person();
  await register(page, ada, true);
  await verifyAddress(page, request, ada.email);
  await logIn(page, ada);
  await expect(page).toHaveURL(/\/csp$/);
  await page.goto('/csp/profile');
  const downloading = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Download my data' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('portico-my-data.json');
  const data = JSON.parse(readFileSync((await download.path())!, 'utf8'));
  expect(data.profile.email).toBe(ada.email);
  const consents = data.consents.map((c: { document: string; version: string }) => c.document);
  expect(consents).toEqual(expect.arrayContaining(['privacy_policy', 'terms']));
  for (const consent of data.consents) expect(consent.version).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  expect(JSON.stringify(data)).not.toContain('password_hash');

  // Someone else's browser without a session is sent to log in.
  const response = await request.get('/csp/profile/data.json', { maxRedirects: 0 });
  expect(response.status()).toBe(303);
  expect(response.headers()['location']).toBe('/csp/log-in?next=/csp/profile');
});
