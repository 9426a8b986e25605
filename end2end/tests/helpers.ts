import { expect, type APIRequestContext, type Page } from '@playwright/test';
import { MAILDEV_WEB_PORT } from '../playwright.config';

export const PASSWORD = 'correct horse battery staple';

/** An address no other test uses. */
export function uniqueEmail(name = 'ada'): string {
  return `${name}.${Date.now()}.${Math.floor(Math.random() * 1e9)}@example.com`;
}

/** Waits until the SMTP server has received an email for `to` (whose subject matches
 * `subject`, when given), and returns it. */
export async function emailTo(request: APIRequestContext, to: string, subject?: RegExp) {
  let found: any;
  await expect
    .poll(
      async () => {
        const response = await request.get(`http://127.0.0.1:${MAILDEV_WEB_PORT}/email`);
        const emails: any[] = await response.json();
        found = emails.find(
          (e) =>
            e.to.some((r: { address: string }) => r.address.toLowerCase() === to.toLowerCase()) &&
            (subject === undefined || subject.test(e.subject)),
        );
        return found !== undefined;
      },
      { message: `an email to ${to}${subject ? ` about ${subject}` : ''}`, timeout: 10_000 },
    )
    .toBe(true);
  return found;
}

/** The verification link in the email sent to `to`. */
export async function verificationLink(request: APIRequestContext, to: string): Promise<string> {
  const email = await emailTo(request, to);
  const match = /(http:\/\/\S+\/cs[mp]\/verify\?token=[A-Za-z0-9_-]+)/.exec(email.text);
  expect(match, 'a verification link in the text').not.toBeNull();
  return match![1];
}

/** Opens the emailed verification link and confirms with its button. */
export async function verifyAddress(page: Page, request: APIRequestContext, to: string) {
  await page.goto(await verificationLink(request, to));
  await page.getByRole('button', { name: 'Verify email address' }).click();
  await expect(page.getByRole('heading', { name: 'Your email address is verified' })).toBeVisible();
}

export type Portal = 'csp' | 'csm';

/** Where a log-in form is: a portal's, or the administration's own (`/admin/log-in`). */
export type Door = Portal | 'admin';

export interface Person {
  firstName: string;
  lastName: string;
  email: string;
  password: string;
  /** A company's registration code (business portal). */
  code?: string;
}

export function person(email = uniqueEmail()): Person {
  return { firstName: 'Ada', lastName: 'Lovelace', email, password: PASSWORD };
}

/** Fills the registration form's text fields. */
export async function fillRegistration(page: Page, who: Person, confirm = who.password) {
  await page.getByLabel('First name').fill(who.firstName);
  await page.getByLabel('Last name').fill(who.lastName);
  await page.getByLabel(/^(Business email|Email)$/).fill(who.email);
  if (who.code !== undefined) await page.getByLabel('Registration code (optional)').fill(who.code);
  await page.getByLabel('Password', { exact: true }).fill(who.password);
  await page.getByLabel('Confirm password').fill(confirm);
}

/** Ticks Security Code, which with JavaScript is the whole check; without, answers its
 * question. */
export async function solveSecurityCode(page: Page, javascript: boolean) {
  await page.getByLabel('Security Code').check();
  if (javascript) {
    await expect(page.getByRole('status').filter({ hasText: 'Done' })).toBeVisible();
  } else {
    const question = await page.getByText(/What is \d+ plus \d+\?/).textContent();
    const [, a, b] = /What is (\d+) plus (\d+)\?/.exec(question ?? '')!;
    await page.getByLabel(/What is \d+ plus \d+\?/).fill(String(Number(a) + Number(b)));
  }
}

export async function agreeToPolicies(page: Page) {
  await page
    .getByLabel('I agree to the Privacy Policy and the Terms and Conditions')
    .check();
}

/** Registers through the form and checks the "check your email" page. */
export async function register(page: Page, who: Person, javascript: boolean, portal: Portal = 'csp') {
  await page.goto(`/${portal}/register`);
  if (javascript) await waitForHydration(page);
  await submitRegistration(page, who, javascript);
}

/** Completes the registration form already on screen and signs up. */
export async function submitRegistration(page: Page, who: Person, javascript: boolean) {
  await fillRegistration(page, who);
  await solveSecurityCode(page, javascript);
  await agreeToPolicies(page);
  await page.getByRole('button', { name: 'Sign Up', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Check your email' })).toBeVisible();
  await expect(page.getByText(who.email)).toBeVisible();
  await expect(page.getByText('The link expires in 24 hours')).toBeVisible();
}

/** Waits until the WASM has hydrated the page (the form's island has its behaviour). */
export async function waitForHydration(page: Page) {
  await formsEnhanced(page);
}

export async function logIn(page: Page, who: Person, door: Door = 'csp') {
  await page.goto(door === 'admin' ? '/admin/log-in' : `/${door}/log-in`);
  await page.getByLabel('Email', { exact: true }).fill(who.email);
  await page.getByLabel('Password', { exact: true }).fill(who.password);
  await page.getByRole('button', { name: 'Log in', exact: true }).click();
}

/** Waits until the page's forms have their behaviour (their island has hydrated). */
export async function formsEnhanced(page: Page) {
  await expect(page.locator('[data-form]').first()).toHaveAttribute('data-enhanced', '');
}
