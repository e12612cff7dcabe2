import type { HotlineState } from '../state';
import type { MockClock } from './clock';
import type { MockConfig } from './config';
import type { Random } from './random';

/** Which service a request reached, and where that service is mounted. */
export interface Mount {
  service: 'cybertipline' | 'hash-sharing' | 'lists' | 'photodna';
  /** `test`, `production` or `local`: reports never cross environments. */
  environment: string;
  /** Absolute URL of the service base (`https://exttest.cybertip.org/ispws`). */
  baseUrl: string;
}

export interface RouteContext {
  request: Request;
  url: URL;
  /** Path below the mount (`/submit`, `/v2/entries`). */
  path: string;
  params: Record<string, string>;
  mount: Mount;
  config: MockConfig;
  state: HotlineState;
  random: Random;
  clock: MockClock;
  /** The authenticated user, when the route needs Basic auth. */
  username: string;
}

/**
 * A route written once as fetch-style logic: a Request in, a Response out.
 * The msw handlers and the node:http server both call it.
 */
export interface RouteDefinition {
  /** Stable id used by fault rules and the request log: `cybertipline.submit`. */
  id: string;
  method: 'GET' | 'POST' | 'PUT';
  /** Path pattern below the mount; `:name` segments become params. */
  path: string;
  auth: 'basic' | 'none' | 'subscription-key';
  handle(context: RouteContext): Promise<Response>;
}

export function matchPath(pattern: string, path: string): Record<string, string> | null {
  const want = pattern.split('/');
  const got = path.split('/');
  if (want.length !== got.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const segment = want[i]!;
    if (segment.startsWith(':')) params[segment.slice(1)] = decodeURIComponent(got[i]!);
    else if (segment !== got[i]) return null;
  }
  return params;
}

export function xmlResponse(
  body: string,
  status = 200,
  headers: Record<string, string> = {},
): Response {
  return new Response(body, {
    status,
    headers: { 'content-type': 'application/xml;charset=UTF-8', ...headers },
  });
}

export function jsonResponse(
  body: unknown,
  status = 200,
  headers: Record<string, string> = {},
): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });
}
