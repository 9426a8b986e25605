import { defineConfig } from '@playwright/test';

// The end-to-end tests drive Debian's Chromium against the release build of the real
// server, which sends its email through a real SMTP server (maildev).
export const APP_PORT = 3100;
export const SMTP_PORT = 1125;
export const MAILDEV_WEB_PORT = 1180;
/** The server's database; `server apps create` registers the OpenID Connect tests' apps
 * in it (tests/oidc-fixtures.ts). Relative to the repository's root. */
export const DATABASE_URL = 'sqlite://target/e2e/portico.db?mode=rwc';
/** The identity providers of the sign-in journeys (idp/idp.mjs, npm oidc-provider): a
 * company's ("acme") and a consumer's social one. Helpers: tests/idp.ts. */
export const IDP_ACME_PORT = 3301;
export const IDP_SOCIAL_PORT = 3302;

export default defineConfig({
  testDir: './tests',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: true,
  workers: 2,
  // No retries: a flaky test is a bug to find (the last one, a notice missing now and then
  // from the administration, was one: see components/notice.rs).
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: [['list']],
  use: {
    baseURL: `http://localhost:${APP_PORT}`,
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  webServer: [
    {
      command: `node idp/idp.mjs --port ${IDP_ACME_PORT} --issuer-name acme --portico-url http://localhost:${APP_PORT}`,
      url: `http://127.0.0.1:${IDP_ACME_PORT}/test/health`,
      reuseExistingServer: false,
      timeout: 30_000,
    },
    {
      command: `node idp/idp.mjs --port ${IDP_SOCIAL_PORT} --issuer-name social --portico-url http://localhost:${APP_PORT}`,
      url: `http://127.0.0.1:${IDP_SOCIAL_PORT}/test/health`,
      reuseExistingServer: false,
      timeout: 30_000,
    },
    {
      command: `npx maildev --smtp ${SMTP_PORT} --web ${MAILDEV_WEB_PORT} --ip 127.0.0.1 --silent`,
      url: `http://127.0.0.1:${MAILDEV_WEB_PORT}/email`,
      reuseExistingServer: false,
      timeout: 30_000,
    },
    {
      // A fresh database each run.
      command: 'rm -rf target/e2e && exec target/release/server',
      cwd: '..',
      url: `http://127.0.0.1:${APP_PORT}/`,
      reuseExistingServer: false,
      timeout: 60_000,
      env: {
        DATABASE_URL,
        SMTP_URL: `smtp://127.0.0.1:${SMTP_PORT}`,
        PUBLIC_URL: `http://localhost:${APP_PORT}`,
        LEPTOS_SITE_ADDR: `127.0.0.1:${APP_PORT}`,
        LEPTOS_SITE_ROOT: 'target/site',
        RUST_LOG: 'info,sqlx=warn,sea_orm=warn',
        // The demo company, its customer administrator and an administrator (scripts/run's).
        PORTICO_DEMO_DATA: 'true',
        // Every test registers from 127.0.0.1: the per-client limits are raised here, and
        // tested on their own in the server's integration tests.
        REGISTRATIONS_PER_CLIENT_PER_HOUR: '100000',
        QUESTION_ANSWERS_PER_CLIENT_PER_HOUR: '100000',
        // The webhook test's receiver and the OpenID Connect tests' apps (back-channel
        // logout) listen on loopback, a private range that outbound requests may reach
        // only when it is allowed, as for a receiver on the premises.
        OUTBOUND_ALLOW_RANGES: '127.0.0.0/8',
      },
    },
  ],
});
