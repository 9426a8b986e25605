import { execFileSync } from 'node:child_process';
import { expect, test } from './fixtures';
import { APP_PORT } from '../playwright.config';
import { logIn, type Person } from './helpers';

// The demo data the server seeds (server/src/bootstrap.rs).
const CAROL: Person = {
  firstName: 'Carol',
  lastName: 'Jones',
  email: 'carol@acme.example',
  password: 'acme-demo-password',
};

// The app's page to come back to: the same server by its address, so another origin than
// Portico's (`localhost`), as an app's site is: the browser's `form-action` rule must let
// the confirmation's redirect through.
const RETURN = `http://127.0.0.1:${APP_PORT}/`;

/** Runs SQL on the test server's database (a parameter per `?`). */
function sql(statement: string, ...parameters: string[]) {
  const script = `
import sqlite3, sys
db = sqlite3.connect('../target/e2e/portico.db')
db.execute(sys.argv[1], sys.argv[2:])
db.commit()
`;
  execFileSync('python3', ['-c', script, statement, ...parameters]);
}

/** An app registered with `RETURN` as its post-logout redirect URI; its client_id. */
function registerApp(): string {
  const clientId = `e2e${Date.now()}${Math.floor(Math.random() * 1e6)}`;
  sql(
    `INSERT INTO oidc_clients (client_id, name, redirect_uris, post_logout_redirect_uris, portal,
       first_party, require_pkce, id_token_signed_response_alg, created_at)
     VALUES (?, 'Rota', '[]', ?, 'both', 1, 1, 'RS256', ?)`,
    clientId,
    JSON.stringify([RETURN]),
    new Date().toISOString(),
  );
  return clientId;
}

for (const javascript of [true, false]) {
  test.describe(`RP-initiated logout ${javascript ? 'with' : 'without'} JavaScript`, () => {
    test.use({ javaScriptEnabled: javascript, viewport: { width: 390, height: 844 } });

    test('asks first, then logs out of Portico and returns to the app with its state', async ({ page }) => {
      const clientId = registerApp();
      await logIn(page, CAROL, 'csm');
      await expect(page).not.toHaveURL(/log-in/);

      const back = encodeURIComponent(RETURN);
      await page.goto(`/oidc/logout?client_id=${clientId}&post_logout_redirect_uri=${back}&state=abc`);
      await expect(page.getByRole('heading', { name: 'Log out of Portico?' })).toBeVisible();
      await expect(page.getByText('Rota asks you to log out of Portico.')).toBeVisible();
      const button = page.getByRole('button', { name: 'Log out' });
      await expect(button).toBeInViewport();
      await button.click();

      await expect(page).toHaveURL(`${RETURN}?state=abc`);
      // Back on Portico, nobody is logged in.
      await page.goto(`http://localhost:${APP_PORT}/csm/profile`);
      const account = page.getByRole('navigation', { name: 'Account' });
      await expect(account.getByRole('link', { name: 'Log in' })).toBeVisible();
    });

    test('an unregistered return address is an error page, not a redirect', async ({ page }) => {
      const clientId = registerApp();
      const elsewhere = encodeURIComponent('https://evil.example/');
      await page.goto(`/oidc/logout?client_id=${clientId}&post_logout_redirect_uri=${elsewhere}`);
      await expect(page.getByRole('heading', { name: 'This log-out request cannot be followed' })).toBeVisible();
      await expect(page).toHaveURL(/\/oidc\/logout/);
    });
  });
}
