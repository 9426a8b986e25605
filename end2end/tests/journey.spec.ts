import { expect, test } from './fixtures';
import {
  emailTo,
  logIn,
  person,
  register,
  submitRegistration,
  verificationLink,
  verifyAddress,
  waitForHydration,
} from './helpers';

test.describe('with JavaScript', () => {
  test('a consumer registers, verifies the address, logs in and logs out', async ({ page, request }) => {
    const ada = person();

    await page.goto('/');
    await page.getByRole('link', { name: /I buy for myself/ }).click();
    await expect(page).toHaveURL(/\/csp$/);
    await page.getByRole('banner').getByRole('link', { name: 'Register' }).click();
    await expect(page).toHaveURL(/\/csp\/register$/);

    // The form submits without a page load: a marker set on the page survives it.
    await waitForHydration(page);
    await page.evaluate(() => ((window as any).__samePage = true));
    await submitRegistration(page, ada, true);
    expect(await page.evaluate(() => (window as any).__samePage)).toBe(true);

    const link = await verificationLink(request, ada.email);
    await page.goto(link);
    await expect(page.getByRole('heading', { name: 'Verify your email address' })).toBeVisible();
    await page.getByRole('button', { name: 'Verify email address' }).click();
    await expect(page.getByRole('heading', { name: 'Your email address is verified' })).toBeVisible();

    // Opening the link again: it has been used.
    await page.goto(link);
    await expect(page.getByRole('heading', { name: 'This link has already been used' })).toBeVisible();

    await logIn(page, ada);
    await expect(page).toHaveURL(/\/csp$/);
    const sessionCookie = async () =>
      (await page.context().cookies()).find((c) => c.name === 'portico_session');
    const first = await sessionCookie();
    expect(first?.httpOnly).toBe(true);
    expect(first?.sameSite).toBe('Lax');
    // Logging in again gets a new session id.
    await logIn(page, ada);
    await expect(page).toHaveURL(/\/csp$/);
    expect((await sessionCookie())?.value).not.toBe(first?.value);

    const header = page.getByRole('banner');
    await expect(header.getByText('Ada', { exact: true })).toBeVisible();
    await expect(header.getByRole('link', { name: 'Log in' })).toHaveCount(0);

    await header.getByRole('button', { name: 'Log out' }).click();
    await expect(page.getByRole('banner').getByRole('link', { name: 'Log in' })).toBeVisible();
    await page.reload();
    await expect(page.getByRole('banner').getByRole('link', { name: 'Log in' })).toBeVisible();
  });

  test('the email greets the person by name in the portal colours', async ({ page, request }) => {
    const grace = { ...person(), firstName: 'Grace' };
    await register(page, grace, true);
    const email = await emailTo(request, grace.email);
    expect(email.subject).toContain('Consumer Service Portal');
    expect(email.text).toContain('Hello Grace,');
    expect(email.html).toContain('Hello Grace,');
    expect(email.html).toContain('#0b6e69');
  });

  test('logging in before verifying says to verify first', async ({ page }) => {
    const ada = person();
    await register(page, ada, true);
    await logIn(page, ada);
    await expect(page.getByRole('alert')).toContainText('Verify your email address before you log in');
  });

  test('a wrong password and an unknown address get the same message', async ({ page, request }) => {
    const ada = person();
    await register(page, ada, true);
    await verifyAddress(page, request, ada.email);

    await logIn(page, { ...ada, password: 'not the right password' });
    await expect(page.getByRole('alert')).toContainText('Email address or password is incorrect');
    await logIn(page, { ...ada, email: 'nobody.here@example.com' });
    await expect(page.getByRole('alert')).toContainText('Email address or password is incorrect');
  });

  test('an unknown verification link says so', async ({ page }) => {
    const response = await page.goto('/csp/verify?token=not-a-real-token');
    await expect(page.getByRole('heading', { name: 'We do not recognise this link' })).toBeVisible();
    expect(response?.status()).toBe(404);
  });
});
