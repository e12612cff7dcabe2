import { HttpResponse, http, type RequestHandler } from 'msw';
import type { MockHotlinesOptions } from '../core/config';
import {
  createMockHotlines,
  type MockHotlines,
  type MockOutcome,
} from '../core/create-mock-hotlines';
import { REAL_MOUNTS } from '../core/mounts';
import type { Mount } from '../core/route';

export interface HotlineHandlersOptions extends MockHotlinesOptions {
  /** Share state with another transport (e.g. a running `startMockHotlines()`); options are then ignored. */
  hotline?: MockHotlines;
}

/** The mock as msw handlers, plus the shared state to inspect. */
export interface HotlineHandlers extends MockHotlines {
  /** Pass to `setupServer(...hotline.handlers)` or `worker.use(...)`. */
  handlers: RequestHandler[];
  /** The hosts answered, e.g. `https://exttest.cybertip.org/ispws`. */
  mounts: readonly Mount[];
}

/**
 * msw handlers for the CyberTipline Reporting API and hash sharing on their
 * real test and production hosts, plus our list and PhotoDNA-like services
 * on `.example` hosts. Every route delegates to the shared core.
 */
export function createHotlineHandlers(options: HotlineHandlersOptions = {}): HotlineHandlers {
  const hotline = options.hotline ?? createMockHotlines(options);
  const handlers = REAL_MOUNTS.map((mount) =>
    http.all(`${mount.baseUrl}/*`, async ({ request }) =>
      toMswResponse(await hotline.handle(request, mount), request),
    ),
  );
  return { ...hotline, handlers, mounts: REAL_MOUNTS };
}

async function toMswResponse(outcome: MockOutcome, request: Request): Promise<Response> {
  switch (outcome.kind) {
    case 'respond':
      return outcome.response;
    case 'drop':
      // msw's network error: the client's fetch rejects as on a reset connection.
      return HttpResponse.error();
    case 'hang':
      await untilAborted(request.signal, outcome.maxMs);
      return HttpResponse.error();
    case 'truncate': {
      const { bytes } = outcome;
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(bytes);
          // Fail only after the head went out, so the client sees a 200 whose body breaks off.
          setTimeout(() => controller.error(new TypeError('connection closed mid-body')), 20);
        },
      });
      return new Response(body, {
        status: outcome.response.status,
        headers: outcome.response.headers,
      });
    }
  }
}

function untilAborted(signal: AbortSignal, maxMs: number): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(resolve, maxMs);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });
}
