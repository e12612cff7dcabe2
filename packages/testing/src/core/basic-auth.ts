/** A user the mock accepts over HTTP Basic auth (CyberTipline and hash sharing). */
export interface MockCredential {
  username: string;
  password: string;
  /**
   * May this user open reports? A user without it gets responseCode 3100
   * ("no submission authorization") from `/submit`, as an account that only
   * holds hash-sharing access would. Default true.
   */
  canSubmit?: boolean;
}

/** Made-up credentials the mock accepts when none are configured; never real ones. */
export const DEFAULT_CREDENTIALS: readonly MockCredential[] = [
  { username: 'hashguard-test', password: 'mock-password', canSubmit: true },
];

/** Returns the matching credential, or null when the header is missing or wrong. */
export function authenticate(
  header: string | null,
  credentials: readonly MockCredential[],
): MockCredential | null {
  if (!header?.startsWith('Basic ')) return null;
  let decoded: string;
  try {
    decoded = atob(header.slice(6).trim());
  } catch {
    return null;
  }
  const colon = decoded.indexOf(':');
  if (colon === -1) return null;
  const username = decoded.slice(0, colon);
  const password = decoded.slice(colon + 1);
  return credentials.find((c) => c.username === username && c.password === password) ?? null;
}

export function unauthorized(realm: string): Response {
  return new Response('401 Unauthorized: valid HTTP Basic credentials are required.\n', {
    status: 401,
    headers: {
      'content-type': 'text/plain;charset=UTF-8',
      'www-authenticate': `Basic realm="${realm}"`,
    },
  });
}
