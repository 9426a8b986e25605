import { createHmac } from 'node:crypto';
import { expect, test } from './fixtures';
import type { APIRequestContext, Page } from '@playwright/test';
import { MAILDEV_WEB_PORT } from '../playwright.config';
import { logIn, person, register, uniqueEmail, verifyAddress, type Person } from './helpers';

const ADMIN: Person = {
  firstName: 'Ada',
  lastName: 'Admin',
  email: 'admin@portico.example',
  password: 'portico-demo-password',
};

/** RFC 6238 with the authenticator app's defaults (SHA-1, 6 digits, 30-second steps): the
 * test plays the part of the app, from the secret the page shows. */
function totp(secretBase32: string, unixSeconds = Date.now() / 1000): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const c of secretBase32.replace(/[\s=]/g, '').toUpperCase()) {
    bits += alphabet.indexOf(c).toString(2).padStart(5, '0');
  }
  const key = Buffer.from(bits.match(/.{8}/g)!.map((b) => parseInt(b, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(unixSeconds / 30)));
  const hmac = createHmac('sha1', key).update(counter).digest();
  const offset = hmac[hmac.length - 1] & 0xf;
  const value = (hmac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000;
  return value.toString().padStart(6, '0');
}

test('the test computes RFC 6238 codes right', () => {
  // RFC 6238, appendix B: the SHA-1 secret "12345678901234567890" at 59 s gives 94287082 (8 digits).
  const secret = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
  expect(totp(secret, 59)).toBe('287082');
  expect(totp(secret, 1111111109)).toBe('081804');
});

/** A security notice to `to` that says `says`. */
async function noticeTo(request: APIRequestContext, to: string, says: RegExp) {
  await expect
    .poll(
      async () => {
        const emails: any[] = await (await request.get(`http://127.0.0.1:${MAILDEV_WEB_PORT}/email`)).json();
        return emails.some(
          (e) => e.to.some((r: { address: string }) => r.address.toLowerCase() === to.toLowerCase()) && says.test(e.text),
        );
      },
      { message: `a notice to ${to} that says ${says}`, timeout: 10_000 },
    )
    .toBe(true);
}

/** Chromium's virtual authenticator (a platform authenticator with resident keys and
 * user verification, which always says yes), through the DevTools protocol. */
async function addVirtualAuthenticator(page: Page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('WebAuthn.enable');
  await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
}

async function newConsumer(page: Page, request: APIRequestContext): Promise<Person> {
  const who = person(uniqueEmail('sec'));
  await register(page, who, true);
  await verifyAddress(page, request, who.email);
  return who;
}

async function logOut(page: Page) {
  await page.getByRole('button', { name: 'Log out' }).click();
  await expect(page.getByRole('banner').getByRole('link', { name: 'Log in' })).toBeVisible();
}

/** Saves the recovery codes shown once, and goes on. */
async function keepRecoveryCodes(page: Page): Promise<string[]> {
  await expect(page.getByRole('heading', { name: 'Save your recovery codes' })).toBeVisible();
  const codes = (await page.locator('#recovery-codes code').allTextContents()).map((c) => c.trim());
  expect(codes).toHaveLength(10);
  await page.getByRole('link', { name: 'I have saved them, continue' }).click();
  return codes;
}

async function setUpApp(page: Page): Promise<{ secret: string; used: string }> {
  const secret = (await page.locator('#totp-secret').textContent())!.replace(/\s/g, '');
  await expect(page.locator('.qr svg')).toBeVisible();
  const used = totp(secret);
  await page.getByLabel('Code from the app').fill(used);
  await page.getByRole('button', { name: 'Turn on' }).click();
  return { secret, used };
}

test('a passkey added on the security page logs in on its own, serves as the second step, and can be removed', async ({
  page,
  request,
}) => {
  await addVirtualAuthenticator(page);
  // The virtual authenticator says yes at once, so it would also take the log-in page's
  // autofill offer (conditional UI) the moment the page opens: that offer is switched off
  // here until the test tries it on purpose, at the end.
  await page.context().addInitScript(() => {
    if (localStorage.getItem('offer-passkeys-in-autofill') !== 'yes' && window.PublicKeyCredential) {
      PublicKeyCredential.isConditionalMediationAvailable = async () => false;
    }
  });
  const ada = await newConsumer(page, request);
  await logIn(page, ada);
  await expect(page).toHaveURL(/\/csp$/);
  await page.getByRole('banner').getByRole('link', { name: 'Security' }).click();
  await expect(page.getByRole('heading', { name: 'Security', exact: true })).toBeVisible();

  // A name is asked for before the browser's dialog.
  await page.getByRole('button', { name: 'Add a passkey' }).click();
  // A missing name is an error on its field, like every other form's.
  await expect(page.locator('#passkey_name-error')).toContainText('Give the passkey a name');
  await expect(page.locator('.field:has(#passkey_name)')).toHaveClass(/field--error/);
  await expect(page.getByLabel('Name your passkey')).toHaveAttribute('aria-invalid', 'true');
  await page.getByLabel('Name your passkey').fill('Work laptop');
  await page.getByRole('button', { name: 'Add a passkey' }).click();
  await keepRecoveryCodes(page);
  await expect(page.locator('#passkey-list')).toContainText('Work laptop');
  await expect(page.locator('#codes-left')).toContainText('10 of 10 left');
  await noticeTo(request, ada.email, /A passkey named .Work laptop. was added/);

  // Log in with the passkey alone: no email, no password.
  await logOut(page);
  await page.goto('/csp/log-in');
  await page.getByRole('button', { name: 'Log in with a passkey' }).click();
  await expect(page).toHaveURL(/\/csp$/);
  await expect(page.getByRole('banner').getByText(ada.firstName, { exact: true })).toBeVisible();

  // The password alone is no longer enough: the passkey is the second step.
  await logOut(page);
  await logIn(page, ada);
  await expect(page).toHaveURL(/\/csp\/log-in\/second-factor$/);
  await expect(page.getByRole('banner').getByText(ada.firstName, { exact: true })).toHaveCount(0);
  await page.getByRole('button', { name: 'Use a passkey' }).click();
  await expect(page).toHaveURL(/\/csp$/);

  // The log-in page also offers the passkey in the email field's autofill.
  await logOut(page);
  await page.evaluate(() => localStorage.setItem('offer-passkeys-in-autofill', 'yes'));
  await page.goto('/csp/log-in');
  await page.getByLabel('Email', { exact: true }).click();
  await expect(page).toHaveURL(/\/csp$/);
  await expect(page.getByRole('banner').getByText(ada.firstName, { exact: true })).toBeVisible();

  await page.goto('/csp/security');
  // Its last use is recorded.
  await expect(page.locator('#passkey-list tbody td').nth(2)).not.toHaveText('Never');
  await page.getByRole('button', { name: 'Remove Work laptop' }).click();
  await page.getByRole('button', { name: 'Yes, remove “Work laptop”' }).click();
  await expect(page.getByRole('status')).toContainText('Removed the passkey Work laptop');
  await expect(page.locator('#passkey-list')).toHaveText('You have no passkeys yet.');
  await noticeTo(request, ada.email, /The passkey named .Work laptop. was removed/);
});

test('an authenticator app: set up with a code, asked for after the password, each code once, and recovery codes once', async ({
  page,
  request,
}) => {
  const ada = await newConsumer(page, request);
  await logIn(page, ada);
  await expect(page).toHaveURL(/\/csp$/);
  await page.goto('/csp/security');
  await page.getByRole('link', { name: 'Set up an authenticator app' }).click();
  await expect(page).toHaveURL(/\/csp\/security\/app$/);

  // A wrong code leaves it off.
  await page.getByLabel('Code from the app').fill('000000');
  await page.getByRole('button', { name: 'Turn on' }).click();
  await expect(page.getByRole('alert')).toContainText('That code is not right');

  const { secret, used } = await setUpApp(page);
  const codes = await keepRecoveryCodes(page);
  await expect(page.locator('#app-status')).toContainText('On since');
  await noticeTo(request, ada.email, /An authenticator app was set up/);

  // Password, then the app's code; no session before it.
  await logOut(page);
  await logIn(page, ada);
  await expect(page).toHaveURL(/\/csp\/log-in\/second-factor$/);
  const code = page.getByLabel('Code');
  for (const [wrong, message] of [
    ['12ab', 'Enter the 6-digit code from your authenticator app, or one of your recovery codes'],
    [used, 'That code is not right'],
  ]) {
    await code.fill(wrong);
    await page.getByRole('button', { name: 'Log in', exact: true }).click();
    await expect(page.getByRole('alert').first()).toContainText(message);
  }
  // The next step's code (the window allows one step ahead; the current one was spent).
  await code.fill(totp(secret, Date.now() / 1000 + 30));
  await page.getByRole('button', { name: 'Log in', exact: true }).click();
  await expect(page).toHaveURL(/\/csp$/);

  // A recovery code works once, and its use is told by email.
  await logOut(page);
  await logIn(page, ada);
  await page.getByLabel('Code').fill(codes[0]);
  await page.getByRole('button', { name: 'Log in', exact: true }).click();
  await expect(page).toHaveURL(/\/csp$/);
  await noticeTo(request, ada.email, /A recovery code was used to log in to your account. 9 of your recovery codes are left/);
  await page.goto('/csp/security');
  await expect(page.locator('#codes-left')).toContainText('9 of 10 left');
  await logOut(page);
  await logIn(page, ada);
  await page.getByLabel('Code').fill(codes[0]);
  await page.getByRole('button', { name: 'Log in', exact: true }).click();
  await expect(page.getByRole('alert').first()).toContainText('That code is not right');
});

test('a company that requires two factors takes its contact through setup after the password, and an administrator can reset them', async ({
  page,
  browser,
  request,
}) => {
  const stamp = `${Date.now()}${Math.floor(Math.random() * 1e6)}`;
  const domain = `umbrella${stamp}.example`;
  const admin = await (await browser.newContext()).newPage();
  await logIn(admin, ADMIN, 'admin');
  await expect(admin).toHaveURL(/\/admin$/);
  await admin.getByLabel('Company name').fill(`Umbrella ${stamp}`);
  await admin.getByLabel('Email domains').fill(domain);
  await admin.getByLabel('Approve contacts automatically when their email address is in one of these domains').check();
  await admin.getByLabel("Require two-factor for this company's contacts").check();
  await admin.getByRole('button', { name: 'Create account' }).click();
  const created = (await admin.getByRole('status').textContent())!;
  const code = /([2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4})/.exec(created)![1];

  const alice: Person = { ...person(`alice.${stamp}@${domain}`), firstName: 'Alice', code };
  await register(page, alice, true, 'csm');
  await verifyAddress(page, request, alice.email);

  // The password is right, but nothing else opens until a factor is set up.
  await logIn(page, alice, 'csm');
  await expect(page).toHaveURL(/\/csm\/security\/app$/);
  await expect(page.locator('#setup-required')).toContainText('Your account must have a second factor');
  await page.goto('/csm/profile');
  await expect(page.getByRole('heading', { name: 'Log in to see this page' })).toBeVisible();
  await page.goto('/csm/security/app');
  await setUpApp(page);
  await keepRecoveryCodes(page);
  await expect(page).toHaveURL(/\/csm$/);
  await expect(page.getByRole('banner').getByText('Alice', { exact: true })).toBeVisible();

  // Alice lost her phone: the administrator checks who she is and resets her factors.
  await admin.goto('/admin/people');
  await admin.getByLabel('Email address or name').fill(alice.email);
  await admin.getByRole('button', { name: 'Search' }).click();
  await admin.getByRole('button', { name: `Reset second factors: ${alice.email}` }).click();
  await expect(admin.getByRole('alert')).toContainText('Check who the person is first');
  await admin.getByLabel('I checked that I am talking to Alice').check();
  await admin.getByRole('button', { name: `Reset second factors: ${alice.email}` }).click();
  await admin.getByRole('button', { name: `Yes, reset the second factors of ${alice.email}` }).click();
  await expect(admin.getByRole('status')).toContainText('Removed the second factors of');
  await noticeTo(request, alice.email, /An administrator removed the second factors of your account/);

  // Her company still requires one: she sets one up again after her password.
  await page.context().clearCookies();
  await logIn(page, alice, 'csm');
  await expect(page).toHaveURL(/\/csm\/security\/app$/);
});

test('only pages that offer passkeys load their script, and the log-in page only once the visitor acts', async ({
  page,
}) => {
  const loaded: string[] = [];
  page.on('request', (r) => {
    if (new URL(r.url()).pathname === '/passkeys.js') loaded.push(new URL(page.url()).pathname);
  });
  for (const path of ['/csp', '/csp/register', '/csp/log-in']) {
    await page.goto(path);
    await page.waitForLoadState('networkidle');
  }
  expect(loaded, 'no page loads it on its own').toEqual([]);
  await expect(page.getByRole('button', { name: 'Log in with a passkey' })).toBeVisible();
  await page.getByLabel('Email', { exact: true }).click();
  await expect.poll(() => loaded).toEqual(['/csp/log-in']);
});
