import { randomUUID } from 'node:crypto';
import type { MatchClient } from '@hashguard/sdk-node';

const COOKIE = 'hashguard_demo_session';

export interface DemoSessions {
  /** A `Set-Cookie` value starting a new session, as a login would. */
  start(): string;
  /** The account behind a request's session cookie, or `undefined` (→ 401). */
  authenticate(cookieHeader: string | null | undefined): MatchClient | undefined;
}

/**
 * Stand-in for the platform's own login: every visitor of the page gets a
 * session cookie for a fresh demo account. The match endpoint and the upload
 * route accept only requests carrying one, so every check is recorded
 * against an account (the member's reporting duty needs to know who).
 * HttpOnly keeps it away from page scripts; SameSite=Strict keeps other
 * sites from making checks with it.
 */
export function createDemoSessions(): DemoSessions {
  const accounts = new Map<string, string>();
  return {
    start() {
      const token = randomUUID();
      accounts.set(token, `demo-account-${accounts.size + 1}`);
      return `${COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`;
    },
    authenticate(cookieHeader) {
      for (const pair of (cookieHeader ?? '').split(';')) {
        const [name, value] = pair.trim().split('=');
        if (name !== COOKIE || !value) continue;
        const accountId = accounts.get(value);
        if (accountId) return { clientId: accountId };
      }
      return undefined;
    },
  };
}
