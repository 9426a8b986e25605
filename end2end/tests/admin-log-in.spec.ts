import { expect, test } from './fixtures';
import { formsEnhanced, type Person } from './helpers';

const ADMIN: Person = {
  firstName: 'Ada',
  lastName: 'Admin',
  email: 'admin@portico.example',
  password: 'portico-demo-password',
};

test('logged out, the administration shows its own log-in and no menu', async ({ page }) => {
  await page.goto('/admin/people');
  await expect(page).toHaveURL(/\/admin\/log-in\?next=\/admin\/people$/);
  await expect(page.getByRole('heading', { name: 'Log in to the administration' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Administration' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Log out' })).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Forgot your password?' })).toBeVisible();

  await page.getByLabel('Email', { exact: true }).fill(ADMIN.email);
  await page.getByLabel('Password', { exact: true }).fill(ADMIN.password);
  await page.getByRole('button', { name: 'Log in', exact: true }).click();
  await expect(page).toHaveURL(/\/admin\/people$/);
  await expect(page.getByRole('navigation', { name: 'Administration' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Log out' })).toBeVisible();
});

test("an administrator at the business portal's log-in goes on to the administration's with the address filled in", async ({
  page,
}) => {
  await page.goto('/csm/log-in');
  await formsEnhanced(page);
  await page.getByLabel('Email', { exact: true }).fill(ADMIN.email);
  await page.getByLabel('Password', { exact: true }).fill(ADMIN.password);
  await page.getByRole('button', { name: 'Log in', exact: true }).click();
  await expect(page.getByRole('alert')).toContainText('administrators log in to the administration');
  await page.getByRole('link', { name: 'Log in to the administration', exact: true }).click();
  await expect(page).toHaveURL(/\/admin\/log-in$/);
  await expect(page.getByLabel('Email', { exact: true })).toHaveValue(ADMIN.email);
  await page.getByLabel('Password', { exact: true }).fill(ADMIN.password);
  await page.getByRole('button', { name: 'Log in', exact: true }).click();
  await expect(page).toHaveURL(/\/admin$/);
});

test("a missing page keeps its portal's header, footer and language switch", async ({ page }) => {
  for (const [path, portal] of [
    ['/csp/no-such-page', 'Consumer Service Portal'],
    ['/csm/no-such-page', 'Customer Service Management portal'],
  ]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
    await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
    await expect(page.getByRole('banner').getByRole('link', { name: portal })).toBeVisible();
    await expect(page.getByRole('banner').getByRole('button', { name: 'Deutsch' })).toBeVisible();
    await expect(page.getByRole('contentinfo')).toBeVisible();
  }
});
