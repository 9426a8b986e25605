import { expect, test } from './fixtures';
import { formsEnhanced, person, uniqueEmail } from './helpers';

// Switching language reloads the page in the other language: with JavaScript, a
// half-filled form comes back filled (passwords excepted, which are never stored).
// Without JavaScript the switch is a plain post and the form comes back empty.
test('switching language keeps what was typed into the registration form, but not the password', async ({
  page,
}) => {
  const ada = person(uniqueEmail('ada-lost-work'));
  await page.goto('/csp/register');
  await formsEnhanced(page);
  await page.getByLabel('First name').fill(ada.firstName);
  await page.getByLabel('Last name').fill(ada.lastName);
  await page.getByLabel('Email', { exact: true }).fill(ada.email);
  await page.getByLabel('Password', { exact: true }).fill(ada.password);
  await page
    .getByLabel('I agree to the Privacy Policy and the Terms and Conditions')
    .check();

  await page.getByRole('button', { name: 'Deutsch' }).click();

  await expect(page.locator('html')).toHaveAttribute('lang', 'de');
  await expect(page).toHaveURL(/\/csp\/register$/);
  await expect(page.getByLabel('Vorname')).toHaveValue(ada.firstName);
  await expect(page.getByLabel('Nachname')).toHaveValue(ada.lastName);
  await expect(page.getByLabel('E-Mail-Adresse', { exact: true })).toHaveValue(ada.email);
  await expect(page.getByLabel('Passwort', { exact: true })).toHaveValue('');
  await expect(
    page.getByLabel('Ich stimme der Datenschutzerklärung und den Nutzungsbedingungen zu'),
  ).toBeChecked();
  const stored = await page.evaluate(() => JSON.stringify(sessionStorage));
  expect(stored).not.toContain(ada.password);

  // Kept once: a later visit starts empty.
  await page.goto('/csp/register');
  await expect(page.getByLabel('Vorname')).toHaveValue('');
});
