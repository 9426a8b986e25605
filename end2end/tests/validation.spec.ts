import { expect, test } from './fixtures';
import {
  agreeToPolicies,
  fillRegistration,
  person,
  register,
  solveSecurityCode,
  waitForHydration,
} from './helpers';

test('errors show next to each field as the person leaves it', async ({ page }) => {
  await page.goto('/csp/register');
  await waitForHydration(page);

  await page.getByLabel('First name').focus();
  await page.getByLabel('Last name').focus();
  await expect(page.getByText('Enter your first name')).toBeVisible();

  await page.getByLabel('Email', { exact: true }).fill('ada@localhost');
  await page.getByLabel('Password', { exact: true }).focus();
  await expect(page.getByText('Enter an email address in the correct format')).toBeVisible();

  await page.getByLabel('Password', { exact: true }).fill('too short');
  await page.getByLabel('Confirm password').focus();
  await expect(page.getByText('Password must be at least 12 characters')).toBeVisible();

  // Fixing a field clears its error when the person leaves it.
  await page.getByLabel('First name').fill('Ada');
  await page.getByLabel('First name').blur();
  await expect(page.getByText('Enter your first name')).toHaveCount(0);
  await expect(page.getByLabel('Email', { exact: true })).toHaveAttribute('aria-invalid', 'true');
});

test('submitting an empty form lists every problem at the top, linked to its field', async ({ page }) => {
  await page.goto('/csp/register');
  await waitForHydration(page);
  await page.getByRole('button', { name: 'Sign Up' }).click();
  const summary = page.getByRole('alert');
  await expect(summary).toContainText('There is a problem');
  for (const message of [
    'Enter your first name',
    'Enter your last name',
    'Enter your email address',
    'Enter a password',
    'Confirm your password',
    'Tick Security Code and complete the check',
    'Agree to the Privacy Policy and the Terms and Conditions',
  ]) {
    await expect(summary.getByRole('link', { name: message })).toBeVisible();
  }
  await expect(summary).toBeFocused();
  await summary.getByRole('link', { name: 'Enter your last name' }).click();
  await expect(page).toHaveURL(/#last_name$/);
});

test('passwords that do not match are caught before anything is sent', async ({ page }) => {
  await page.goto('/csp/register');
  await waitForHydration(page);
  const ada = person();
  await fillRegistration(page, ada, ada.password + '!');
  await page.getByLabel('Confirm password').blur();
  await expect(page.locator('#confirm_password-error')).toContainText('The passwords do not match');
  await solveSecurityCode(page, true);
  await agreeToPolicies(page);
  await page.getByRole('button', { name: 'Sign Up' }).click();
  await expect(page.getByRole('alert').getByRole('link', { name: 'The passwords do not match' })).toBeVisible();
});

test('an address already registered, in another case, gets the error on the Email field', async ({ page }) => {
  const ada = person();
  await register(page, ada, true);

  await page.goto('/csp/register');
  await waitForHydration(page);
  await fillRegistration(page, { ...ada, email: `  ${ada.email.toUpperCase()} ` });
  await solveSecurityCode(page, true);
  await agreeToPolicies(page);
  await page.getByRole('button', { name: 'Sign Up' }).click();

  const error = page.locator('#email-error');
  await expect(error).toContainText('An account with this email address already exists.');
  await expect(error.getByRole('link', { name: 'Log in' })).toHaveAttribute('href', '/csp/log-in');
  await expect(error.getByRole('link', { name: 'reset your password' })).toHaveAttribute('href', '/csp/reset');
  // What was typed is kept; the check must be solved again.
  await expect(page.getByLabel('First name')).toHaveValue('Ada');
  await expect(page.getByRole('status').filter({ hasText: 'Verified' })).toHaveCount(0);
});

test('the policy pages are linked from the form and carry a version', async ({ page }) => {
  await page.goto('/csp/register');
  await page.getByRole('link', { name: 'Privacy Policy' }).first().click();
  await expect(page.getByRole('heading', { name: 'Privacy Policy' })).toBeVisible();
  await expect(page.getByText(/^Version \d{4}-\d{2}-\d{2}, in effect since \d+ \w+ \d{4}$/)).toBeVisible();
  await page.goto('/csp/terms');
  await expect(page.getByRole('heading', { name: 'Terms and Conditions', exact: true })).toBeVisible();
});
