// A relying party that nobody at Portico wrote the protocol of: every OpenID Connect
// message is made and checked by npm `openid-client` 6 (a certified RP library) and the
// logout token by `jose`. This file only wires its calls to pages the tests read.
//
//   node rp/app.mjs --issuer http://localhost:3100 --client-id ID [--client-secret S]
//     [--port 3201] [--name "Support desk"] [--scope "openid email profile"] [--auth basic|post]
//
// Every option may be given as an environment variable instead (ISSUER, CLIENT_ID,
// CLIENT_SECRET, PORT, NAME, SCOPE, TOKEN_AUTH). No secret: a public client (PKCE only).
// It listens on 127.0.0.1 and is registered as http://127.0.0.1:PORT/callback,
// /logged-out (after logging out) and /backchannel-logout.
import http from 'node:http';
import { randomUUID } from 'node:crypto';
import * as client from 'openid-client';
import { createRemoteJWKSet, jwtVerify } from 'jose';

const settings = readSettings(process.argv.slice(2), process.env);
const base = `http://127.0.0.1:${settings.port}`;
// Cookies ignore ports: every RP on 127.0.0.1 gets a cookie name of its own.
const COOKIE = `rp${settings.port}`;
const BACKCHANNEL_EVENT = 'http://schemas.openid.net/event/backchannel-logout';

/** Flows started by /login, by browser id: PKCE verifier, state, nonce. */
const flows = new Map();
/** Signed-in sessions, by browser id. */
const sessions = new Map();
/** The claims of every logout token accepted, in order (for tests). */
const backchannelLog = [];

function readSettings(args, env) {
  const named = {};
  for (let i = 0; i < args.length; i++) {
    const [key, inline] = args[i].replace(/^--/, '').split(/=(.*)/s);
    named[key] = inline ?? args[++i];
  }
  const pick = (flag, variable, fallback) => named[flag] ?? env[variable] ?? fallback;
  const settings = {
    issuer: pick('issuer', 'ISSUER'),
    clientId: pick('client-id', 'CLIENT_ID'),
    clientSecret: pick('client-secret', 'CLIENT_SECRET') || undefined,
    port: Number(pick('port', 'PORT', '3201')),
    name: pick('name', 'NAME', 'Relying party'),
    scope: pick('scope', 'SCOPE', 'openid email profile offline_access'),
    tokenAuth: pick('auth', 'TOKEN_AUTH', 'basic'),
  };
  if (!settings.issuer || !settings.clientId) {
    console.error('usage: node rp/app.mjs --issuer URL --client-id ID [--client-secret SECRET] [--port N]');
    process.exit(2);
  }
  return settings;
}

/** Discovery on first need (the provider may start after this app), retried on failure. */
let discovered;
function config() {
  discovered ??= discover().catch((error) => {
    discovered = undefined;
    throw error;
  });
  return discovered;
}

async function discover() {
  const { clientSecret, tokenAuth } = settings;
  const auth = !clientSecret
    ? client.None()
    : tokenAuth === 'post'
      ? client.ClientSecretPost(clientSecret)
      : client.ClientSecretBasic(clientSecret);
  // Plain http is refused by openid-client unless allowed: the tests' provider is local.
  const found = await client.discovery(new URL(settings.issuer), settings.clientId, undefined, auth, {
    execute: [client.allowInsecureRequests],
  });
  const jwks = createRemoteJWKSet(new URL(found.serverMetadata().jwks_uri));
  return { config: found, jwks };
}

const browserId = (req) =>
  (req.headers.cookie ?? '')
    .split(/;\s*/)
    .find((c) => c.startsWith(`${COOKIE}=`))
    ?.slice(COOKIE.length + 1);

const escape = (text) =>
  String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const pretty = (value) => escape(JSON.stringify(value ?? null, null, 2));

