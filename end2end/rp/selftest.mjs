// Proves the relying party (rp/app.mjs) against npm `oidc-provider` 9, a certified
// provider, before Portico's provider exists: sign-in with PKCE, state and nonce, the
// claims and userinfo, refresh with rotation (the used token refused), revocation, single
// sign-on, RP-initiated logout, a back-channel logout when a person logs out of the
// provider, forged logout tokens refused, a public client and client_secret_post.
//
//   cd end2end && node rp/selftest.mjs      (exit status 0: every check passed)
//
// A browser is played with fetch and a cookie jar; oidc-provider's development log-in
// page accepts any name and password.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import net from 'node:net';
import Provider from 'oidc-provider';
import { SignJWT, generateKeyPair } from 'jose';

const freePort = () =>
  new Promise((resolve, reject) => {
    const probe = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
    probe.on('error', reject);
  });

const [opPort, basicPort, publicPort, postPort] = await Promise.all([freePort(), freePort(), freePort(), freePort()]);
const issuer = `http://127.0.0.1:${opPort}`;
const rpBase = (port) => `http://127.0.0.1:${port}`;
const SECRET = 'a-self-test-secret-that-is-long-enough-0123456789';

function clientFor(id, port, auth) {
  const base = rpBase(port);
  return {
    client_id: id,
    ...(auth === 'none' ? {} : { client_secret: SECRET }),
    token_endpoint_auth_method: auth,
    redirect_uris: [`${base}/callback`],
    post_logout_redirect_uris: [`${base}/logged-out`],
    backchannel_logout_uri: `${base}/backchannel-logout`,
    backchannel_logout_session_required: true,
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'],
  };
}

const provider = new Provider(issuer, {
  clients: [
    clientFor('rp-basic', basicPort, 'client_secret_basic'),
    clientFor('rp-public', publicPort, 'none'),
    clientFor('rp-post', postPort, 'client_secret_post'),
  ],
  pkce: { required: () => true },
  // oidc-provider refuses to post back-channel logouts to special-use addresses (its own
  // SSRF guard, like Portico's OUTBOUND_ALLOW_RANGES); the apps here listen on loopback.
  fetch: (url, { dispatcher, ...options }) => globalThis.fetch(url, options),
  rotateRefreshToken: true,
  cookies: { keys: ['self-test-only'] },
  features: {
    devInteractions: { enabled: true },
    revocation: { enabled: true },
    introspection: { enabled: true },
    backchannelLogout: { enabled: true },
    rpInitiatedLogout: { enabled: true },
  },
  claims: {
    openid: ['sub'],
    email: ['email', 'email_verified'],
    profile: ['name', 'given_name', 'family_name', 'locale'],
  },
  findAccount: async (ctx, sub) => ({
    accountId: sub,
    claims: async () => ({
      sub,
      email: `${sub}@example.com`,
      email_verified: true,
      name: `${sub} Tester`,
      given_name: sub,
      family_name: 'Tester',
      locale: 'en',
    }),
  }),
});
provider.on('backchannel.error', (ctx, error, client) => console.error(`back-channel logout to ${client.clientId} failed: ${error.message} ${error.cause?.message ?? ""}`));
const op = provider.listen(opPort);

const children = [];
function startRp(port, clientId, extra = []) {
  const child = spawn(
    process.execPath,
    ['rp/app.mjs', '--issuer', issuer, '--client-id', clientId, '--port', String(port), '--name', clientId, ...extra],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  children.push(child);
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (data) => data.toString().includes('ready') && resolve(rpBase(port)));
    child.on('exit', (code) => reject(new Error(`${clientId} exited with ${code}`)));
  });
}

/** A browser: one cookie jar per host and port, redirects followed, the development
 * log-in, consent and logout pages of oidc-provider answered. */
