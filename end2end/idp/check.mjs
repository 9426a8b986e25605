// Proves the tests' identity provider (idp/idp.mjs) with npm `openid-client` 6 as the relying
// party, as Portico will use it: discovery, the log-in form posted without JavaScript, consent
// at once, the code exchanged with PKCE and client_secret_basic, the ID token's claims (RS256,
// email_verified false for the unverified account, a new email under the same sub), prompt=none
// both ways, and back-channel logout tokens (sub, sid, events) posted to a local listener
// standing in for Portico, from /test/end-session and from RP-initiated logout.
//
//   cd end2end && node idp/check.mjs      (exit status 0: every check passed)
//
// The browser is fetch with a cookie jar per host name (ports ignored, as browsers do: the two
// IdPs on 127.0.0.1 must keep their cookies apart) and no JavaScript.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import http from 'node:http';
import net from 'node:net';
import * as client from 'openid-client';
import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';

const freePort = () =>
  new Promise((resolve, reject) => {
    const probe = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
    probe.on('error', reject);
  });

const [porticoPort, acmePort, socialPort] = await Promise.all([freePort(), freePort(), freePort()]);
// "Portico": the redirect URI is only read from the browser's last hop; the listener takes the
// back-channel logout posts.
const PORTICO = `http://localhost:${porticoPort}`;
const REDIRECT_URI = `${PORTICO}/sso/callback`;
const PASSWORD = 'idp-password';
const BACKCHANNEL_EVENT = 'http://schemas.openid.net/event/backchannel-logout';

const received = [];
const listener = http.createServer(async (req, res) => {
  let body = '';
  for await (const chunk of req) body += chunk;
  const match = /^\/sso\/backchannel-logout\/(\d+)$/.exec(req.url);
  if (req.method === 'POST' && match) {
    received.push({ provider: match[1], token: new URLSearchParams(body).get('logout_token'), type: req.headers['content-type'] });
    res.writeHead(200);
  } else {
    res.writeHead(404);
  }
  res.end();
});
await new Promise((resolve) => listener.listen(porticoPort, '127.0.0.1', resolve));

const children = [];
function startIdp(port, name) {
  const child = spawn(
    process.execPath,
    ['idp/idp.mjs', '--port', String(port), '--issuer-name', name, '--portico-url', PORTICO],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  children.push(child);
  child.stderr.on('data', (data) => {
    const text = String(data);
    if (!text.includes('Unsupported runtime')) process.stderr.write(`[${name}] ${text}`);
  });
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (data) => {
      const ready = /ready (\S+)/.exec(String(data));
      if (ready) resolve(ready[1]);
    });
    child.on('exit', (code) => reject(new Error(`the ${name} IdP exited with ${code}`)));
  });
}

/** A browser without JavaScript: cookies per host name, redirects followed until the
 * redirect URI (whose page is never fetched). */
function browser() {
  const jars = new Map();
  const jar = (url) => {
    const host = new URL(url).hostname;
    if (!jars.has(host)) jars.set(host, new Map());
    return jars.get(host);
  };
  async function request(url, init = {}) {
    const cookie = [...jar(url)].map(([n, v]) => `${n}=${v}`).join('; ');
    const response = await fetch(url, { ...init, redirect: 'manual', headers: { ...init.headers, cookie } });
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(/;\s*/);
      const [name, value] = pair.split(/=(.*)/s);
      const gone = attributes.some((a) => /^max-age=0$/i.test(a) || /^expires=.*1970/i.test(a));
      if (gone) jar(url).delete(name);
      else jar(url).set(name, value);
    }
    return response;
  }
  /** Follows redirects from `url` (with `init` for the first request); stops at a page or at
   * the redirect URI. */
  async function go(url, init = {}) {
    const hops = [];
    for (let i = 0; i < 20; i++) {
      if (url.startsWith(REDIRECT_URI) || url.startsWith(`${PORTICO}/`)) return { url, hops, status: 303 };
      const response = await request(url, init);
      init = {};
      hops.push(new URL(url).pathname);
      if (response.status >= 300 && response.status < 400) {
        url = new URL(response.headers.get('location'), url).href;
        continue;
      }
      return { url, hops, status: response.status, html: await response.text() };
    }
    throw new Error(`too many redirects from ${url}`);
  }
  const post = (url, fields) =>
    go(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields).toString(),
    });
  return { go, post, jars };
}

