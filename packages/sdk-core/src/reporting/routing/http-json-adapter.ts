import { ConfigError } from '../../errors/config-error';
import { HotlineError } from '../../errors/hotline-error';
import { TransportError } from '../../errors/transport-error';
import type { HotlineAdapter, HotlineStep, StepContext, StepResult } from '../hotline-adapter';
import type { IncidentReport } from '../report';
import { base64Encode, urlHost, utf8Decode } from '../web-platform';

export interface HttpJsonHotlineOptions {
  /** Destination name in outbox ids and events, e.g. `nca`, `iwf`, `inhope-eco`. */
  name: string;
  /** The endpoint that accepts one report as a JSON POST. */
  url: string;
  /** `Authorization` header value, e.g. `Bearer …`, as agreed with the hotline. */
  authorization?: string;
  /** URL-only hotlines (IWF) never receive files. Default false. */
  acceptsFiles?: boolean;
  /**
   * Header carrying the report key, if the hotline deduplicates on it (e.g.
   * `Idempotency-Key`). With it a send whose answer was lost is repeated;
   * without it, such a send needs a person, like a CyberTipline submit.
   */
  idempotencyHeader?: string;
  /** Field of the JSON answer holding the hotline's report id. Default `id`. */
  reportIdField?: string;
  /** Same rule as CyberTipline: a test endpoint takes only `testData` reports and production refuses them. */
  environment?: 'test' | 'production';
  timeoutMs?: number;
}

/** The JSON body sent: the validated report, with file bytes (base64) only for hotlines that take files. */
async function body(report: IncidentReport, context: StepContext, acceptsFiles: boolean) {
  const files = acceptsFiles
    ? await Promise.all(
        report.files.map(async (file) => ({
          ...file,
          contentBase64: base64Encode(await context.loadFile(file)),
        })),
      )
    : [];
  return { ...report, files };
}

/**
 * A configurable HTTP JSON hotline adapter, for hotlines whose API is not
 * public (the UK NCA's reporting service under the Online Safety Act 2023
 * s.66, IWF URL reports, Cybertip.ca, INHOPE member hotlines). It is honest
 * about what it is: one POST of our report model as JSON, to the endpoint and
 * with the credentials the member agreed with the hotline. It knows no
 * hotline-specific format; members map fields in front of it if needed.
 */
export function createHttpJsonHotlineAdapter(options: HttpJsonHotlineOptions): HotlineAdapter {
  if (!options.name || !/^[a-z0-9-]+$/.test(options.name)) {
    throw new ConfigError(
      'E_INVALID_OPTIONS',
      'HTTP hotline adapter: `name` must be lowercase letters, digits and dashes.',
    );
  }
  const host = urlHost(options.url);
  if (!host)
    throw new ConfigError(
      'E_INVALID_OPTIONS',
      `HTTP hotline adapter ${options.name}: \`url\` must be http(s).`,
    );
  const environment = options.environment ?? 'test';
  if (environment !== 'test' && environment !== 'production') {
    throw new ConfigError(
      'E_INVALID_OPTIONS',
      `HTTP hotline adapter ${options.name}: \`environment\` must be "test" or "production", not ${JSON.stringify(environment)}.`,
    );
  }
  const acceptsFiles = options.acceptsFiles ?? false;
  const reportIdField = options.reportIdField ?? 'id';
  const step: HotlineStep = {
    id: 'send',
    kind: 'send',
    delivery: options.idempotencyHeader ? 'retryable' : 'once',
  };

  return {
    name: options.name,
    acceptsFiles,
    check(report) {
      if ((environment === 'production') === report.testData) {
        throw new ConfigError(
          'E_ENVIRONMENT_MISMATCH',
          `${options.name}: a ${environment} endpoint does not take a report with testData: ${report.testData}.`,
        );
      }
    },
    plan: () => [step],
    async runStep(_step, context): Promise<StepResult> {
      const headers: Record<string, string> = { accept: 'application/json' };
      if (options.authorization) headers.authorization = options.authorization;
      if (options.idempotencyHeader)
        headers[options.idempotencyHeader.toLowerCase()] = context.report.reportKey;
      const response = await context.transport.send({
        method: 'POST',
        url: options.url,
        headers,
        body: {
          kind: 'text',
          contentType: 'application/json',
          text: JSON.stringify(await body(context.report, context, acceptsFiles)),
        },
        timeoutMs: options.timeoutMs ?? 30_000,
      });
      if (response.status === 429 || response.status === 503) {
        throw new TransportError(
          'E_HTTP_UNAVAILABLE',
          `${options.name}: HTTP ${response.status}; try again later.`,
        );
      }
      if (response.status === 401 || response.status === 403) {
        throw new HotlineError(
          'E_HOTLINE_UNAUTHORIZED',
          `${options.name}: HTTP ${response.status}, credentials refused.`,
        );
      }
      if (response.status >= 400 && response.status < 500) {
        throw new HotlineError(
          'E_HOTLINE_REJECTED',
          `${options.name}: HTTP ${response.status}, report refused.`,
        );
      }
      if (response.status < 200 || response.status >= 300) {
        throw new TransportError(
          'E_HTTP_STATUS',
          `${options.name}: unexpected HTTP ${response.status}.`,
        );
      }
      let answer: Record<string, unknown>;
      try {
        answer = JSON.parse(utf8Decode(response.body)) as Record<string, unknown>;
      } catch (cause) {
        throw new TransportError(
          'E_RESPONSE_MALFORMED',
          `${options.name}: the answer is not JSON.`,
          { cause },
        );
      }
      const id = answer?.[reportIdField];
      return typeof id === 'string' || typeof id === 'number'
        ? { hotlineReportId: String(id) }
        : {};
    },
  };
}
