// An identity provider for the end-to-end tests, where Portico is the relying party (issue 23):
// npm `oidc-provider` 9 (panva's certified OpenID provider) with a few accounts, a log-in page
// that is a plain HTML form (no JavaScript anywhere), consent granted at once, and test-only
// endpoints under /test/ to add accounts, change an email, register clients and end a
// person's sessions (which posts back-channel logout tokens).
//
//   node idp/idp.mjs --port 3301 --issuer-name acme      (in end2end/; prints "ready ISSUER")
//   node idp/idp.mjs --port 3302 --issuer-name social
//
// Options (each also an environment variable; defaults after "="):
//   --port N                     IDP_PORT=3301      listens on 127.0.0.1:N
//   --issuer-name acme|social    IDP_ISSUER_NAME=acme   which accounts and page title
//   --issuer URL                 IDP_ISSUER=http://127.0.0.1:N   (127.0.0.1, not localhost: the
//                                browser keeps its cookies apart from Portico's, and Portico's
//                                outbound check allows 127.0.0.0/8 in the tests)
//   --portico-url URL            IDP_PORTICO_URL=http://localhost:3100   (Playwright's PUBLIC_URL)
//   --client-id ID               IDP_CLIENT_ID=portico
//   --client-secret S            IDP_CLIENT_SECRET=portico-e2e-secret-<issuer-name>
//   --redirect-uri URI           IDP_REDIRECT_URI=<portico-url>/sso/callback  (comma-separated for several)
//   --backchannel-logout-uri URI IDP_BACKCHANNEL_LOGOUT_URI=(none)   Portico's is
//                                <portico-url>/sso/backchannel-logout/<provider id>; the id is
//                                known only once the provider exists in Portico, so a test
//                                usually sets it later: POST /test/clients (below)
//   --password P                 IDP_PASSWORD=idp-password   every account's password
//   --id-token-ttl SECONDS       IDP_ID_TOKEN_TTL=3600
//   --session-ttl SECONDS        IDP_SESSION_TTL=86400   the IdP's own log-in session
//
// The client registered for Portico: confidential, client_secret_basic, PKCE (S256) required,
// response type code, ID tokens RS256, backchannel_logout_session_required (logout tokens carry
// `sid`). ID tokens carry the scopes' claims themselves (email, email_verified, name,
// given_name, family_name), as Portico reads them from the ID token and never calls userinfo
// (oidc-provider's default, `conformIdTokenClaims`, would put them in userinfo only), and
// always `sid` (oidc-provider adds it only for clients with a back-channel URI).
//
// Log-in page (/interaction/<uid>): Email (filled from login_hint), Password, "Sign in", and
// "Cancel" (back to the client with error=access_denied). No consent page ever: every client
// is treated as first-party (loadExistingGrant), so prompt=none answers with a code whenever
// the IdP session lives, and login_required when it does not. When another person signs in
// in a browser where someone is signed in at the IdP, oidc-provider first ends that session
// (posting its logout tokens) through a page that submits itself with JavaScript and shows a
// "Continue" button without: one click more in a journey without JavaScript.
//
// Signing key: a fresh RSA 2048 key (kid "<issuer-name>-<start time>") generated at every
// start; a restarted IdP therefore publishes a new kid (and forgets its sessions).
//
// Accounts (password: see --password): acme: ada@acme-corp.example (verified),
// unverified@acme-corp.example (email_verified false), outsider@elsewhere.example (verified,
// not the company's domain), mover@acme-corp.example (verified; meant for changing its email);
// social: sam@social.example (verified), unverified@social.example (not verified). Tests that
// make Portico accounts should rather add an account of their own (POST /test/accounts): a
// provider's first sign-in creates a Portico person, so each account serves one journey.
//
// Test-only endpoints (parameters from the query, a JSON body or a form body):
//   GET  /test/health                         200 {"issuer"}            (Playwright waits on it)
//   GET  /test/accounts                       the accounts
//   POST /test/accounts   email [email_verified=true] [given_name] [family_name] [name] [sub]
//                         [id_token_ttl]      → 201 the account (its sub made up unless given;
//                                             id_token_ttl: seconds its ID tokens last)
//   POST /test/change-email  (email | sub) new_email [email_verified]
//                                             → the account, same sub, new email
//   POST /test/end-session   (email | sub) [backchannel=true]
//                                             ends every IdP session of that account: posts a
//                                             logout token (sub, sid, events) to each client it
//                                             signed in to that has a back-channel URI, revokes
//                                             those grants; answers when the posts are done:
//                                             {"sessions": n, "logouts": [{client_id, uri, sub,
//                                             sid, ok, error?}]}. A `prompt=none` afterwards
//                                             answers login_required. backchannel=false:
//                                             the sessions end and nothing is posted.
//   GET  /test/logouts                        every back-channel post made so far (also those of
//                                             RP-initiated logouts through end_session_endpoint)
//   GET  /test/clients                        the registered clients
//   POST /test/clients    client_id [client_secret] [redirect_uris] [backchannel_logout_uri]
//                         [post_logout_redirect_uris]   registers a client or changes the one
//                                             with that id (fields not given are kept), e.g.
//                                             {"client_id":"portico","backchannel_logout_uri":
//                                             "http://localhost:3100/sso/backchannel-logout/3"}
//
// RP-initiated logout (end_session_endpoint, /session/end) works too and posts the same logout
// tokens; its confirmation page is a plain form ("Yes, sign me out").
// oidc-provider is installed with the end-to-end tests' packages (end2end/package.json). It
// warns on Node 20 (it supports 22+) and works.
import http from 'node:http';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import Provider from 'oidc-provider';

