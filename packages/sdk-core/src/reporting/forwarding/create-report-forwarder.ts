import { isHashguardError } from '../../errors/is-hashguard-error';
import { ReportError } from '../../errors/report-error';
import type { OutboxRecord } from '../../ports/outbox';
import type { HotlineProgress } from '../hotline-adapter';
import { type IncidentReport, parseIncidentReport } from '../report';
import { createAbortController, utf8Encode } from '../web-platform';
import {
  type ForwarderConfig,
  normalizeForwarderOptions,
  type ReportForwarderOptions,
} from './forwarder-config';
import { foldJournal } from './journal-view';
import { parsePayload, processRecord, type RecordPayload } from './process-record';
import { createReportControls, type ReportControls } from './report-controls';

export interface QueuedReport {
  /** Outbox record id, `<reportKey>@<destination>`. */
  id: string;
  destination: string;
  /** False when this report key was already queued for this destination (nothing new was queued). */
  created: boolean;
}

export interface ReportStatus {
  id: string;
  state: OutboxRecord['state'];
  destination: string;
  reportKey: string;
  progress: HotlineProgress;
  attempts: number;
  journal: OutboxRecord['journal'];
}

export interface ReportForwarder extends ReportControls {
  /** Validates, routes and durably queues a report; resolves once it would survive a crash. */
  forwardReport(report: unknown): Promise<QueuedReport[]>;
  /** Leases one batch of due records and runs them; resolves with how many were run. */
  runOnce(): Promise<number>;
  /** Runs batches until no record is due. */
  drain(): Promise<void>;
  /** Starts the worker loop; `stop()` ends it after the current steps. */
  start(): void;
  stop(): Promise<void>;
  status(id: string): Promise<ReportStatus | undefined>;
  list(filter?: { state?: OutboxRecord['state'] }): Promise<ReportStatus[]>;
}

export function toStatus(record: OutboxRecord): ReportStatus {
  const payload: RecordPayload = parsePayload(record);
  return {
    id: record.id,
    state: record.state,
    destination: payload.destination,
    reportKey: payload.report.reportKey,
    progress: foldJournal(record.journal).progress,
    attempts: record.attempts,
    journal: record.journal,
  };
}

/**
 * The durable report forwarder: `forwardReport` queues, a worker loop runs
 * each queued report through its hotline adapter step by step, journaling
 * every outcome, so a report survives a crash at any instant and reaches
 * the hotline once.
 */
export function createReportForwarder(options: ReportForwarderOptions): ReportForwarder {
  const config: ForwarderConfig = normalizeForwarderOptions(options);
  const stopRequested = new Set<string>();
  const running = new Set<string>();
  let loop: Promise<void> | undefined;
  let loopAbort: ReturnType<typeof createAbortController> | undefined;
  let stopping = false;
  const controls = createReportControls(config, stopRequested);

  async function forwardReport(input: unknown): Promise<QueuedReport[]> {
    const report = parseIncidentReport(input);
    const adapters = config.router.route(report);
    if (adapters.length === 0) {
      throw new ReportError(
        'E_REPORT_INVALID',
        `No hotline is configured for report ${report.reportKey}.`,
      );
    }
    for (const adapter of adapters) adapter.check(report);
    const ids = adapters.map((adapter) => `${report.reportKey}@${adapter.name}`);
    const known = await Promise.all(ids.map((id) => config.outbox.get(id)));
    if (config.evidence && known.some((record) => record === undefined)) await preserve(report);
    const queued: QueuedReport[] = [];
    for (const adapter of adapters) {
      const now = config.clock.now();
      const id = `${report.reportKey}@${adapter.name}`;
      // URL-only hotlines never receive files (nor the files' metadata).
      const routed = adapter.acceptsFiles ? report : { ...report, files: [] };
      const payload: RecordPayload = { version: 1, destination: adapter.name, report: routed };
      const created = await config.outbox.enqueue({
        id,
        state: 'queued',
        payload: JSON.stringify(payload),
        journal: [{ step: 'queued', at: now, outcome: 'succeeded' }],
        attempts: 0,
        createdAt: now,
        updatedAt: now,
        nextAttemptAt: now,
      });
      if (created)
        config.events.emit('report:queued', {
          id,
          reportKey: report.reportKey,
          destination: adapter.name,
        });
      queued.push({ id, destination: adapter.name, created });
    }
    return queued;
  }

  /** Preserved before queueing, so anything the hotline gets is also kept (encrypted) here. */
  async function preserve(report: IncidentReport): Promise<void> {
    const vault = config.evidence;
    if (!vault) return;
    const jurisdiction = report.incident.country;
    const actor = `forwarder:${config.workerId}`;
    await vault.preserve({
      kind: 'report',
      id: `${report.reportKey}/report`,
      bytes: utf8Encode(JSON.stringify(report)),
      jurisdiction,
      actor,
    });
    for (const [index, file] of report.files.entries()) {
      const bytes = await config.loadFile(file, report);
      await vault.preserve({
        kind: 'file',
        id: `${report.reportKey}/file-${index}`,
        bytes,
        jurisdiction,
        actor,
      });
    }
  }

  async function runRecord(record: OutboxRecord): Promise<void> {
    try {
      // The signal only stops the loop between steps; an in-flight request is never aborted,
      // since aborting a submit would leave its outcome unknown.
      await processRecord(config, record, () => stopRequested.has(record.id) || stopping);
    } catch (error) {
      if (isHashguardError(error, 'E_OUTBOX_LEASE_LOST')) {
        config.logger?.log('warn', 'lost the lease of a report; another worker has it', {
          id: record.id,
        });
        return;
      }
      config.logger?.log('error', 'report worker failed on a record', {
        id: record.id,
        error: String(error),
      });
    }
    // Settled or waiting for a retry: let go, so a person or the next attempt can claim it.
    await config.outbox.release(config.workerId, record.id).catch(() => {});
  }

  async function runOnce(): Promise<number> {
    const now = config.clock.now();
    const leased = await config.outbox.lease(
      config.workerId,
      now,
      now + config.leaseMs,
      config.concurrency,
    );
    // A lease belongs to a worker id, so a second loop of this same forwarder (start() plus
    // drain()) is handed the records already running here: skip those.
    const records = leased.filter((record) => !running.has(record.id));
    for (const record of records) running.add(record.id);
    await Promise.all(
      records.map((record) => runRecord(record).finally(() => running.delete(record.id))),
    );
    return records.length;
  }

  return {
    ...controls,
    forwardReport,
    runOnce: () => runOnce(),
    async drain() {
      while ((await runOnce()) > 0) {}
    },
    start() {
      if (loop) return;
      loopAbort = createAbortController();
      stopping = false;
      const signal = loopAbort.signal;
      loop = (async () => {
        while (!stopping) {
          let ran = 0;
          try {
            ran = await runOnce();
          } catch (error) {
            config.logger?.log('error', 'report worker could not lease', { error: String(error) });
          }
          if (ran === 0 && !stopping)
            await config.clock.sleep(config.pollIntervalMs, signal).catch(() => {});
        }
      })();
    },
    async stop() {
      stopping = true;
      loopAbort?.abort();
      await loop;
      loop = undefined;
    },
    async status(id) {
      const record = await config.outbox.get(id);
      return record ? toStatus(record) : undefined;
    },
    async list(filter) {
      return (await config.outbox.list(filter)).map(toStatus);
    },
  };
}