/** The log-in form of a page: its action, absolute. */
function loginForm(page) {
  const action = /<form method="post" action="([^"]+\/login)"/.exec(page.html)?.[1];
  assert.ok(action, `a log-in form in ${page.url}: ${page.html}`);
  return new URL(action, page.url).href;
}

async function relyingParty(issuer, secret) {
  return client.discovery(new URL(issuer), 'portico', undefined, client.ClientSecretBasic(secret), {
    execute: [client.allowInsecureRequests],
  });
}

async function begin(config, extra = {}) {
  const flow = { verifier: client.randomPKCECodeVerifier(), state: client.randomState(), nonce: client.randomNonce() };
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: REDIRECT_URI,
    scope: 'openid email profile',
    state: flow.state,
    nonce: flow.nonce,
    code_challenge: await client.calculatePKCECodeChallenge(flow.verifier),
    code_challenge_method: 'S256',
    ...extra,
  });
  return { flow, url: url.href };
}

async function finish(config, flow, callbackUrl) {
  const tokens = await client.authorizationCodeGrant(config, new URL(callbackUrl), {
    pkceCodeVerifier: flow.verifier,
    expectedState: flow.state,
    expectedNonce: flow.nonce,
    idTokenExpected: true,
  });
  return { tokens, claims: tokens.claims(), header: decodeProtectedHeader(tokens.id_token) };
}

/** A full sign-in without JavaScript: authorize → log-in form → posted → code → tokens. */
async function signIn(config, who, email, extra = {}) {
  const { flow, url } = await begin(config, extra);
  const form = await who.go(url);
  assert.equal(form.status, 200, form.html);
  const back = await who.post(loginForm(form), { email, password: PASSWORD });
  assert.ok(back.url.startsWith(REDIRECT_URI), `back at the redirect URI: ${back.url} ${back.html ?? ''}`);
  assert.deepEqual(back.hops.filter((hop) => hop.startsWith('/interaction/')), [back.hops[0]], `no consent page: ${back.hops}`);
  return finish(config, flow, back.url);
}