const settings = readSettings(process.argv.slice(2), process.env);
const { issuer, issuerName } = settings;

function readSettings(args, env) {
  const named = {};
  for (let i = 0; i < args.length; i++) {
    const [key, inline] = args[i].replace(/^--/, '').split(/=(.*)/s);
    named[key] = inline ?? args[++i];
  }
  const pick = (flag, variable, fallback) => named[flag] ?? env[variable] ?? fallback;
  const port = Number(pick('port', 'IDP_PORT', '3301'));
  const issuerName = pick('issuer-name', 'IDP_ISSUER_NAME', 'acme');
  const porticoUrl = pick('portico-url', 'IDP_PORTICO_URL', 'http://localhost:3100').replace(/\/$/, '');
  const list = (value) => (value ? String(value).split(',').map((v) => v.trim()).filter(Boolean) : []);
  if (!Number.isInteger(port) || port <= 0 || !/^[a-z][a-z0-9-]*$/.test(issuerName)) {
    console.error('usage: node idp/idp.mjs --port N --issuer-name acme|social [--client-id ID] [--client-secret S] …');
    process.exit(2);
  }
  return {
    port,
    issuerName,
    issuer: pick('issuer', 'IDP_ISSUER', `http://127.0.0.1:${port}`),
    porticoUrl,
    clientId: pick('client-id', 'IDP_CLIENT_ID', 'portico'),
    clientSecret: pick('client-secret', 'IDP_CLIENT_SECRET', `portico-e2e-secret-${issuerName}`),
    redirectUris: list(pick('redirect-uri', 'IDP_REDIRECT_URI', `${porticoUrl}/sso/callback`)),
    backchannelLogoutUri: pick('backchannel-logout-uri', 'IDP_BACKCHANNEL_LOGOUT_URI', undefined) || undefined,
    postLogoutRedirectUris: list(pick('post-logout-redirect-uri', 'IDP_POST_LOGOUT_REDIRECT_URI', `${porticoUrl}/`)),
    password: pick('password', 'IDP_PASSWORD', 'idp-password'),
    idTokenTtl: Number(pick('id-token-ttl', 'IDP_ID_TOKEN_TTL', '3600')),
    sessionTtl: Number(pick('session-ttl', 'IDP_SESSION_TTL', '86400')),
  };
}

