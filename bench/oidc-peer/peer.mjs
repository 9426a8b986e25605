// The benchmark's peer: npm `oidc-provider` 9 (panva's certified OpenID provider) doing
// the round trip the benchmark asks of Portico — authorize with a signed-in session → code
// → token exchange → userinfo — on the same machine, one after the other.
//
//   node bench/oidc-peer/peer.mjs PORT      (from the workspace root; prints "ready ISSUER")
//
// It has one confidential client, `bench`, like the one the benchmark registers in Portico
// (PKCE S256 required, client_secret_basic, RS256 ID tokens: without `jwks` it signs with
// its development RSA key, the same algorithm as Portico's default). A session is made by
// the first authorization of each benchmark client: the interaction page below finishes
// itself (the person `bench-person`, the scopes granted), so that every later
// authorization answers with a code at once, as Portico does for a signed-in person.
// oidc-provider is installed with the end-to-end tests' packages (end2end/package.json).
import Provider from '../../end2end/node_modules/oidc-provider/lib/index.js';

const port = Number(process.argv[2] ?? 3300);
const issuer = `http://127.0.0.1:${port}`;
const CLIENT = {
  client_id: 'bench',
  client_secret: 'bench-secret-bench-secret-bench-secret-0123',
  // Never followed: the benchmark reads the code from the Location header.
  redirect_uris: ['http://127.0.0.1:9/callback'],
  grant_types: ['authorization_code'],
  response_types: ['code'],
  token_endpoint_auth_method: 'client_secret_basic',
};
const PERSON = 'bench-person';

const provider = new Provider(issuer, {
  clients: [CLIENT],
  pkce: { required: () => true },
  cookies: { keys: ['bench-only-not-a-secret'] },
  features: { devInteractions: { enabled: false } },
  claims: {
    openid: ['sub'],
    email: ['email', 'email_verified'],
    profile: ['name', 'given_name', 'family_name', 'locale'],
  },
  findAccount: async (ctx, sub) => ({
    accountId: sub,
    claims: async () => ({
      sub,
      email: 'bench@example.com',
      email_verified: true,
      name: 'Bench Person',
      given_name: 'Bench',
      family_name: 'Person',
      locale: 'en',
    }),
  }),
});

// The interaction (log-in and consent) of a first authorization, finished at once.
provider.use(async (ctx, next) => {
  if (ctx.method !== 'GET' || !ctx.path.startsWith('/interaction/')) return next();
  const { params } = await provider.interactionDetails(ctx.req, ctx.res);
  const grant = new provider.Grant({ accountId: PERSON, clientId: params.client_id });
  grant.addOIDCScope(params.scope);
  const grantId = await grant.save();
  const returnTo = await provider.interactionResult(
    ctx.req,
    ctx.res,
    { login: { accountId: PERSON }, consent: { grantId } },
    { mergeWithLastSubmission: false },
  );
  ctx.status = 303;
  ctx.redirect(returnTo);
});

const server = provider.listen(port, '127.0.0.1', () => console.log(`ready ${issuer}`));
process.on('SIGTERM', () => {
  server.close(() => process.exit(0));
  server.closeAllConnections();
});
