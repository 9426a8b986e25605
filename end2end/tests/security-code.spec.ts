import { expect, test } from './fixtures';
import {
  agreeToPolicies,
  fillRegistration,
  formsEnhanced,
  PASSWORD,
  person,
  register,
  uniqueEmail,
} from './helpers';

// The Security Code is one action: with JavaScript, ticking the box is the whole check
// (nothing to press, its progress said by a polite live region), Sign Up waits for it,
// and a refused submission does not ask for it again. Without JavaScript its question
// still works.

declare global {
  interface Window {
    said?: (string | null)[];
  }
}

test('with JavaScript, ticking Security Code is the whole check and Sign Up registers', async ({ page }) => {
  await page.goto('/csp/register');
  await formsEnhanced(page);
  const status = page.locator('[data-captcha-status]');
  await expect(status).toHaveAttribute('role', 'status');
  await expect(status).toHaveAttribute('aria-live', 'polite');
  // What the live region says, as it says it.
  await page.evaluate(() => {
    const region = document.querySelector('[data-captcha-status]')!;
    window.said = [];
    new MutationObserver(() => window.said!.push(region.textContent)).observe(region, {
      childList: true,
      characterData: true,
      subtree: true,
    });
  });
  await expect(page.getByRole('button', { name: 'Verify' })).toHaveCount(0);
  await expect(page.getByLabel(/What is \d+ plus \d+\?/)).toHaveCount(0);

  const ada = person();
  await fillRegistration(page, ada);
  await page.getByLabel('Security Code').check();
  await expect(status).toHaveText('Done');
  expect(await page.evaluate(() => window.said)).toEqual(['Checking…', 'Done']);
  await agreeToPolicies(page);
  await page.getByRole('button', { name: 'Sign Up', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Check your email' })).toBeVisible();
});

test('Sign Up pressed while the check still runs waits for it, then registers', async ({ page }) => {
  await page.goto('/csp/register');
  await formsEnhanced(page);
  await fillRegistration(page, person());
  await agreeToPolicies(page);
  // Both in one task: the press comes before the solver has had a single slice.
  await page.evaluate(() => {
    (document.getElementById('security_code') as HTMLInputElement).click();
    (document.querySelector('#form button[type=submit]') as HTMLButtonElement).click();
  });
  await expect(page.getByRole('heading', { name: 'Check your email' })).toBeVisible();
});

test('the business form is sent with Sign Up too, and needs no press on Verify', async ({ page }) => {
  await register(page, person(uniqueEmail('bob')), true, 'csm');
});

test('a refused registration does not ask for the Security Code again', async ({ page }) => {
  const ada = person();
  await register(page, ada, true);

  await page.goto('/csp/register');
  await formsEnhanced(page);
  await fillRegistration(page, { ...person(), email: ada.email });
  await page.getByLabel('Security Code').check();
  await agreeToPolicies(page);
  await page.getByRole('button', { name: 'Sign Up', exact: true }).click();
  await expect(page.locator('#email-error')).toContainText('An account with this email address already exists');
  // The server spent the challenge; the box stays ticked and nothing is asked of it.
  await expect(page.getByLabel('Security Code')).toBeChecked();
  await expect(page.locator('#security_code-error')).toHaveCount(0);

  // A new address, but a password the server's strength estimate refuses.
  await page.getByLabel('Email', { exact: true }).fill(uniqueEmail('grace'));
  await page.getByLabel('Password', { exact: true }).fill('qwertyuiopas');
  await page.getByLabel('Confirm password').fill('qwertyuiopas');
  await page.getByRole('button', { name: 'Sign Up', exact: true }).click();
  await expect(page.locator('#password-error')).toBeVisible();
  await expect(page.getByLabel('Security Code')).toBeChecked();
  await expect(page.locator('#security_code-error')).toHaveCount(0);

  // Corrected, and sent without touching the Security Code.
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByLabel('Confirm password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign Up', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Check your email' })).toBeVisible();
});

test('the Security Code error has a line of its own above the box', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto('/csp/register');
  await formsEnhanced(page);
  await page.getByRole('button', { name: 'Sign Up', exact: true }).click();
  const error = page.locator('#security_code-error');
  await expect(error).toContainText('Tick Security Code');
  const line = (await error.boundingBox())!;
  const box = (await page.getByLabel('Security Code').boundingBox())!;
  expect(line.y + line.height).toBeLessThanOrEqual(box.y);
  await expect(page.getByLabel('Security Code')).toHaveAttribute('aria-describedby', /security_code-error/);
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the security question still registers', async ({ page }) => {
    await register(page, person(), false);
  });

  test('a wrong answer is refused on its own line, and the new question registers', async ({ page }) => {
    await page.goto('/csp/register');
    const ada = person();
    await fillRegistration(page, ada);
    await page.getByLabel('Security Code').check();
    await page.getByLabel(/What is \d+ plus \d+\?/).fill('1000');
    await agreeToPolicies(page);
    await page.getByRole('button', { name: 'Sign Up', exact: true }).click();
    const error = page.locator('#security_code-error');
    await expect(error).toContainText('The answer to the security question is not right');
    const line = (await error.boundingBox())!;
    const box = (await page.getByLabel('Security Code').boundingBox())!;
    expect(line.y + line.height).toBeLessThanOrEqual(box.y);

    await fillRegistration(page, ada);
    await page.getByLabel('Security Code').check();
    const question = await page.getByText(/What is \d+ plus \d+\?/).textContent();
    const [, a, b] = /What is (\d+) plus (\d+)\?/.exec(question ?? '')!;
    await page.getByLabel(/What is \d+ plus \d+\?/).fill(String(Number(a) + Number(b)));
    await agreeToPolicies(page);
    await page.getByRole('button', { name: 'Sign Up', exact: true }).click();
    await expect(page.getByRole('heading', { name: 'Check your email' })).toBeVisible();
  });
});