const TITLES = { acme: 'Acme Corp', social: 'Social' };
const title = TITLES[issuerName] ?? issuerName;

// ---------------------------------------------------------------------------------------------
// Accounts

const SEED = {
  acme: [
    { sub: 'acme-0001', email: 'ada@acme-corp.example', email_verified: true, given_name: 'Ada', family_name: 'Lovelace' },
    { sub: 'acme-0002', email: 'unverified@acme-corp.example', email_verified: false, given_name: 'Uma', family_name: 'Unverified' },
    { sub: 'acme-0003', email: 'outsider@elsewhere.example', email_verified: true, given_name: 'Otto', family_name: 'Outsider' },
    { sub: 'acme-0004', email: 'mover@acme-corp.example', email_verified: true, given_name: 'Grace', family_name: 'Hopper' },
  ],
  social: [
    { sub: 'social-0001', email: 'sam@social.example', email_verified: true, given_name: 'Sam', family_name: 'Sample' },
    { sub: 'social-0002', email: 'unverified@social.example', email_verified: false, given_name: 'Una', family_name: 'Unchecked' },
  ],
};

/** By sub. */
const accounts = new Map();

function addAccount({ sub, email, email_verified = true, given_name, family_name, name, locale, id_token_ttl }) {
  if (!email || typeof email !== 'string') throw new TestError(400, 'email is required');
  if (accountByEmail(email)) throw new TestError(409, `${email} exists already`);
  sub ??= `${issuerName}-${randomBytes(8).toString('hex')}`;
  if (accounts.has(sub)) throw new TestError(409, `sub ${sub} exists already`);
  const account = {
    sub,
    email: email.trim(),
    email_verified: verified(email_verified),
    given_name,
    family_name,
    name: name ?? ([given_name, family_name].filter(Boolean).join(' ') || undefined),
    locale,
  };
  if (id_token_ttl !== undefined) {
    const seconds = Number(id_token_ttl);
    if (!Number.isInteger(seconds) || seconds <= 0) throw new TestError(400, 'id_token_ttl: whole seconds');
    // Not a claim: how long this account's ID tokens last (ttl.IdToken below).
    Object.defineProperty(account, 'idTokenTtl', { value: seconds });
  }
  accounts.set(sub, account);
  return account;
}

const verified = (value) => value === true || value === 'true' || value === '1' || value === 'on';

function accountByEmail(email) {
  const wanted = String(email ?? '').trim().toLowerCase();
  for (const account of accounts.values()) if (account.email.toLowerCase() === wanted) return account;
  return undefined;
}

function accountFrom(params) {
  const account = params.sub ? accounts.get(params.sub) : accountByEmail(params.email);
  if (!account) throw new TestError(404, `no account ${params.sub ?? params.email}`);
  return account;
}

const claimsOf = (account) =>
  Object.fromEntries(Object.entries(account).filter(([, value]) => value !== undefined));

for (const account of SEED[issuerName] ?? []) addAccount(account);

// ---------------------------------------------------------------------------------------------
// Storage: oidc-provider's models in one Map (its own memory adapter cannot list sessions, and
// /test/end-session must find an account's sessions).

const GRANTABLE = new Set(['AccessToken', 'AuthorizationCode', 'RefreshToken', 'DeviceCode', 'BackchannelAuthenticationRequest']);
const store = new Map();

class Adapter {
  constructor(model) {
    this.model = model;
  }

  key(id) {
    return `${this.model}:${id}`;
  }

