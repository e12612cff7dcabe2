import { expireIfDue } from '../cybertipline/report-lookup';
import { reportResponse, reportResponseWithCode } from '../cybertipline/responses';
import { cybertiplineRoutes } from '../cybertipline/routes';
import { createFaultPlanner, type FaultController, type FaultRule } from '../faults';
import type { HashSharingEntry } from '../hash-sharing/entry';
import { hashSharingRoutes } from '../hash-sharing/routes';
import { createSampleEntries } from '../hash-sharing/sample-entries';
import { listRoutes } from '../lists/routes';
import { photoDnaRoutes } from '../photodna/routes';
import {
  createHotlineState,
  type ReceivedFeedback,
  type ReceivedFile,
  type ReceivedReport,
  resetHotlineState,
} from '../state';
import { authenticate, unauthorized } from './basic-auth';
import { type MockConfig, type MockHotlinesOptions, normaliseOptions } from './config';
import { damageBody, truncatedCopy } from './damage-response';
import { createRandom } from './random';
import { type Mount, matchPath, type RouteContext, type RouteDefinition } from './route';

/** What a transport must do with a request: answer, drop the connection, hang, or cut the body short. */
export type MockOutcome =
  | { kind: 'respond'; response: Response }
  | { kind: 'drop' }
  | { kind: 'hang'; maxMs: number }
  | { kind: 'truncate'; response: Response; bytes: Uint8Array };

/** The shared core: one state, one route table; the msw handlers and the node:http server delegate here. */
export interface MockHotlines {
  handle(request: Request, mount: Mount): Promise<MockOutcome>;
  /** Every report received, oldest first (expired ones marked `expired`). */
  reports(): ReceivedReport[];
  /** Files uploaded to one report, in upload order. */
  files(reportId: number): ReceivedFile[];
  feedback(): ReceivedFeedback[];
  /**
   * The live hash-sharing database `/v2/entries` serves, in internal id order:
   * push, edit or mark entries `deleted` (and move `timestamp`) to simulate updates.
   */
  hashSharingEntries(): HashSharingEntry[];
  /** The request log: route id, method and what the mock did. */
  requests(): { route: string; method: string; outcome: string }[];
  /** Forgets reports, files, feedback, faults and the log; restarts ids from the seed. */
  reset(): void;
  faults: FaultController;
  readonly config: MockConfig;
}

const ROUTES: Record<Mount['service'], RouteDefinition[]> = {
  cybertipline: cybertiplineRoutes,
  'hash-sharing': hashSharingRoutes,
  lists: listRoutes,
  photodna: photoDnaRoutes,
};

