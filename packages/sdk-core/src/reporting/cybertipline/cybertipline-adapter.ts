import { ConfigError } from '../../errors/config-error';
import { isHashguardError } from '../../errors/is-hashguard-error';
import { TransportError } from '../../errors/transport-error';
import type { TransportBody, TransportRequest } from '../../ports/transport';
import type { HotlineAdapter, HotlineStep, StepContext, StepResult } from '../hotline-adapter';
import type { IncidentReport } from '../report';
import { base64Encode, urlHost, utf8Encode } from '../web-platform';
import { buildFileDetailsXml, buildReportXml } from './report-xml';
import { type CyberTiplineResponse, parseCyberTiplineResponse } from './response';

/** Base URLs from the CyberTipline Reporting API documentation. */
export const CYBERTIPLINE_BASE_URLS = {
  test: 'https://exttest.cybertip.org/ispws',
  production: 'https://report.cybertip.org/ispws',
} as const;

export interface CyberTiplineAdapterOptions {
  /** The username and password NCMEC issued for this environment (HTTP Basic). */
  credentials: { username: string; password: string };
  /** Which NCMEC environment to talk to; `test` unless said otherwise. */
  environment?: 'test' | 'production';
  /** Must be `true` with `environment: 'production'`: real reports go to law enforcement. */
  allowProduction?: boolean;
  /** Test environment only: another base URL, e.g. the mock hotline on loopback. */
  baseUrl?: string;
  timeoutMs?: number;
}

interface CyberTiplineConfig {
  environment: 'test' | 'production';
  baseUrl: string;
  authorization: string;
  timeoutMs: number;
}

function normalizeOptions(options: CyberTiplineAdapterOptions): CyberTiplineConfig {
  const environment = options.environment ?? 'test';
  if (environment !== 'test' && environment !== 'production') {
    throw new ConfigError(
      'E_INVALID_OPTIONS',
      `CyberTipline adapter: \`environment\` must be "test" or "production", not ${JSON.stringify(environment)}.`,
    );
  }
  const { username, password } = options.credentials ?? {};
  if (!username || !password) {
    throw new ConfigError(
      'E_MISSING_OPTION',
      'CyberTipline adapter: `credentials.username` and `credentials.password` are required.',
    );
  }
  if (environment === 'production' && options.allowProduction !== true) {
    throw new ConfigError(
      'E_INVALID_OPTIONS',
      'CyberTipline adapter: `environment: "production"` sends real reports to NCMEC; also pass `allowProduction: true`.',
    );
  }
  if (environment === 'production' && options.baseUrl !== undefined) {
    throw new ConfigError(
      'E_ENVIRONMENT_MISMATCH',
      'CyberTipline adapter: `baseUrl` may only be overridden in the test environment.',
    );
  }
  const baseUrl = (options.baseUrl ?? CYBERTIPLINE_BASE_URLS[environment]).replace(/\/+$/, '');
  const host = urlHost(baseUrl);
  if (!host) {
    throw new ConfigError(
      'E_INVALID_OPTIONS',
      'CyberTipline adapter: `baseUrl` must be an absolute http(s) URL.',
    );
  }
  if (environment === 'test' && host === urlHost(CYBERTIPLINE_BASE_URLS.production)) {
    throw new ConfigError(
      'E_ENVIRONMENT_MISMATCH',
      'CyberTipline adapter: the test environment may not point at the production host.',
    );
  }
  return {
    environment,
    baseUrl,
    authorization: `Basic ${base64Encode(utf8Encode(`${username}:${password}`))}`,
    timeoutMs: options.timeoutMs ?? 30_000,
  };
}

/**
 * The NCMEC CyberTipline Reporting API as a step-by-step adapter:
 * submit → upload each file → fileinfo each file → finish, and retract
 * before finish. Test and production are never mixed: the test environment
 * takes only reports flagged `testData`, production refuses them.
 */