function browser(login = 'alice') {
  const jars = new Map();
  const seen = [];
  const jar = (url) => jars.get(new URL(url).host) ?? jars.set(new URL(url).host, new Map()).get(new URL(url).host);
  function keep(url, response) {
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(/;\s*/);
      const [name, value] = pair.split(/=(.*)/s);
      const gone = attributes.some((a) => /^max-age=0$/i.test(a) || /^expires=.*1970/i.test(a));
      if (gone) jar(url).delete(name);
      else jar(url).set(name, value);
    }
  }
  async function request(url, init = {}) {
    const cookie = [...jar(url)].map(([n, v]) => `${n}=${v}`).join('; ');
    const response = await fetch(url, { ...init, redirect: 'manual', headers: { ...init.headers, cookie } });
    keep(url, response);
    return response;
  }
  const formOf = (html) => ({
    action: /<form[^>]*action="([^"]+)"/.exec(html)?.[1],
    hidden: Object.fromEntries(
      [...html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)].map((m) => [m[1], m[2]]),
    ),
  });
  async function visit(start) {
    let url = start;
    let init = {};
    for (let hops = 0; hops < 30; hops++) {
      const response = await request(url, init);
      init = {};
      if (response.status >= 300 && response.status < 400) {
        url = new URL(response.headers.get('location'), url).href;
        continue;
      }
      const html = await response.text();
      const path = new URL(url).pathname;
      if (path.startsWith('/interaction/') || path === '/session/end') {
        const { action, hidden } = formOf(html);
        const fields = { ...hidden };
        if (hidden.prompt === 'login') Object.assign(fields, { login, password: 'any' });
        if (path === '/session/end') fields.logout = 'yes';
        seen.push(hidden.prompt ?? 'logout');
        init = {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams(fields).toString(),
        };
        url = new URL(action, url).href;
        continue;
      }
      return { url, status: response.status, html, seen: seen.splice(0) };
    }
    throw new Error(`too many redirects from ${start}`);
  }
  return { visit };
}

