import { ConfigError } from '../../errors/config-error';
import type { EventEmitter } from '../../events';
import type { Clock } from '../../ports/clock';
import type { Logger } from '../../ports/logger';
import type { Outbox } from '../../ports/outbox';
import type { Transport } from '../../ports/transport';
import type { EvidenceVault } from '../evidence/evidence-vault';
import type { HotlineAdapter } from '../hotline-adapter';
import type { IncidentReport, ReportFile } from '../report';
import type { ReportEventMap } from '../report-events';

/** Chooses the hotlines a report goes to; `createReportRouter` builds one from member configuration. */
export interface ReportRouter {
  /** Every adapter the router can choose, by name, so queued records find theirs after a restart. */
  readonly adapters: readonly HotlineAdapter[];
  route(report: IncidentReport): HotlineAdapter[];
}

export interface ReportForwarderOptions {
  outbox: Outbox;
  transport: Transport;
  clock: Clock;
  /** Either one adapter for every report, or a router. */
  adapter?: HotlineAdapter;
  router?: ReportRouter;
  /** Fetches a file's bytes from the member's storage when it is uploaded (after a restart too). */
  loadFile: (file: ReportFile, report: IncidentReport) => Promise<Uint8Array>;
  events?: Pick<EventEmitter<ReportEventMap>, 'emit'>;
  logger?: Logger;
  /**
   * Preserves the report's contents and files, encrypted, before queueing
   * (18 U.S.C. § 2258A(h): a report is a request to preserve its contents).
   */
  evidence?: EvidenceVault;
  /** Unique per live process; a restarted process may reuse its id to take back its leases at once. */
  workerId?: string;
  /** How long a worker owns a record; keep it well above the transport timeout. Default 5 min. */
  leaseMs?: number;
  /** Records run at once by one worker. Default 4. */
  concurrency?: number;
  /**
   * Failed attempts of one step before the record is dead-lettered. Default 32: with the
   * default backoff (1 s doubling to 5 min) a step is retried for about 1–2 hours, long
   * enough to ride out a hotline outage, and a dead-lettered report still leaves a person
   * most of the 24 hours before NCMEC deletes a report left unfinished.
   */
  maxAttempts?: number;
  /** First retry delay; doubles per attempt up to `maxBackoffMs`, with jitter. Default 1 s. */
  baseBackoffMs?: number;
  maxBackoffMs?: number;
  /** Idle poll interval of `start()`. Default 1 s. */
  pollIntervalMs?: number;
  /** Random source in [0, 1) for backoff jitter; tests pass a seeded one. */
  random?: () => number;
}

export interface ForwarderConfig {
  outbox: Outbox;
  transport: Transport;
  clock: Clock;
  router: ReportRouter;
  adaptersByName: Map<string, HotlineAdapter>;
  loadFile: ReportForwarderOptions['loadFile'];
  events: Pick<EventEmitter<ReportEventMap>, 'emit'>;
  logger: Logger | undefined;
  evidence: EvidenceVault | undefined;
  workerId: string;
  leaseMs: number;
  concurrency: number;
  maxAttempts: number;
  baseBackoffMs: number;
  maxBackoffMs: number;
  pollIntervalMs: number;
  random: () => number;
}

function positive(name: string, value: number | undefined, fallback: number): number {
  const result = value ?? fallback;
  if (!Number.isFinite(result) || result <= 0) {
    throw new ConfigError(
      'E_INVALID_OPTIONS',
      `createReportForwarder: \`${name}\` must be a positive number.`,
    );
  }
  return result;
}

export function normalizeForwarderOptions(options: ReportForwarderOptions): ForwarderConfig {
  for (const name of ['outbox', 'transport', 'clock', 'loadFile'] as const) {
    if (!options[name])
      throw new ConfigError('E_MISSING_OPTION', `createReportForwarder: \`${name}\` is required.`);
  }
  if (!options.adapter === !options.router) {
    throw new ConfigError(
      'E_INVALID_OPTIONS',
      'createReportForwarder: pass exactly one of `adapter` or `router`.',
    );
  }
  const single = options.adapter;
  const router: ReportRouter = options.router ?? {
    adapters: [single as HotlineAdapter],
    route: () => [single as HotlineAdapter],
  };
  const adaptersByName = new Map(router.adapters.map((adapter) => [adapter.name, adapter]));
  if (adaptersByName.size !== router.adapters.length) {
    throw new ConfigError(
      'E_INVALID_OPTIONS',
      'createReportForwarder: adapter names must be unique.',
    );
  }
  return {
    outbox: options.outbox,
    transport: options.transport,
    clock: options.clock,
    router,
    adaptersByName,
    loadFile: options.loadFile,
    events: options.events ?? { emit: () => {} },
    logger: options.logger,
    evidence: options.evidence,
    workerId: options.workerId ?? `worker-${Math.random().toString(36).slice(2, 10)}`,
    leaseMs: positive('leaseMs', options.leaseMs, 5 * 60_000),
    concurrency: Math.floor(positive('concurrency', options.concurrency, 4)),
    maxAttempts: Math.floor(positive('maxAttempts', options.maxAttempts, 32)),
    baseBackoffMs: positive('baseBackoffMs', options.baseBackoffMs, 1000),
    maxBackoffMs: positive('maxBackoffMs', options.maxBackoffMs, 5 * 60_000),
    pollIntervalMs: positive('pollIntervalMs', options.pollIntervalMs, 1000),
    random: options.random ?? Math.random,
  };
}

/** Exponential backoff with jitter in [½, 1] of the step, so retries of many records spread out. */
export function backoffMs(config: ForwarderConfig, attempt: number): number {
  const step = Math.min(config.maxBackoffMs, config.baseBackoffMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(step * (0.5 + config.random() / 2));
}