export function createCyberTiplineAdapter(options: CyberTiplineAdapterOptions): HotlineAdapter {
  const config = normalizeOptions(options);

  async function call(
    context: StepContext,
    action: string,
    method: TransportRequest['method'],
    body?: TransportBody,
  ): Promise<CyberTiplineResponse> {
    const response = await context.transport.send({
      method,
      url: `${config.baseUrl}/${action}`,
      headers: { authorization: config.authorization },
      body,
      timeoutMs: config.timeoutMs,
      signal: context.signal,
    });
    return parseCyberTiplineResponse(response, `/${action}`);
  }

  function requireReportId(context: StepContext): string {
    const id = context.progress.hotlineReportId;
    if (!id)
      throw new TransportError(
        'E_RESPONSE_MALFORMED',
        'CyberTipline: no report id was recorded for this report.',
      );
    return id;
  }

  const adapter: HotlineAdapter = {
    name: 'cybertipline',
    acceptsFiles: true,

    check(report: IncidentReport) {
      if (config.environment === 'production' && report.testData) {
        throw new ConfigError(
          'E_ENVIRONMENT_MISMATCH',
          'CyberTipline production refuses a report flagged `testData: true`.',
        );
      }
      if (config.environment === 'test' && !report.testData) {
        // A real report sent to exttest never reaches NCMEC's analysts: refuse rather than lose it.
        throw new ConfigError(
          'E_ENVIRONMENT_MISMATCH',
          'CyberTipline test environment refuses a report not flagged `testData: true`; real reports need `environment: "production"`.',
        );
      }
    },

    plan(report: IncidentReport): HotlineStep[] {
      const steps: HotlineStep[] = [{ id: 'submit', kind: 'submit', delivery: 'once' }];
      report.files.forEach((_, fileIndex) => {
        steps.push({ id: `upload:${fileIndex}`, kind: 'upload', delivery: 'retryable', fileIndex });
        // NCMEC takes one fileDetails per file: a second is refused, so a resend must be recognised.
        steps.push({
          id: `fileinfo:${fileIndex}`,
          kind: 'fileinfo',
          delivery: 'confirmable',
          fileIndex,
        });
      });
      steps.push({ id: 'finish', kind: 'finish', delivery: 'confirmable' });
      return steps;
    },

    async runStep(step: HotlineStep, context: StepContext): Promise<StepResult> {
      const { report } = context;
      switch (step.kind) {
        case 'submit': {
          adapter.check(report);
          const answer = await call(context, 'submit', 'POST', {
            kind: 'text',
            contentType: 'text/xml; charset=utf-8',
            text: buildReportXml(report),
          });
          if (!answer.reportId)
            throw new TransportError(
              'E_RESPONSE_MALFORMED',
              'CyberTipline /submit: no <reportId> in the answer.',
            );
          return { hotlineReportId: answer.reportId };
        }
        case 'upload': {
          const file = report.files[step.fileIndex ?? -1];
          if (!file)
            throw new TransportError(
              'E_RESPONSE_MALFORMED',
              `CyberTipline: no file ${step.fileIndex}.`,
            );
          const data = await context.loadFile(file);
          const answer = await call(context, 'upload', 'POST', {
            kind: 'multipart',
            parts: [
              { name: 'id', value: requireReportId(context) },
              {
                name: 'file',
                filename: file.fileName ?? `file-${step.fileIndex}`,
                contentType: file.contentType ?? 'application/octet-stream',
                data,
              },
            ],
          });
          if (!answer.fileId)
            throw new TransportError(
              'E_RESPONSE_MALFORMED',
              'CyberTipline /upload: no <fileId> in the answer.',
            );
          return { fileId: answer.fileId, md5: answer.hash };
        }
        case 'fileinfo': {
          const index = step.fileIndex ?? -1;
          const file = report.files[index];
          const fileId = context.progress.fileIds[index];
          if (!file || !fileId)
            throw new TransportError(
              'E_RESPONSE_MALFORMED',
              `CyberTipline: file ${index} was not uploaded.`,
            );
          try {
            await call(context, 'fileinfo', 'POST', {
              kind: 'text',
              contentType: 'text/xml; charset=utf-8',
              text: buildFileDetailsXml(requireReportId(context), fileId, file),
            });
          } catch (error) {
            // Resending details whose first answer was lost: a refusal saying they were
            // already submitted means the first one landed. Any other refusal stands.
            if (
              context.resend &&
              isHashguardError(error, 'E_HOTLINE_INVALID_FIELD') &&
              /already/i.test(error.message)
            ) {
              return { alreadyApplied: true };
            }
            throw error;
          }
          return {};
        }
        case 'finish': {
          try {
            const answer = await call(context, 'finish', 'POST', {
              kind: 'form',
              fields: { id: requireReportId(context) },
            });
            return { fileIds: answer.fileIds };
          } catch (error) {
            // 5102 "already finished": an earlier /finish whose answer we lost did succeed.
            if (isHashguardError(error, 'E_HOTLINE_ALREADY_FINISHED'))
              return { alreadyFinished: true };
            throw error;
          }
        }
        default:
          throw new ConfigError(
            'E_INVALID_OPTIONS',
            `CyberTipline adapter has no step kind ${step.kind}.`,
          );
      }
    },

    async retract(context: StepContext): Promise<void> {
      adapter.check(context.report);
      try {
        await call(context, 'retract', 'POST', {
          kind: 'form',
          fields: { id: requireReportId(context) },
        });
      } catch (error) {
        // 5101 "already retracted": an earlier retract whose answer was lost did succeed.
        if (!isHashguardError(error, 'E_HOTLINE_ALREADY_RETRACTED')) throw error;
      }
    },
  };
  return adapter;
}
