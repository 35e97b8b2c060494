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

function claims() {
  const token = accessToken();
  if (!token) {
    return {};
  }
  try {
    return JSON.parse(atob(token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/'))) ?? {};
  } catch {
    return {};
  }
}

/** Who is signed in (the token's subject), for the page header; null when nobody is. */
export function signedInAs() {
  return claims().sub ?? null;
}

/** The signed-in officer's own unit (the token's `unit`), where the page starts after a sign-in; null if none. */
export function officersUnit() {
  return claims().unit ?? null;
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

/** Forgets the token in this tab only: it expired, or the services no longer accept it. */
export function forget() {
  sessionStorage.removeItem(SESSION);
}

/**
 * Signs out here and at the identity provider (OpenID Connect RP-initiated logout), which sends the browser back to
 * the page: without it the next "sign in" on a shared office computer would be the previous officer's, with no form.
 * Returns false when the provider offers no logout (the token is then only forgotten here).
 */
export async function signOut() {
  let idToken = null;
  try {
    idToken = JSON.parse(sessionStorage.getItem(SESSION) ?? 'null')?.idToken ?? null;
  } catch {
    // unreadable: nothing to hint with
  }
  sessionStorage.removeItem(SESSION);
  let idp = null;
  try {
    idp = await settings();
  } catch {
    return false; // the provider is unreachable: signed out of this tab at least
  }
  if (!idp.end_session_endpoint || !idToken) {
    return false;
  }
  const parameters = new URLSearchParams({
    id_token_hint: idToken,
    post_logout_redirect_uri: redirectUri(),
    client_id: idp.clientId,
  });
  // the page's own choices come back as they were after the round trip
  sessionStorage.setItem(PENDING, JSON.stringify({ search: location.search, signedOut: true }));
  location.assign(`${idp.end_session_endpoint}?${parameters}`);
  return true;
}

/**
 * Back from the login with `code` and `state`: exchange the code (with the verifier only this tab knows) for a token
 * and put the page's query back. Returns the query the page should read.
 */
export async function completeSignIn() {
  const parameters = new URLSearchParams(location.search);
  const code = parameters.get('code');
  if (!code && !parameters.get('error')) {
    const pending = JSON.parse(sessionStorage.getItem(PENDING) ?? 'null');
    if (pending?.signedOut) {
      // back from the provider's logout: the page's address as it was
      sessionStorage.removeItem(PENDING);
      const restored = new URLSearchParams(pending.search ?? '');
      history.replaceState(null, '', `${location.pathname}${restored.size ? `?${restored}` : ''}`);
      return restored;
    }
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
      JSON.stringify({
        token: answer.access_token,
        idToken: answer.id_token ?? null,
        expiresAt: Date.now() + (answer.expires_in ?? 300) * 1000,
      }),
    );
    restored.set('signedIn', 'now'); // read once by the page: start on the officer's own unit
  }
  return restored;
}