function page(res, title, body, status = 200) {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  res.end(
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escape(title)}</title></head>` +
      `<body><h1>${escape(settings.name)}</h1>${body}</body></html>`,
  );
}

function json(res, value, status = 200) {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify(value));
}

function redirect(res, location, id) {
  const headers = { location: String(location) };
  if (id) headers['set-cookie'] = `${COOKIE}=${id}; Path=/; HttpOnly; SameSite=Lax`;
  res.writeHead(303, headers);
  res.end();
}

/** The protocol's error code (`invalid_grant`, `login_required`, …) when there is one. */
function errorPage(res, error) {
  // A refused bearer token answers with a WWW-Authenticate challenge, not a JSON body.
  const cause = Array.isArray(error.cause) ? error.cause[0]?.parameters : error.cause;
  const code = error.error ?? cause?.error ?? error.code ?? error.name;
  const description = error.error_description ?? cause?.error_description ?? error.message;
  page(
    res,
    'Error',
    `<p>The sign-in did not work.</p><p id="error">${escape(code)}</p>` +
      `<p id="error-description">${escape(description)}</p><p><a href="/">Home</a></p>`,
    400,
  );
}

function home(res, session) {
  if (!session) {
    return page(res, 'Not signed in', '<p id="status">Not signed in.</p><p><a href="/login">Sign in</a></p>');
  }
  const who = session.claims.email ?? session.claims.sub;
  const status = session.loggedOutBy
    ? `<p id="status">Signed out by the provider (${escape(session.loggedOutBy)}).</p>`
    : `<p id="status">Signed in as ${escape(who)}</p>`;
  page(
    res,
    'Signed in',
    status +
      `<h2>ID token</h2><pre id="claims">${pretty(session.claims)}</pre>` +
      `<h2>Userinfo</h2><pre id="userinfo">${pretty(session.userinfo)}</pre>` +
      '<ul><li><a href="/refresh">Refresh</a></li><li><a href="/userinfo">Userinfo again</a></li>' +
      '<li><a href="/revoke">Revoke</a></li><li><a href="/logout">Log out</a></li></ul>',
  );
}

async function login(req, res, url) {
  const { config: found } = await config();
  const id = browserId(req) ?? randomUUID();
  const flow = {
    verifier: client.randomPKCECodeVerifier(),
    state: client.randomState(),
    nonce: client.randomNonce(),
  };
  flows.set(id, flow);
  const params = {
    redirect_uri: `${base}/callback`,
    scope: url.searchParams.get('scope') ?? settings.scope,
    state: flow.state,
    nonce: flow.nonce,
    code_challenge: await client.calculatePKCECodeChallenge(flow.verifier),
    code_challenge_method: 'S256',
  };
  for (const name of ['prompt', 'max_age', 'login_hint', 'ui_locales']) {
    if (url.searchParams.has(name)) params[name] = url.searchParams.get(name);
  }
  redirect(res, client.buildAuthorizationUrl(found, params), id);
}

async function callback(req, res, url) {
  const { config: found } = await config();
  const id = browserId(req);
  const flow = flows.get(id);
  if (!flow) return errorPage(res, { error: 'no_flow', message: 'No sign-in was started in this browser.' });
  flows.delete(id);
  const tokens = await client.authorizationCodeGrant(found, url, {
    pkceCodeVerifier: flow.verifier,
    expectedState: flow.state,
    expectedNonce: flow.nonce,
    idTokenExpected: true,
  });
  const claims = tokens.claims();
  const userinfo = await client.fetchUserInfo(found, tokens.access_token, claims.sub);
  sessions.set(id, { tokens, claims, userinfo, usedRefreshTokens: [] });
  redirect(res, '/');
}

/** `/refresh` uses the current refresh token; `/refresh?use=previous` the one it replaced. */
async function refresh(res, session, url) {
  const { config: found } = await config();
  const previous = url.searchParams.get('use') === 'previous';
  const presented = previous ? session.usedRefreshTokens.at(-1) : session.tokens.refresh_token;
  if (!presented) return errorPage(res, { error: 'no_refresh_token', message: 'This session holds no such refresh token.' });
  const tokens = await client.refreshTokenGrant(found, presented);
  const rotated = tokens.refresh_token !== undefined && tokens.refresh_token !== presented;
  session.usedRefreshTokens.push(presented);
  session.tokens = { ...session.tokens, ...tokens };
  const claims = tokens.id_token ? tokens.claims() : undefined;
  if (claims) session.claims = claims;
  page(
    res,
    'Refreshed',
    `<p id="rotated">${rotated ? 'rotated' : 'not rotated'}</p>` +
      `<h2>New ID token</h2><pre id="claims">${pretty(claims)}</pre>` +
      `<p><a href="/">Home</a></p>`,
  );
}

async function userinfo(res, session) {
  const { config: found } = await config();
  session.userinfo = await client.fetchUserInfo(found, session.tokens.access_token, session.claims.sub);
  page(res, 'Userinfo', `<pre id="userinfo">${pretty(session.userinfo)}</pre><p><a href="/">Home</a></p>`);
}

/** Revokes the refresh token and the access token (`?token=refresh|access` for one). */
async function revoke(res, session, url) {
  const { config: found } = await config();
  const which = url.searchParams.get('token');
  const revoked = [];
  for (const kind of ['refresh', 'access']) {
    const token = session.tokens[`${kind}_token`];
    if (!token || (which && which !== kind)) continue;
    await client.tokenRevocation(found, token, { token_type_hint: `${kind}_token` });
    revoked.push(kind);
  }
  page(res, 'Revoked', `<p id="revoked">${escape(revoked.join(' '))}</p><p><a href="/">Home</a></p>`);
}

async function introspect(res, session) {
  const { config: found } = await config();
  json(res, await client.tokenIntrospection(found, session.tokens.access_token));
}

async function logout(res, session) {
  const { config: found } = await config();
  session.logoutState = client.randomState();
  redirect(
    res,
    client.buildEndSessionUrl(found, {
      id_token_hint: session.tokens.id_token,
      post_logout_redirect_uri: `${base}/logged-out`,
      state: session.logoutState,
    }),
  );
}

function loggedOut(req, res, url) {
  const id = browserId(req);
  const session = sessions.get(id);
  if (!session?.logoutState || url.searchParams.get('state') !== session.logoutState) {
    return errorPage(res, { error: 'state_mismatch', message: 'The state after logging out is not the one sent.' });
  }
  sessions.delete(id);
  page(res, 'Signed out', '<p id="status">Signed out.</p><p><a href="/login">Sign in</a></p>');
}

async function readBody(req) {
  let body = '';
  for await (const chunk of req) {
    body += chunk;
    if (body.length > 64 * 1024) throw Object.assign(new Error('body too large'), { error: 'invalid_request' });
  }
  return body;
}

/** Back-Channel Logout 1.0 §2.6: a signed `logout+jwt` from the issuer, for this client,
 * with the back-channel event, a `sid` or `sub`, and no `nonce`. */
async function backchannelLogout(req, res) {
  const { config: found, jwks } = await config();
  const token = new URLSearchParams(await readBody(req)).get('logout_token');
  if (!token) return json(res, { error: 'invalid_request', error_description: 'no logout_token' }, 400);
  let payload;
  try {
    ({ payload } = await jwtVerify(token, jwks, {
      issuer: found.serverMetadata().issuer,
      audience: settings.clientId,
      typ: 'logout+jwt',
      algorithms: ['RS256', 'ES256', 'EdDSA'],
      requiredClaims: ['iat', 'exp', 'jti', 'events'],
    }));
  } catch (error) {
    return json(res, { error: 'invalid_request', error_description: error.message }, 400);
  }
  const problem =
    typeof payload.events?.[BACKCHANNEL_EVENT] !== 'object'
      ? 'no back-channel logout event'
      : 'nonce' in payload
        ? 'a logout token has no nonce'
        : !payload.sid && !payload.sub
          ? 'neither sid nor sub'
          : undefined;
  if (problem) return json(res, { error: 'invalid_request', error_description: problem }, 400);
  backchannelLog.push(payload);
  for (const session of sessions.values()) {
    const same = payload.sid ? session.claims.sid === payload.sid : session.claims.sub === payload.sub;
    if (same) session.loggedOutBy = 'back-channel logout';
  }
  res.writeHead(200, { 'cache-control': 'no-store' });
  res.end();
}

async function route(req, res) {
  const url = new URL(req.url, base);
  const session = sessions.get(browserId(req));
  const signedIn = session && !session.loggedOutBy ? session : undefined;
  const needsSession = (handler) =>
    signedIn ? handler() : errorPage(res, { error: 'not_signed_in', message: 'Sign in first.' });
  switch (`${req.method} ${url.pathname}`) {
    case 'GET /':
      return home(res, session);
    case 'GET /login':
      return login(req, res, url);
    case 'GET /callback':
      return callback(req, res, url);
    case 'GET /refresh':
      return needsSession(() => refresh(res, signedIn, url));
    case 'GET /userinfo':
      return needsSession(() => userinfo(res, signedIn));
    case 'GET /revoke':
      return needsSession(() => revoke(res, signedIn, url));
    case 'GET /introspect':
      return needsSession(() => introspect(res, signedIn));
    case 'GET /logout':
      return needsSession(() => logout(res, signedIn));
    case 'GET /logged-out':
      return loggedOut(req, res, url);
    case 'POST /backchannel-logout':
      return backchannelLogout(req, res);
    case 'GET /backchannel-log':
      return json(res, backchannelLog);
    default:
      return json(res, { error: 'not_found' }, 404);
  }
}

const server = http.createServer((req, res) => {
  route(req, res).catch((error) => {
    if (!res.headersSent) errorPage(res, error);
    else res.end();
  });
});
server.listen(settings.port, '127.0.0.1', () => console.log(`ready ${base}`));

for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
  });
}