  static live(key) {
    const entry = store.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt !== undefined && entry.expiresAt <= Date.now()) {
      store.delete(key);
      return undefined;
    }
    return entry.payload;
  }

  static *all(model) {
    for (const key of [...store.keys()]) {
      if (!key.startsWith(`${model}:`)) continue;
      const payload = Adapter.live(key);
      if (payload) yield [key.slice(model.length + 1), payload];
    }
  }

  async upsert(id, payload, expiresIn) {
    const expiresAt = typeof expiresIn === 'number' ? Date.now() + expiresIn * 1000 : undefined;
    store.set(this.key(id), { payload, expiresAt });
  }

  async find(id) {
    return Adapter.live(this.key(id));
  }

  async findByUid(uid) {
    for (const [, payload] of Adapter.all(this.model)) if (payload.uid === uid) return payload;
    return undefined;
  }

  async findByUserCode(userCode) {
    for (const [, payload] of Adapter.all(this.model)) if (payload.userCode === userCode) return payload;
    return undefined;
  }

  async consume(id) {
    const payload = Adapter.live(this.key(id));
    if (payload) payload.consumed = Math.floor(Date.now() / 1000);
  }

  async destroy(id) {
    store.delete(this.key(id));
  }

  async revokeByGrantId(grantId) {
    Adapter.revokeGrant(grantId);
  }

  static revokeGrant(grantId) {
    for (const model of GRANTABLE) {
      for (const [id, payload] of Adapter.all(model)) if (payload.grantId === grantId) store.delete(`${model}:${id}`);
    }
    store.delete(`Grant:${grantId}`);
  }
}

// ---------------------------------------------------------------------------------------------
// The provider

const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const signingKey = { ...privateKey.export({ format: 'jwk' }), kid: `${issuerName}-${Date.now()}`, alg: 'RS256', use: 'sig' };

/** Every back-channel logout post made, oldest first (GET /test/logouts). */
const logouts = [];

const page = (heading, body) => `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(heading)} – ${escape(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:24rem;margin:2rem auto;padding:0 1rem}
label,input,button{display:block;font:inherit}input{width:100%;margin:.25rem 0 1rem;padding:.4rem}
button{padding:.5rem 1rem;margin-bottom:.5rem}.error{color:#a00000}</style></head>
<body><main><p>${escape(title)}</p><h1>${escape(heading)}</h1>${body}</main></body></html>`;