export function createMockHotlines(options: MockHotlinesOptions = {}): MockHotlines {
  const config = normaliseOptions(options);
  const sampleEntries = (): ReturnType<typeof createSampleEntries> =>
    config.hashSharing.entries
      ? structuredClone(config.hashSharing.entries)
      : createSampleEntries(config.seed, config.hashSharing.sampleSize);
  const state = createHotlineState(sampleEntries());
  let random = createRandom(config.seed);
  const planner = createFaultPlanner(config.seed, config.faults);

  async function handle(request: Request, mount: Mount): Promise<MockOutcome> {
    const url = new URL(request.url);
    const base = new URL(mount.baseUrl).pathname.replace(/\/$/, '');
    const path = url.pathname.slice(base.length) || '/';
    const routes = ROUTES[mount.service];
    let route: RouteDefinition | undefined;
    let params: Record<string, string> | null = null;
    let methodMismatch = false;
    for (const candidate of routes) {
      const matched = matchPath(candidate.path, path);
      if (!matched) continue;
      if (candidate.method !== request.method) {
        methodMismatch = true;
        continue;
      }
      route = candidate;
      params = matched;
      break;
    }
    if (!route || !params) {
      const status = methodMismatch ? 405 : 404;
      log(`${mount.service}.unknown`, request.method, String(status));
      return { kind: 'respond', response: new Response(`${status}\n`, { status }) };
    }
    const fault = planner.decide(route.id);
    const outcome = await run(route, params, fault, request, url, path, mount);
    log(route.id, request.method, fault ? fault.kind : String(outcomeStatus(outcome)));
    return outcome;
  }

  async function run(
    route: RouteDefinition,
    params: Record<string, string>,
    fault: FaultRule | null,
    request: Request,
    url: URL,
    path: string,
    mount: Mount,
  ): Promise<MockOutcome> {
    switch (fault?.kind) {
      case 'reset':
        return { kind: 'drop' };
      case 'hang':
        return { kind: 'hang', maxMs: config.hangMs };
      case 'server-error': {
        const status = fault.status ?? 503;
        return {
          kind: 'respond',
          response: new Response(`${status} Service Unavailable\n`, { status }),
        };
      }
      case 'rate-limit':
        return {
          kind: 'respond',
          response: new Response('429 Too Many Requests\n', {
            status: 429,
            headers: { 'retry-after': String(fault.retryAfterSeconds ?? 1) },
          }),
        };
      case 'application-error':
        return { kind: 'respond', response: applicationError(mount, fault.responseCode ?? 1000) };
      case 'latency':
        await new Promise((resolve) => setTimeout(resolve, fault.latencyMs ?? 200));
        break;
    }
    const response = await answer(route, params, request, url, path, mount);
    switch (fault?.kind) {
      case 'lost-response':
        return { kind: 'drop' };
      case 'truncate': {
        const { response: head, bytes } = await truncatedCopy(response);
        return { kind: 'truncate', response: head, bytes };
      }
      case 'malformed':
        return { kind: 'respond', response: await damageBody(response) };
      default:
        return { kind: 'respond', response };
    }
  }

  async function answer(
    route: RouteDefinition,
    params: Record<string, string>,
    request: Request,
    url: URL,
    path: string,
    mount: Mount,
  ): Promise<Response> {
    let username = '';
    if (route.auth === 'basic') {
      const credential = authenticate(request.headers.get('authorization'), config.credentials);
      if (!credential)
        return unauthorized(mount.service === 'cybertipline' ? 'ispws' : 'hashsharing');
      username = credential.username;
    }
    const context: RouteContext = {
      request,
      url,
      path,
      params,
      mount,
      config,
      state,
      random,
      clock: config.clock,
      username,
    };
    try {
      return await route.handle(context);
    } catch (error) {
      // A bug in the mock must show as a server error, never hang the client.
      const detail = `mock error: ${(error as Error).message}`;
      return mount.service === 'cybertipline'
        ? reportResponse('serverError', { detail })
        : new Response(`500 ${detail}\n`, { status: 500 });
    }
  }

  function log(route: string, method: string, outcome: string): void {
    state.requests.push({ route, method, outcome });
    if (state.requests.length > 10_000) state.requests.splice(0, state.requests.length - 10_000);
  }

  return {
    handle,
    reports: () => {
      const all = [...state.reports.values()];
      for (const report of all) expireIfDue({ clock: config.clock, config }, report);
      return all;
    },
    files: (reportId) =>
      (state.reports.get(reportId)?.fileIds ?? [])
        .map((id) => state.files.get(id)!)
        .filter(Boolean),
    feedback: () => [...state.feedback],
    hashSharingEntries: () => state.hashSharingEntries,
    requests: () => [...state.requests],
    reset: () => {
      resetHotlineState(state, sampleEntries());
      random = createRandom(config.seed);
      planner.reset(config.seed);
    },
    faults: planner,
    config,
  };
}

function applicationError(mount: Mount, code: number): Response {
  return mount.service === 'cybertipline'
    ? reportResponseWithCode(code, code === 1000 ? 'Server error' : 'Injected error')
    : new Response('500 Internal Server Error\n', { status: 500 });
}

function outcomeStatus(outcome: MockOutcome): number | string {
  return outcome.kind === 'respond' || outcome.kind === 'truncate'
    ? outcome.response.status
    : outcome.kind;
}
