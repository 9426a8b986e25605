import { randomBytes } from 'node:crypto';
import { expect, type Page } from '@playwright/test';
import { APP_PORT, IDP_ACME_PORT, IDP_SOCIAL_PORT } from '../playwright.config';

// The identity providers of the sign-in journeys: idp/idp.mjs (npm oidc-provider, a certified
// provider nobody here wrote), started by playwright.config.ts. Each has one confidential
// client for Portico (`portico`, its secret below, redirect URI
// http://localhost:3100/sso/callback); these helpers call its test-only endpoints.
//
// Tests run in parallel and share the two IdPs: a journey that makes Portico people adds
// accounts of its own (uniqueEmail + addIdpAccount; a domain belongs to one company, so a
// journey with its own company uses its own domain too), and a journey that needs
// back-channel logout gives its Portico provider a client of its own (addIdpClient with the
// provider's id): the URI holds the provider id, one per client.

export interface Idp {
  issuer: string;
  clientId: string;
  clientSecret: string;
}

/** A company's provider (accounts @acme-corp.example, outsider@elsewhere.example). */
export const ACME_IDP: Idp = {
  issuer: `http://127.0.0.1:${IDP_ACME_PORT}`,
  clientId: 'portico',
  clientSecret: 'portico-e2e-secret-acme',
};

/** A consumer's social provider (sam@social.example, unverified@social.example). */
export const SOCIAL_IDP: Idp = {
  issuer: `http://127.0.0.1:${IDP_SOCIAL_PORT}`,
  clientId: 'portico',
  clientSecret: 'portico-e2e-secret-social',
};

/** Every account's password at the IdPs. */
export const IDP_PASSWORD = 'idp-password';

export interface IdpAccount {
  sub: string;
  email: string;
  email_verified: boolean;
  given_name?: string;
  family_name?: string;
  name?: string;
}

export interface IdpLogout {
  client_id: string;
  uri: string;
  sub: string;
  sid: string;
  ok: boolean;
  error?: string;
}

async function call<T>(idp: Idp, path: string, body?: Record<string, unknown>): Promise<T> {
  const response = await fetch(`${idp.issuer}${path}`, {
    method: body ? 'POST' : 'GET',
    headers: body ? { 'content-type': 'application/json' } : undefined,
    body: body ? JSON.stringify(body) : undefined,
  });
  const answer = await response.json();
  if (!response.ok) throw new Error(`${path} at ${idp.issuer}: ${response.status} ${JSON.stringify(answer)}`);
  return answer as T;
}

/** A fresh address (a provider's first sign-in makes a Portico person: one account per journey). */
export const uniqueEmail = (name: string, domain: string) =>
  `${name}-${randomBytes(4).toString('hex')}@${domain}`;

/** Adds an account at the IdP (email_verified true unless given; its sub made up).
 * `id_token_ttl`: seconds its ID tokens last (3600 otherwise). */
export const addIdpAccount = (
  idp: Idp,
  account: { email: string; email_verified?: boolean; given_name?: string; family_name?: string; name?: string; id_token_ttl?: number },
) => call<IdpAccount>(idp, '/test/accounts', account);

/** Changes an account's email at the IdP; its sub stays. */
export const changeIdpEmail = (idp: Idp, email: string, newEmail: string) =>
  call<IdpAccount>(idp, '/test/change-email', { email, new_email: newEmail });

/** Ends the account's sessions at the IdP and (unless `backchannel: false`) waits until the
 * IdP has posted a logout token to each client's back-channel logout URI. */
export const endIdpSession = (idp: Idp, email: string, { backchannel = true } = {}) =>
  call<{ sessions: number; logouts: IdpLogout[] }>(idp, '/test/end-session', { email, backchannel });

/** Points the client's back-channel logout URI at Portico's for the provider `providerId`
 * (the id Portico gave the provider; unknown until it exists). Before or after sign-ins. */
export const setIdpBackchannel = (idp: Idp, providerId: number | string, clientId = idp.clientId) =>
  call(idp, '/test/clients', {
    client_id: clientId,
    backchannel_logout_uri: `http://localhost:${APP_PORT}/sso/backchannel-logout/${providerId}`,
  });

/** Another client at the same IdP (a second company's provider), with Portico's redirect URI. */
export async function addIdpClient(idp: Idp, clientId: string, providerId?: number | string): Promise<Idp> {
  const clientSecret = `${clientId}-secret-${randomBytes(8).toString('hex')}`;
  await call(idp, '/test/clients', {
    client_id: clientId,
    client_secret: clientSecret,
    redirect_uris: [`http://localhost:${APP_PORT}/sso/callback`],
    ...(providerId === undefined ? {} : { backchannel_logout_uri: `http://localhost:${APP_PORT}/sso/backchannel-logout/${providerId}` }),
  });
  return { issuer: idp.issuer, clientId, clientSecret };
}

/** Every back-channel logout the IdP posted so far. */
export const idpLogouts = (idp: Idp) => call<IdpLogout[]>(idp, '/test/logouts');

/** On the IdP's log-in page (a plain form: works without JavaScript): fills and submits it.
 * The email is filled already when Portico sent a login_hint. (When someone else is signed in
 * at the IdP in this browser, oidc-provider then ends their session through a page that
 * submits itself; without JavaScript it shows a "Continue" button to click.) */
export async function signInAtIdp(page: Page, idp: Idp, email: string, password = IDP_PASSWORD) {
  await expect(page).toHaveURL(new RegExp(`^${idp.issuer.replace(/[.]/g, '\\.')}/interaction/`));
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}
