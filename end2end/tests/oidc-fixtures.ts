import { spawn, execFile } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect, type Page } from '@playwright/test';
import { test as base } from './fixtures';
import { APP_PORT, DATABASE_URL } from '../playwright.config';
import { type Person } from './helpers';

// The OpenID Connect tests' apps: each a process of rp/app.mjs (npm openid-client, a
// certified relying party nobody here wrote), registered in the test server's database
// with `server apps create` and started on a free port of 127.0.0.1 the first time a
// test of a worker needs it; stopped when the worker ends.

const ROOT = path.resolve(__dirname, '..', '..');
const END2END = path.resolve(__dirname, '..');
export const ISSUER = `http://localhost:${APP_PORT}`;
const SCOPE = 'openid email profile offline_access portico';

export interface RelyingParty {
  name: string;
  url: string;
  clientId: string;
  /** The claims of every logout token the app accepted, oldest first. */
  backchannelLog(): Promise<any[]>;
}

interface App {
  name: string;
  portal: 'csp' | 'csm' | 'both';
  firstParty: boolean;
  /** A public client: PKCE and no secret. */
  public?: boolean;
  /** How it authenticates at the token endpoint (client_secret_basic by default). */
  auth?: 'basic' | 'post';
}

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const probe = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
    probe.on('error', reject);
  });

async function register(app: App, url: string): Promise<{ client_id: string; client_secret?: string }> {
  const args = [
    'apps', 'create',
    '--name', app.name,
    '--redirect-uri', `${url}/callback`,
    '--post-logout-redirect-uri', `${url}/logged-out`,
    '--backchannel-logout-uri', `${url}/backchannel-logout`,
    '--portal', app.portal,
    ...(app.firstParty ? ['--first-party'] : []),
    ...(app.public ? ['--public'] : []),
  ];
  const { stdout } = await promisify(execFile)('target/release/server', args, {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL, PUBLIC_URL: ISSUER, RUST_LOG: 'error',
      // The apps' back-channel addresses are on this machine, as for the server itself.
      OUTBOUND_ALLOW_RANGES: '127.0.0.0/8' },
  });
  return JSON.parse(stdout.trim().split('\n').pop()!);
}

async function start(app: App) {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const { client_id, client_secret } = await register(app, url);
  const secret = client_secret ? ['--client-secret', client_secret] : [];
  const child = spawn(
    process.execPath,
    ['rp/app.mjs', '--issuer', ISSUER, '--client-id', client_id, ...secret, '--port', String(port),
      '--name', app.name, '--scope', SCOPE, '--auth', app.auth ?? 'basic'],
    { cwd: END2END, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (data) => String(data).includes('ready') && resolve());
    child.on('exit', (code) => reject(new Error(`the app ${app.name} exited with ${code}`)));
  });
  const rp: RelyingParty = {
    name: app.name,
    url,
    clientId: client_id,
    backchannelLog: async () => (await fetch(`${url}/backchannel-log`)).json(),
  };
  const stop = () => new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
  return { rp, stop };
}

const app = (spec: App) =>
  [
    async ({}, use: (rp: RelyingParty) => Promise<void>) => {
      const { rp, stop } = await start(spec);
      await use(rp);
      await stop();
    },
    { scope: 'worker' },
  ] as const;

export const test = base.extend<
  {},
  {
    /** First-party, consumers: the back-channel logout app too. */
    supportDesk: RelyingParty;
    /** A second first-party app for consumers (client_secret_post). */
    shop: RelyingParty;
    /** Third-party: asks for consent. */
    forum: RelyingParty;
    /** A public client (PKCE, no secret). */
    mobileApp: RelyingParty;
    /** First-party, business contacts. */
    partnerPortal: RelyingParty;
  }
>({
  supportDesk: app({ name: 'Support desk', portal: 'csp', firstParty: true }) as any,
  shop: app({ name: 'Shop', portal: 'csp', firstParty: true, auth: 'post' }) as any,
  forum: app({ name: 'Community forum', portal: 'csp', firstParty: false }) as any,
  mobileApp: app({ name: 'Mobile app', portal: 'csp', firstParty: true, public: true }) as any,
  partnerPortal: app({ name: 'Partner portal', portal: 'csm', firstParty: true }) as any,
});

export { expect };

/** The JSON an app shows in `<pre id=…>` (the ID token's claims, userinfo). */
export async function shown(page: Page, id: 'claims' | 'userinfo'): Promise<any> {
  return JSON.parse((await page.locator(`#${id}`).textContent()) ?? 'null');
}

/** Opens the app's sign-in, logs in on Portico's log-in page it leads to, and waits
 * until the app says who is signed in. */
export async function signInThroughPortico(page: Page, rp: RelyingParty, who: Person) {
  await page.goto(`${rp.url}/login`);
  await expect(page).toHaveURL(/^http:\/\/localhost:\d+\/cs[mp]\/log-in/);
  await page.getByLabel('Email', { exact: true }).fill(who.email);
  await page.getByLabel('Password', { exact: true }).fill(who.password);
  await page.getByRole('button', { name: 'Log in', exact: true }).click();
  await expectSignedIn(page, rp, who);
}

export async function expectSignedIn(page: Page, rp: RelyingParty, who: Person) {
  await expect(page).toHaveURL(`${rp.url}/`);
  await expect(page.locator('#status')).toHaveText(`Signed in as ${who.email}`);
}

/** Every URL the page's main frame visits from now on. */
export function visits(page: Page): string[] {
  const urls: string[] = [];
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame()) urls.push(frame.url());
  });
  return urls;
}
