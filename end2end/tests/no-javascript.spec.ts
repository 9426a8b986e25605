import { expect, test } from './fixtures';
import {
  agreeToPolicies,
  emailTo,
  fillRegistration,
  logIn,
  person,
  register,
  solveSecurityCode,
  verifyAddress,
} from './helpers';

test.use({ javaScriptEnabled: false });

test('the whole journey works without JavaScript', async ({ page, request }) => {
  const ada = person();
  await register(page, ada, false);

  await verifyAddress(page, request, ada.email);

  await logIn(page, ada);
  await expect(page).toHaveURL(/\/csp$/);
  await expect(page.getByRole('banner').getByText('Ada', { exact: true })).toBeVisible();

  await page.getByRole('banner').getByRole('button', { name: 'Log out' }).click();
  await expect(page).toHaveURL(/\/csp$/);
  await expect(page.getByRole('banner').getByRole('link', { name: 'Log in' })).toBeVisible();
});

test('without JavaScript the server shows the errors on their fields with a 422', async ({ page }) => {
  await page.goto('/csp/register');
  const ada = person();
  await fillRegistration(page, { ...ada, email: 'not-an-address' }, 'something else entirely');
  await solveSecurityCode(page, false);
  await agreeToPolicies(page);
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST'),
    page.getByRole('button', { name: 'Sign Up' }).click(),
  ]);
  expect(response.status()).toBe(422);
  await expect(page.getByRole('alert')).toContainText('There is a problem');
  await expect(page.locator('#email-error')).toContainText('Enter an email address in the correct format');
  await expect(page.locator('#confirm_password-error')).toContainText('The passwords do not match');
  // Nothing typed is lost but the passwords, which are never sent back.
  await expect(page.getByLabel('First name')).toHaveValue('Ada');
  await expect(page.getByLabel('Email', { exact: true })).toHaveValue('not-an-address');
  await expect(page.getByLabel('Password', { exact: true })).toHaveValue('');
});

test('without JavaScript a wrong answer to the security question is refused', async ({ page }) => {
  await page.goto('/csp/register');
  await fillRegistration(page, person());
  await page.getByLabel('Security Code').check();
  await page.getByLabel(/What is \d+ plus \d+\?/).fill('1000');
  await agreeToPolicies(page);
  await page.getByRole('button', { name: 'Sign Up' }).click();
  await expect(page.locator('#security_code-error')).toContainText(
    'The answer to the security question is not right',
  );
});

test('without JavaScript a password is reset by email and changed on the profile', async ({ page, request }) => {
  const ada = person();
  await register(page, ada, false);
  await verifyAddress(page, request, ada.email);

  await page.goto('/csp/reset');
  await page.getByLabel('Email', { exact: true }).fill(ada.email);
  await page.getByRole('button', { name: 'Send the link' }).click();
  await expect(page.getByRole('status')).toContainText('If an account exists for this address');
  const email = await emailTo(request, ada.email, /Reset your password/);
  await page.goto(/(http:\/\/\S+\/csp\/reset\/new\?token=[A-Za-z0-9_-]+)/.exec(email.text)![1]);
  const reset = 'a passphrase set without scripts';
  await page.getByLabel('New password', { exact: true }).fill(reset);
  await page.getByLabel('Confirm new password').fill(reset);
  await page.getByRole('button', { name: 'Save the new password' }).click();
  await expect(page).toHaveURL(/\/csp$/);

  // The profile's forms: a wrong current password is an error on its field (422).
  await page.goto('/csp/profile');
  await page.getByLabel('Current password').fill('not my password');
  await page.getByLabel('New password', { exact: true }).fill('another long passphrase');
  await page.getByLabel('Confirm new password').fill('another long passphrase');
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/csp/profile') && r.request().method() === 'POST'),
    page.getByRole('button', { name: 'Change password' }).click(),
  ]);
  expect(response.status()).toBe(422);
  await expect(page.locator('#current_password-error')).toContainText('Your current password is incorrect');
  await page.getByLabel('Current password').fill(reset);
  await page.getByLabel('New password', { exact: true }).fill('another long passphrase');
  await page.getByLabel('Confirm new password').fill('another long passphrase');
  await page.getByRole('button', { name: 'Change password' }).click();
  await expect(page.getByRole('status')).toContainText('Your password is changed');
});