const escape = (text) => String(text ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const provider = new Provider(issuer, {
  adapter: Adapter,
  // No static client: the clients live in the adapter, so that POST /test/clients can change
  // them while the IdP runs (oidc-provider caches a stored client by a hash of its metadata).
  clients: [],
  findAccount: async (ctx, sub) => {
    const account = accounts.get(sub);
    if (!account) return undefined;
    return { accountId: sub, claims: async () => claimsOf(account) };
  },
  claims: {
    openid: ['sub'],
    email: ['email', 'email_verified'],
    profile: ['name', 'given_name', 'family_name', 'locale'],
  },
  // Consent is never asked: every client is first-party here. The grant (scopes and claims
  // asked) is made or widened before oidc-provider would ask, so prompt=none works for a
  // client the person never used (consent_required otherwise).
  loadExistingGrant: async (ctx) => {
    const { provider: op, client, session, result, account } = ctx.oidc;
    const grantId = result?.consent?.grantId || session.grantIdFor(client.clientId);
    let grant = grantId ? await op.Grant.find(grantId) : undefined;
    if (!grant || grant.accountId !== account.accountId) {
      grant = new op.Grant({ clientId: client.clientId, accountId: account.accountId });
    }
    grant.addOIDCScope([...ctx.oidc.requestParamOIDCScopes].join(' '));
    if (ctx.oidc.requestParamClaims.size) grant.addOIDCClaims([...ctx.oidc.requestParamClaims]);
    await grant.save();
    return grant;
  },
  // The scopes' claims in the ID token itself (Portico reads the ID token, not userinfo).
  conformIdTokenClaims: false,
  scopes: ['openid', 'email', 'profile', 'offline_access'],
  responseTypes: ['code'],
  pkce: { required: () => true },
  jwks: { keys: [signingKey] },
  cookies: {
    keys: [`idp-${issuerName}-test-only`],
    // Cookies ignore ports: two IdPs on 127.0.0.1 (acme and social) need names of their own.
    names: {
      session: `${issuerName}_session`,
      interaction: `${issuerName}_interaction`,
      resume: `${issuerName}_interaction_resume`,
    },
  },
  features: {
    devInteractions: { enabled: false },
    backchannelLogout: { enabled: true },
    rpInitiatedLogout: {
      enabled: true,
      logoutSource: async (ctx, form) => {
        ctx.body = page('Sign out', `${form}<p>Do you want to sign out of ${escape(title)}?</p>
<button type="submit" form="op.logoutForm" value="yes" name="logout">Yes, sign me out</button>
<button type="submit" form="op.logoutForm">No, stay signed in</button>`);
      },
      postLogoutSuccessSource: async (ctx) => {
        ctx.body = page('Signed out', '<p id="status">You are signed out.</p>');
      },
    },
  },
  renderError: async (ctx, out) => {
    ctx.type = 'html';
    ctx.body = page('Something went wrong', `<p id="error">${escape(out.error)}</p><p id="error-description">${escape(out.error_description)}</p>`);
  },
  // oidc-provider refuses to post to special-use addresses (its own SSRF guard); Portico and
  // the tests' listeners are on loopback.
  fetch: (url, { dispatcher, ...options }) => globalThis.fetch(url, options),
  ttl: {
    AccessToken: 3600,
    AuthorizationCode: 60,
    // Per account when it was made with id_token_ttl (a journey about an expired provider
    // session), else the setting.
    IdToken: (ctx, token) => accounts.get(token?.available?.sub)?.idTokenTtl ?? settings.idTokenTtl,
    Interaction: 3600,
    Session: settings.sessionTtl,
    Grant: settings.sessionTtl,
    RefreshToken: 86400,
  },
});

// oidc-provider puts `sid` in ID tokens only for a client that has a back-channel logout URI
// (Client#includeSid). Portico's URI holds its provider id, often set only after a first
// "Try sign-in"; like Keycloak or Entra ID, this IdP always includes `sid`.
provider.Client.prototype.includeSid = () => true;

provider.on('backchannel.success', (ctx, client, sub, sid) =>
  logouts.push({ client_id: client.clientId, uri: client.backchannelLogoutUri, sub, sid, ok: true, via: 'end_session_endpoint' }));
provider.on('backchannel.error', (ctx, error, client, sub, sid) => {
  logouts.push({ client_id: client.clientId, uri: client.backchannelLogoutUri, sub, sid, ok: false, error: error.message, via: 'end_session_endpoint' });
  console.error(`back-channel logout to ${client.clientId} failed: ${error.message} ${error.cause?.message ?? ''}`);
});
provider.on('server_error', (ctx, error) => console.error('server_error', error));

/** Registers a client, or changes the one with the same id (fields not given kept). */
async function registerClient(fields) {
  if (!fields.client_id) throw new TestError(400, 'client_id is required');
  const previous = (await provider.Client.adapter.find(fields.client_id)) ?? {
    client_secret: settings.clientSecret,
    redirect_uris: settings.redirectUris,
    post_logout_redirect_uris: settings.postLogoutRedirectUris,
  };
  const asList = (value) => (value === undefined ? undefined : Array.isArray(value) ? value : String(value).split(','));
  const metadata = {
    ...previous,
    client_id: fields.client_id,
    client_name: 'Portico',
    token_endpoint_auth_method: 'client_secret_basic',
    grant_types: ['authorization_code'],
    response_types: ['code'],
    id_token_signed_response_alg: 'RS256',
    backchannel_logout_session_required: true,
  };
  if (fields.client_secret !== undefined) metadata.client_secret = fields.client_secret;
  if (fields.redirect_uris !== undefined) metadata.redirect_uris = asList(fields.redirect_uris);
  if (fields.post_logout_redirect_uris !== undefined) metadata.post_logout_redirect_uris = asList(fields.post_logout_redirect_uris);
  if (fields.backchannel_logout_uri !== undefined) {
    if (fields.backchannel_logout_uri) metadata.backchannel_logout_uri = fields.backchannel_logout_uri;
    else delete metadata.backchannel_logout_uri;
  }
  let client;
  try {
    client = new provider.Client(metadata); // validates the metadata
  } catch (error) {
    throw new TestError(400, `${error.message}: ${error.error_description ?? ''}`);
  }
  const stored = client.metadata();
  await provider.Client.adapter.upsert(client.clientId, stored);
  return stored;
}

await registerClient({
  client_id: settings.clientId,
  client_secret: settings.clientSecret,
  redirect_uris: settings.redirectUris,
  backchannel_logout_uri: settings.backchannelLogoutUri ?? '',
});

// ---------------------------------------------------------------------------------------------
// The log-in page and consent (oidc-provider's interactions), without any JavaScript

function loginPage(ctx, interaction, { email, error } = {}) {
  const { uid, params } = interaction;
  const client = params.client_id;
  ctx.type = 'html';
  ctx.set('cache-control', 'no-store');
  ctx.body = page(
    'Sign in',
    `<p>to continue to ${escape(client === settings.clientId ? 'Portico' : client)}</p>` +
      (error ? `<p class="error" role="alert" id="error">${escape(error)}</p>` : '') +
      `<form method="post" action="/interaction/${escape(uid)}/login">
<label for="email">Email</label>
<input id="email" name="email" type="email" autocomplete="username" required value="${escape(email ?? params.login_hint ?? '')}">
<label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="current-password" required>
<button type="submit">Sign in</button></form>
<form method="post" action="/interaction/${escape(uid)}/abort"><button type="submit">Cancel</button></form>`,
  );
}

/** Consent for every scope and claim asked, at once (no page); loadExistingGrant above
 * should leave nothing to ask, this is the fallback. */
async function grantConsent(interaction) {
  const { prompt: { details }, params, session, grantId } = interaction;
  const grant = grantId
    ? await provider.Grant.find(grantId)
    : new provider.Grant({ accountId: session.accountId, clientId: params.client_id });
  if (details.missingOIDCScope) grant.addOIDCScope(details.missingOIDCScope.join(' '));
  if (details.missingOIDCClaims) grant.addOIDCClaims(details.missingOIDCClaims);
  for (const [indicator, scopes] of Object.entries(details.missingResourceScopes ?? {})) {
    grant.addResourceScope(indicator, scopes.join(' '));
  }
  const saved = await grant.save();
  return grantId ? {} : { grantId: saved };
}

async function interactionRoutes(ctx, next) {
  const match = /^\/interaction\/([^/]+)(\/login|\/abort)?$/.exec(ctx.path);
  if (!match) return next();
  const [, , action] = match;
  const interaction = await provider.interactionDetails(ctx.req, ctx.res);
  let result;
  if (ctx.method === 'GET' && !action) {
    if (interaction.prompt.name === 'login') return loginPage(ctx, interaction);
    if (interaction.prompt.name !== 'consent') return next();
    result = { consent: await grantConsent(interaction) };
  } else if (ctx.method === 'POST' && action === '/login') {
    const { email, password } = await readParams(ctx);
    const account = accountByEmail(email);
    if (!account || password !== settings.password) {
      ctx.status = 400;
      return loginPage(ctx, interaction, { email, error: 'Unknown email address or wrong password.' });
    }
    result = { login: { accountId: account.sub } };
  } else if (ctx.method === 'POST' && action === '/abort') {
    result = { error: 'access_denied', error_description: 'The person cancelled the sign-in.' };
  } else {
    return next();
  }
  const returnTo = await provider.interactionResult(ctx.req, ctx.res, result, { mergeWithLastSubmission: false });
  ctx.status = 303;
  ctx.redirect(returnTo);
}

// ---------------------------------------------------------------------------------------------
// Test-only endpoints

class TestError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

async function readParams(ctx) {
  const params = Object.fromEntries(new URLSearchParams(ctx.querystring));
  if (ctx.method !== 'POST') return params;
  let body = '';
  for await (const chunk of ctx.req) {
    body += chunk;
    if (body.length > 64 * 1024) throw new TestError(413, 'body too large');
  }
  if (!body) return params;
  if ((ctx.get('content-type') || '').includes('json')) {
    try {
      return { ...params, ...JSON.parse(body) };
    } catch {
      throw new TestError(400, 'not JSON');
    }
  }
  return { ...params, ...Object.fromEntries(new URLSearchParams(body)) };
}

/** Ends every session of the account at the IdP; one logout token per client signed in to. */
async function endSessions(account, { backchannel = true } = {}) {
  const posted = [];
  let count = 0;
  for (const [id, session] of Adapter.all('Session')) {
    if (session.accountId !== account.sub) continue;
    count += 1;
    for (const [clientId, authorization] of Object.entries(session.authorizations ?? {})) {
      const client = await provider.Client.find(clientId);
      if (backchannel && client?.backchannelLogoutUri) {
        const entry = { client_id: clientId, uri: client.backchannelLogoutUri, sub: account.sub, sid: authorization.sid, via: '/test/end-session' };
        try {
          await client.backchannelLogout(account.sub, authorization.sid);
          entry.ok = true;
        } catch (error) {
          entry.ok = false;
          entry.error = `${error.message} ${error.cause?.message ?? ''}`.trim();
        }
        logouts.push(entry);
        posted.push(entry);
      }
      if (authorization.grantId) Adapter.revokeGrant(authorization.grantId);
    }
    store.delete(`Session:${id}`);
  }
  return { sessions: count, logouts: posted };
}

async function testRoutes(ctx, next) {
  if (!ctx.path.startsWith('/test/')) return next();
  const answer = (status, body) => {
    ctx.status = status;
    ctx.set('cache-control', 'no-store');
    ctx.body = body;
  };
  try {
    const params = await readParams(ctx);
    switch (`${ctx.method} ${ctx.path}`) {
      case 'GET /test/health':
        return answer(200, { issuer, issuer_name: issuerName });
      case 'GET /test/accounts':
        return answer(200, [...accounts.values()].map(claimsOf));
      case 'POST /test/accounts':
        return answer(201, claimsOf(addAccount(params)));
      case 'POST /test/change-email': {
        const account = accountFrom(params);
        if (!params.new_email) throw new TestError(400, 'new_email is required');
        const other = accountByEmail(params.new_email);
        if (other && other !== account) throw new TestError(409, `${params.new_email} belongs to ${other.sub}`);
        account.email = String(params.new_email).trim();
        if (params.email_verified !== undefined) account.email_verified = verified(params.email_verified);
        return answer(200, claimsOf(account));
      }
      case 'POST /test/end-session':
        return answer(200, await endSessions(accountFrom(params), { backchannel: params.backchannel === undefined || verified(params.backchannel) }));
      case 'GET /test/logouts':
        return answer(200, logouts);
      case 'GET /test/clients':
        return answer(200, [...Adapter.all('Client')].map(([, metadata]) => metadata));
      case 'POST /test/clients':
        return answer(200, await registerClient(params));
      default:
        return answer(404, { error: 'not_found' });
    }
  } catch (error) {
    if (!(error instanceof TestError)) console.error(error);
    return answer(error.status ?? 500, { error: error.message });
  }
}

provider.use(testRoutes);
provider.use(interactionRoutes);

const server = http.createServer(provider.callback());
server.listen(settings.port, '127.0.0.1', () => console.log(`ready ${issuer}`));
for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
  });
}
