// Officers sign in with the OAuth 2.0 authorization code flow and PKCE (RFC 7636) as the public client
// `danvan-dashboard` of the platform's identity provider (docs/identity.md). The access token stays in this tab's
// sessionStorage, goes only with the page's own API calls, and is dropped when it expires; the public figures need
// none.

const SESSION = 'danvan.dashboard.session';
const PENDING = 'danvan.dashboard.signin';

let provider = null;

async function settings() {
  if (!provider) {
    const response = await fetch('/dashboard/sign-in.json', { headers: { Accept: 'application/json' } });
    const { issuer, clientId } = await response.json();
    const discovery = await fetch(`${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`);
    provider = { clientId, ...(await discovery.json()) };
  }
  return provider;
}

const redirectUri = () => `${location.origin}/dashboard/`;

function base64url(bytes) {
  return btoa(String.fromCharCode(...new Uint8Array(bytes))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function randomString() {
  return base64url(crypto.getRandomValues(new Uint8Array(32)));
}

/** The current access token, or null when signed out or expired. */
export function accessToken() {
  try {
    const session = JSON.parse(sessionStorage.getItem(SESSION) ?? 'null');
    if (session && session.expiresAt > Date.now() + 5000) {
      return session.token;
    }
  } catch {
    // unreadable: treat as signed out
  }
  sessionStorage.removeItem(SESSION);
  return null;
}

/** Who is signed in (the token's subject), for the page header; null when nobody is. */
export function signedInAs() {
  const token = accessToken();
  if (!token) {
    return null;
  }
  try {
    const payload = JSON.parse(atob(token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')));
    return payload.sub ?? null;
  } catch {
    return null;
  }
}

/** Off to the identity provider's login; the page's own query (unit, period, language) is restored afterwards. */
export async function signIn() {
  const idp = await settings();
  const verifier = randomString();
  const state = randomString();
  const challenge = base64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
  sessionStorage.setItem(PENDING, JSON.stringify({ verifier, state, search: location.search }));
  const parameters = new URLSearchParams({
    response_type: 'code',
    client_id: idp.clientId,
    redirect_uri: redirectUri(),
    scope: 'openid',
    state,
    code_challenge: challenge,
    code_challenge_method: 'S256',
  });
  location.assign(`${idp.authorization_endpoint}?${parameters}`);
}

export function signOut() {
  sessionStorage.removeItem(SESSION);
}

/**
 * Back from the login with `code` and `state`: exchange the code (with the verifier only this tab knows) for a token
 * and put the page's query back. Returns the query the page should read.
 */
export async function completeSignIn() {
  const parameters = new URLSearchParams(location.search);
  const code = parameters.get('code');
  if (!code && !parameters.get('error')) {
    return parameters;
  }
  const pending = JSON.parse(sessionStorage.getItem(PENDING) ?? 'null');
  sessionStorage.removeItem(PENDING);
  const restored = new URLSearchParams(pending?.search ?? '');
  history.replaceState(null, '', `${location.pathname}${restored.size ? `?${restored}` : ''}`);
  if (!code || !pending || pending.state !== parameters.get('state')) {
    return restored; // refused, or not the answer to our request: stay signed out
  }
  const idp = await settings();
  const response = await fetch(idp.token_endpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      redirect_uri: redirectUri(),
      client_id: idp.clientId,
      code_verifier: pending.verifier,
    }),
  });
  if (response.ok) {
    const answer = await response.json();
    sessionStorage.setItem(
      SESSION,
      JSON.stringify({ token: answer.access_token, expiresAt: Date.now() + (answer.expires_in ?? 300) * 1000 }),
    );
  }
  return restored;
}