const decode = (text) => text.replace(/&#(\d+);/g, (_, c) => String.fromCharCode(Number(c)));
const part = (html, id) => {
  const found = new RegExp(`id="${id}">([^<]*)<`).exec(html)?.[1];
  return found === undefined ? undefined : decode(found);
};
const jsonPart = (html, id) => JSON.parse(part(html, id));

async function signIn(who, rp, query = '?prompt=consent') {
  const page = await who.visit(`${rp}/login${query}`);
  assert.equal(page.status, 200, `signed in to ${rp}: ${page.html}`);
  assert.match(part(page.html, 'status'), /^Signed in as /);
  return page;
}

const checks = [];
async function check(name, body) {
  await body();
  checks.push(name);
  console.log(`ok - ${name}`);
}

async function backchannelLog(rp, count) {
  for (let i = 0; i < 50; i++) {
    const log = await (await fetch(`${rp}/backchannel-log`)).json();
    if (log.length >= count) return log;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${rp} received fewer than ${count} back-channel logouts`);
}

async function run() {
  const [basic, pub, post] = await Promise.all([
    startRp(basicPort, 'rp-basic', ['--client-secret', SECRET]),
    startRp(publicPort, 'rp-public'),
    startRp(postPort, 'rp-post', ['--client-secret', SECRET, '--auth', 'post']),
  ]);
  const alice = browser('alice');

  await check('a person signs in: ID token claims and userinfo, checked by openid-client', async () => {
    const before = await alice.visit(`${basic}/`);
    assert.equal(part(before.html, 'status'), 'Not signed in.');
    const page = await signIn(alice, basic);
    assert.deepEqual(page.seen, ['login', 'consent']);
    const claims = jsonPart(page.html, 'claims');
    assert.equal(claims.iss, issuer);
    assert.equal(claims.aud, 'rp-basic');
    assert.equal(claims.sub, 'alice');
    assert.ok(claims.sid, 'a sid');
    assert.equal(jsonPart(page.html, 'userinfo').email, 'alice@example.com');
  });

  await check('a refresh rotates the refresh token, and the used one is refused after', async () => {
    const refreshed = await alice.visit(`${basic}/refresh`);
    assert.equal(part(refreshed.html, 'rotated'), 'rotated');
    assert.equal(jsonPart(refreshed.html, 'claims').sub, 'alice');
    const reused = await alice.visit(`${basic}/refresh?use=previous`);
    assert.equal(reused.status, 400);
    assert.equal(part(reused.html, 'error'), 'invalid_grant');
  });

  await check('revocation: the access token and the refresh token stop working', async () => {
    await signIn(alice, basic);
    const introspected = await (await alice.visit(`${basic}/introspect`)).html;
    assert.equal(JSON.parse(introspected).active, true);
    const revoked = await alice.visit(`${basic}/revoke`);
    assert.equal(part(revoked.html, 'revoked'), 'refresh access');
    const userinfo = await alice.visit(`${basic}/userinfo`);
    assert.equal(userinfo.status, 400);
    assert.equal(part(userinfo.html, 'error'), 'invalid_token');
    const refresh = await alice.visit(`${basic}/refresh`);
    assert.equal(part(refresh.html, 'error'), 'invalid_grant');
  });

  await check('single sign-on: a second app signs in without a password (client_secret_post)', async () => {
    const page = await signIn(alice, post);
    assert.ok(!page.seen.includes('login'), `no log-in page, saw ${page.seen}`);
    assert.equal(jsonPart(page.html, 'claims').aud, 'rp-post');
  });

  await check('a public client signs in with PKCE and no secret', async () => {
    const page = await signIn(browser('pat'), pub);
    assert.equal(jsonPart(page.html, 'claims').sub, 'pat');
  });

  await check('RP-initiated logout returns to the app with its state', async () => {
    const before = (await backchannelLog(basic, 0)).length;
    const page = await alice.visit(`${basic}/logout`);
    assert.equal(part(page.html, 'status'), 'Signed out.');
    assert.equal(new URL(page.url).pathname, '/logged-out');
    assert.equal((await alice.visit(`${basic}/`)).html.includes('Not signed in.'), true);
    await backchannelLog(basic, before + 1);
  });

  await check('a back-channel logout marks the session of the person who logged out of the provider', async () => {
    const bob = browser('bob');
    const page = await signIn(bob, basic);
    const { sid } = jsonPart(page.html, 'claims');
    const before = (await backchannelLog(basic, 0)).length;
    await bob.visit(`${issuer}/session/end`);
    const log = await backchannelLog(basic, before + 1);
    const token = log.at(-1);
    assert.equal(token.sid, sid);
    assert.equal(token.sub, 'bob');
    assert.equal(token.iss, issuer);
    const after = await bob.visit(`${basic}/`);
    assert.match(part(after.html, 'status'), /^Signed out by the provider/);
  });

  await check('forged logout tokens are refused', async () => {
    const { privateKey } = await generateKeyPair('RS256');
    const forged = await new SignJWT({ events: { 'http://schemas.openid.net/event/backchannel-logout': {} }, sid: 'x', jti: 'j' })
      .setProtectedHeader({ alg: 'RS256', typ: 'logout+jwt', kid: 'keystore-CHANGE-ME' })
      .setIssuer(issuer)
      .setAudience('rp-basic')
      .setIssuedAt()
      .setExpirationTime('2m')
      .sign(privateKey);
    for (const body of [`logout_token=${forged}`, 'logout_token=not.a.token', '']) {
      const response = await fetch(`${basic}/backchannel-logout`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body,
      });
      assert.equal(response.status, 400, body);
    }
  });
}

let failed = false;
try {
  await run();
  console.log(`\n${checks.length} checks passed`);
} catch (error) {
  failed = true;
  console.error(`not ok - ${error.stack ?? error}`);
} finally {
  for (const child of children) child.kill('SIGTERM');
  op.close();
}
process.exitCode = failed ? 1 : 0;