const json = async (response) => {
  const body = await response.json();
  assert.ok(response.ok, `${response.url}: ${response.status} ${JSON.stringify(body)}`);
  return body;
};
const testPost = (issuer, path, body) =>
  fetch(`${issuer}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).then(json);

async function logoutTokens(count) {
  for (let i = 0; i < 50 && received.length < count; i++) await new Promise((r) => setTimeout(r, 100));
  assert.ok(received.length >= count, `${count} logout tokens, got ${received.length}`);
  return received;
}

const checks = [];
async function check(name, body) {
  await body();
  checks.push(name);
  console.log(`ok - ${name}`);
}

async function run() {
  const [acme, social] = await Promise.all([startIdp(acmePort, 'acme'), startIdp(socialPort, 'social')]);
  assert.equal(acme, `http://127.0.0.1:${acmePort}`);
  const health = await json(await fetch(`${acme}/test/health`));
  assert.equal(health.issuer, acme);
  let config;
  let adaSid;
  let adaSub;
  const ada = browser();

  await check('discovery: the issuer as given, code flow with S256, RS256, back-channel logout with sid', async () => {
    config = await relyingParty(acme, 'portico-e2e-secret-acme');
    const meta = config.serverMetadata();
    assert.equal(meta.issuer, acme);
    assert.deepEqual(meta.response_types_supported, ['code']);
    assert.deepEqual(meta.code_challenge_methods_supported, ['S256']);
    assert.deepEqual(meta.id_token_signing_alg_values_supported, ['RS256']);
    assert.equal(meta.backchannel_logout_supported, true);
    assert.equal(meta.backchannel_logout_session_supported, true);
    assert.ok(meta.end_session_endpoint);
  });

  await check('the log-in page is a plain form without JavaScript, the email filled from login_hint', async () => {
    const { url } = await begin(config, { login_hint: 'ada@acme-corp.example' });
    const page = await ada.go(url);
    assert.equal(page.status, 200);
    assert.match(new URL(page.url).pathname, /^\/interaction\//);
    assert.doesNotMatch(page.html, /<script/i);
    assert.match(page.html, /<label for="email">Email<\/label>/);
    assert.match(page.html, /<label for="password">Password<\/label>/);
    assert.match(page.html, /value="ada@acme-corp.example"/);
    const wrong = await ada.post(loginForm(page), { email: 'ada@acme-corp.example', password: 'wrong' });
    assert.equal(wrong.status, 400);
    assert.match(wrong.html, /Unknown email address or wrong password/);
    const unknown = await ada.post(loginForm(wrong), { email: 'nobody@acme-corp.example', password: PASSWORD });
    assert.equal(unknown.status, 400);
  });

  await check('ada signs in (form post, consent at once): an RS256 ID token with her verified email and names', async () => {
    const { claims, header } = await signIn(config, ada, 'ada@acme-corp.example');
    assert.equal(header.alg, 'RS256');
    assert.ok(header.kid?.startsWith('acme-'));
    assert.equal(claims.iss, acme);
    assert.equal(claims.aud, 'portico');
    assert.equal(claims.sub, 'acme-0001');
    assert.equal(claims.email, 'ada@acme-corp.example');
    assert.equal(claims.email_verified, true);
    assert.equal(claims.given_name, 'Ada');
    assert.equal(claims.family_name, 'Lovelace');
    assert.equal(claims.name, 'Ada Lovelace');
    assert.ok(claims.sid, 'a sid');
    assert.ok(claims.exp - claims.iat <= 3600);
    adaSid = claims.sid;
    adaSub = claims.sub;
  });

  await check('the code needs the PKCE verifier and the client secret', async () => {
    const { flow, url } = await begin(config);
    const back = await ada.go(url); // signed in: straight back with a code
    assert.ok(back.url.startsWith(REDIRECT_URI), back.url);
    await assert.rejects(finish(config, { ...flow, verifier: client.randomPKCECodeVerifier() }, back.url), (e) => e.error === 'invalid_grant');
    const other = await begin(config);
    const again = await ada.go(other.url);
    const wrongSecret = await relyingParty(acme, 'not-the-secret');
    await assert.rejects(finish(wrongSecret, other.flow, again.url), (e) => (e.error ?? e.cause?.[0]?.parameters?.error) === 'invalid_client');
    const noPkce = new URL(`${acme}/auth`);
    noPkce.search = new URLSearchParams({ client_id: 'portico', redirect_uri: REDIRECT_URI, response_type: 'code', scope: 'openid', state: 's' });
    const refused = await ada.go(noPkce.href);
    assert.equal(new URL(refused.url).searchParams.get('error'), 'invalid_request');
  });

  await check('prompt=none: a code at once while the IdP session lives, login_required without one', async () => {
    const { flow, url } = await begin(config, { prompt: 'none' });
    const back = await ada.go(url);
    assert.ok(back.url.startsWith(REDIRECT_URI), back.url);
    assert.ok(!back.hops.some((hop) => hop.startsWith('/interaction/')), `no log-in page: ${back.hops}`);
    const { claims } = await finish(config, flow, back.url);
    assert.equal(claims.sub, adaSub);
    assert.equal(claims.sid, adaSid);
    const forced = await begin(config, { prompt: 'consent' });
    const consented = await ada.go(forced.url);
    assert.ok(consented.url.startsWith(REDIRECT_URI), `prompt=consent answered without a page: ${consented.hops}`);
    assert.equal((await finish(config, forced.flow, consented.url)).claims.sub, adaSub);
    const stranger = browser();
    const silent = await begin(config, { prompt: 'none' });
    const refused = await stranger.go(silent.url);
    const params = new URL(refused.url).searchParams;
    assert.ok(refused.url.startsWith(REDIRECT_URI));
    assert.equal(params.get('error'), 'login_required');
    assert.equal(params.get('state'), silent.flow.state);
    assert.equal(params.get('iss'), acme);
  });

  await check('another person signs in where one is signed in: the old session ends first ("Continue" without JavaScript)', async () => {
    const who = browser();
    const first = await signIn(config, who, 'ada@acme-corp.example');
    // oidc-provider ends the first person's session (and posts their logout tokens) through a
    // form that submits itself with JavaScript and shows a "Continue" button without.
    const { flow: loginFlow, url: loginUrl } = await begin(config, { prompt: 'login' });
    const form = await who.go(loginUrl);
    const between = await who.post(loginForm(form), { email: 'outsider@elsewhere.example', password: PASSWORD });
    assert.equal(between.status, 200);
    assert.match(between.html, /<noscript>[\s\S]*<button[^>]*type="submit">Continue<\/button>/);
    const action = /<form method="post" action="([^"]+)"/.exec(between.html)[1];
    assert.equal(new URL(action).pathname, '/session/end/confirm');
    const hidden = Object.fromEntries([...between.html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)].map((m) => [m[1], m[2]]));
    const back = await who.post(action, hidden);
    assert.ok(back.url.startsWith(REDIRECT_URI), `${back.url} ${back.html ?? ''}`);
    const other = await finish(config, loginFlow, back.url);
    assert.equal(other.claims.sub, 'acme-0003');
    assert.notEqual(other.claims.sid, first.claims.sid);
    const { flow, url } = await begin(config, { prompt: 'none' });
    assert.equal((await finish(config, flow, (await who.go(url)).url)).claims.sub, 'acme-0003');
    await testPost(acme, '/test/end-session', { email: 'outsider@elsewhere.example', backchannel: false });
  });

  await check('the unverified account: email_verified false in the ID token', async () => {
    const { claims } = await signIn(config, browser(), 'unverified@acme-corp.example');
    assert.equal(claims.email, 'unverified@acme-corp.example');
    assert.equal(claims.email_verified, false);
    const outsider = await signIn(config, browser(), 'outsider@elsewhere.example');
    assert.equal(outsider.claims.email, 'outsider@elsewhere.example');
    assert.equal(outsider.claims.email_verified, true);
  });

  await check('an email changed at the IdP: the next sign-in has the same sub and the new email', async () => {
    const first = await signIn(config, browser(), 'mover@acme-corp.example');
    const changed = await testPost(acme, '/test/change-email', { email: 'mover@acme-corp.example', new_email: 'grace.hopper@acme-corp.example' });
    assert.equal(changed.sub, first.claims.sub);
    const second = await signIn(config, browser(), 'grace.hopper@acme-corp.example');
    assert.equal(second.claims.sub, first.claims.sub);
    assert.equal(second.claims.email, 'grace.hopper@acme-corp.example');
    assert.equal(second.claims.email_verified, true);
  });

  await check('a test adds an account of its own', async () => {
    const made = await testPost(acme, '/test/accounts', { email: 'new.hire@acme-corp.example', given_name: 'New', family_name: 'Hire' });
    assert.match(made.sub, /^acme-[0-9a-f]{16}$/);
    const { claims } = await signIn(config, browser(), 'new.hire@acme-corp.example');
    assert.equal(claims.sub, made.sub);
    assert.equal(claims.name, 'New Hire');
    assert.equal(claims.email_verified, true);
    const again = await fetch(`${acme}/test/accounts`, { method: 'POST', body: new URLSearchParams({ email: 'new.hire@acme-corp.example' }) });
    assert.equal(again.status, 409);
    const brief = await testPost(acme, '/test/accounts', { email: 'brief@acme-corp.example', email_verified: false, id_token_ttl: 120 });
    const short = await signIn(config, browser(), 'brief@acme-corp.example');
    assert.equal(short.claims.sub, brief.sub);
    assert.equal(short.claims.email_verified, false);
    assert.equal(short.claims.exp - short.claims.iat, 120);
    assert.ok(!('idTokenTtl' in short.claims) && !('id_token_ttl' in short.claims));
  });

  await check('/test/end-session posts a logout token (sub, sid, events) to the back-channel URI set through /test/clients', async () => {
    const uri = `http://127.0.0.1:${porticoPort}/sso/backchannel-logout/7`;
    const registered = await testPost(acme, '/test/clients', { client_id: 'portico', backchannel_logout_uri: uri });
    assert.equal(registered.backchannel_logout_uri, uri);
    assert.equal(registered.backchannel_logout_session_required, true);
    assert.deepEqual(registered.redirect_uris, [REDIRECT_URI]);
    const ended = await testPost(acme, '/test/end-session', { email: 'ada@acme-corp.example' });
    assert.equal(ended.sessions, 1);
    assert.equal(ended.logouts.length, 1);
    assert.equal(ended.logouts[0].ok, true, JSON.stringify(ended));
    const [{ provider, token, type }] = await logoutTokens(1);
    assert.equal(provider, '7');
    assert.equal(type, 'application/x-www-form-urlencoded');
    const jwks = createRemoteJWKSet(new URL(config.serverMetadata().jwks_uri));
    const { payload, protectedHeader } = await jwtVerify(token, jwks, {
      issuer: acme,
      audience: 'portico',
      typ: 'logout+jwt',
      algorithms: ['RS256'],
      requiredClaims: ['iat', 'exp', 'jti', 'events', 'sid', 'sub'],
    });
    assert.equal(protectedHeader.alg, 'RS256');
    assert.deepEqual(payload.events, { [BACKCHANNEL_EVENT]: {} });
    assert.equal(payload.sid, adaSid);
    assert.equal(payload.sub, adaSub);
    assert.ok(!('nonce' in payload));
    const silent = await begin(config, { prompt: 'none' });
    const refused = await ada.go(silent.url);
    assert.equal(new URL(refused.url).searchParams.get('error'), 'login_required');
    const log = await json(await fetch(`${acme}/test/logouts`));
    assert.equal(log.length, 1);
    const nobody = await fetch(`${acme}/test/end-session?email=nobody@acme-corp.example`, { method: 'POST' });
    assert.equal(nobody.status, 404);
  });

  await check('/test/end-session with backchannel=false ends the IdP session and posts nothing', async () => {
    const who = browser();
    await signIn(config, who, 'outsider@elsewhere.example');
    const before = received.length;
    const ended = await json(await fetch(`${acme}/test/end-session?email=outsider@elsewhere.example&backchannel=false`, { method: 'POST' }));
    assert.equal(ended.sessions, 2); // this browser's and the earlier check's
    assert.deepEqual(ended.logouts, []);
    const silent = await begin(config, { prompt: 'none' });
    assert.equal(new URL((await who.go(silent.url)).url).searchParams.get('error'), 'login_required');
    await new Promise((r) => setTimeout(r, 200));
    assert.equal(received.length, before);
  });

  await check('a second client (another company provider): one logout token per client signed in to, each with its sid', async () => {
    const secret = 'second-client-secret';
    const second = await testPost(acme, '/test/clients', {
      client_id: 'portico-2',
      client_secret: secret,
      backchannel_logout_uri: `http://127.0.0.1:${porticoPort}/sso/backchannel-logout/9`,
    });
    assert.deepEqual(second.redirect_uris, [REDIRECT_URI]);
    const secondConfig = await client.discovery(new URL(acme), 'portico-2', undefined, client.ClientSecretBasic(secret), {
      execute: [client.allowInsecureRequests],
    });
    const who = browser();
    await testPost(acme, '/test/accounts', { email: 'two.hats@acme-corp.example' });
    const one = await signIn(config, who, 'two.hats@acme-corp.example');
    const { flow, url } = await begin(secondConfig, { prompt: 'none' });
    const two = await finish(secondConfig, flow, (await who.go(url)).url);
    assert.equal(two.claims.aud, 'portico-2');
    assert.equal(two.claims.sub, one.claims.sub);
    const before = received.length;
    const ended = await testPost(acme, '/test/end-session', { email: 'two.hats@acme-corp.example' });
    assert.deepEqual(ended.logouts.map((l) => [l.client_id, l.ok]).sort(), [['portico', true], ['portico-2', true]]);
    const tokens = (await logoutTokens(before + 2)).slice(before);
    const jwks = createRemoteJWKSet(new URL(config.serverMetadata().jwks_uri));
    const byProvider = {};
    for (const { provider, token } of tokens) {
      const audience = provider === '9' ? 'portico-2' : 'portico';
      byProvider[provider] = (await jwtVerify(token, jwks, { issuer: acme, audience, typ: 'logout+jwt' })).payload;
    }
    assert.equal(byProvider['7'].sid, one.claims.sid);
    assert.equal(byProvider['9'].sid, two.claims.sid);
  });

  await check('RP-initiated logout (end_session_endpoint, the form posted) posts a logout token too', async () => {
    const who = browser();
    const { tokens, claims } = await signIn(config, who, 'ada@acme-corp.example');
    assert.notEqual(claims.sid, adaSid);
    const before = received.length;
    const url = client.buildEndSessionUrl(config, { id_token_hint: tokens.id_token, post_logout_redirect_uri: `${PORTICO}/` });
    const confirm = await who.go(url.href);
    assert.equal(confirm.status, 200);
    assert.doesNotMatch(confirm.html, /<script/i);
    const action = /<form[^>]*action="([^"]+)"/.exec(confirm.html)[1];
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(confirm.html)[1];
    const done = await who.post(new URL(action, confirm.url).href, { xsrf, logout: 'yes' });
    assert.equal(done.url, `${PORTICO}/`);
    const tokensNow = await logoutTokens(before + 1);
    const { payload } = await jwtVerify(tokensNow.at(-1).token, createRemoteJWKSet(new URL(config.serverMetadata().jwks_uri)), {
      issuer: acme,
      audience: 'portico',
      typ: 'logout+jwt',
    });
    assert.equal(payload.sid, claims.sid);
  });

  await check('the social IdP beside it: sam signs in; both IdPs on 127.0.0.1 keep their sessions apart', async () => {
    const socialConfig = await relyingParty(social, 'portico-e2e-secret-social');
    const who = browser();
    const sam = await signIn(socialConfig, who, 'sam@social.example');
    assert.equal(sam.claims.iss, social);
    assert.equal(sam.claims.sub, 'social-0001');
    assert.equal(sam.claims.email_verified, true);
    assert.ok(sam.header.kid.startsWith('social-'));
    await signIn(config, who, 'ada@acme-corp.example');
    assert.deepEqual([...who.jars.get('127.0.0.1').keys()].filter((n) => n.endsWith('_session')).sort(), ['acme_session', 'social_session']);
    for (const [cfg, sub] of [[socialConfig, 'social-0001'], [config, 'acme-0001']]) {
      const { flow, url } = await begin(cfg, { prompt: 'none' });
      const { claims } = await finish(cfg, flow, (await who.go(url)).url);
      assert.equal(claims.sub, sub);
    }
    const unverified = await signIn(socialConfig, browser(), 'unverified@social.example');
    assert.equal(unverified.claims.email_verified, false);
  });

  await check('Cancel on the log-in page answers access_denied', async () => {
    const { url, flow } = await begin(config);
    const page = await browser().go(url);
    const abort = /action="([^"]+\/abort)"/.exec(page.html)[1];
    const back = await browser().post(new URL(abort, page.url).href, {});
    // Another browser has no interaction cookie: refused at the IdP.
    assert.notEqual(back.status, 303);
    const same = browser();
    const page2 = await same.go(url);
    const cancelled = await same.post(new URL(/action="([^"]+\/abort)"/.exec(page2.html)[1], page2.url).href, {});
    const params = new URL(cancelled.url).searchParams;
    assert.equal(params.get('error'), 'access_denied');
    assert.equal(params.get('state'), flow.state);
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
  listener.close();
}
process.exitCode = failed ? 1 : 0;
