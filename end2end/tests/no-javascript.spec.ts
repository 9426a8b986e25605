import { expect, test } from '@playwright/test';
import {
  agreeToPolicies,
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
