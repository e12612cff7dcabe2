import { isHashguardError } from '../../errors/is-hashguard-error';
import { ReportError } from '../../errors/report-error';
import type { OutboxJournalEntry, OutboxRecord, OutboxState } from '../../ports/outbox';
import {
  classifyFailure,
  type HotlineAdapter,
  type HotlineStep,
  type StepContext,
} from '../hotline-adapter';
import type { IncidentReport } from '../report';
import type { ReportEventBase } from '../report-events';
import { backoffMs, type ForwarderConfig } from './forwarder-config';
import { foldJournal, type JournalView, submitOutcomeUnknown } from './journal-view';

/** What an outbox record's payload holds; written once at enqueue. */
export interface RecordPayload {
  version: 1;
  destination: string;
  report: IncidentReport;
}

export function parsePayload(record: OutboxRecord): RecordPayload {
  const payload = JSON.parse(record.payload) as RecordPayload;
  if (payload.version !== 1) {
    throw new ReportError(
      'E_REPORT_STATE',
      `Outbox record ${record.id} has an unknown payload version.`,
    );
  }
  return payload;
}

function errorFields(error: unknown): { code: string; message: string } {
  if (isHashguardError(error)) return { code: error.code, message: error.message };
  return { code: 'E_UNEXPECTED', message: error instanceof Error ? error.message : String(error) };
}

/** Writes one journal entry with a state change, renewing the lease; throws if the lease was lost. */
export type JournalWriter = (
  entry: Omit<OutboxJournalEntry, 'at'> | undefined,
  state: OutboxState,
  options?: { attempts?: number; delayMs?: number },
) => Promise<void>;

export function createJournalWriter(
  config: ForwarderConfig,
  workerId: string,
  record: OutboxRecord,
): JournalWriter {
  let attempts = record.attempts;
  return async (entry, state, options = {}) => {
    const now = config.clock.now();
    attempts = options.attempts ?? attempts;
    const full = entry ? { ...entry, at: now } : undefined;
    await config.outbox.append(workerId, record.id, full, {
      state,
      attempts,
      nextAttemptAt: now + (options.delayMs ?? 0),
      leaseUntil: now + config.leaseMs,
    });
    if (full) record.journal.push(full);
    record.state = state;
    record.attempts = attempts;
  };
}

export function stepContext(
  config: ForwarderConfig,
  report: IncidentReport,
  view: JournalView,
  resend = false,
): StepContext {
  return {
    report,
    progress: view.progress,
    transport: config.transport,
    loadFile: (file) => config.loadFile(file, report),
    resend,
  };
}

/**
 * Runs a leased record from where its journal says it stopped, one step at a
 * time; each outcome is durable before the next step starts. Returns when
 * the record is finished, waits for a retry, or needs a person.
 */
export async function processRecord(
  config: ForwarderConfig,
  record: OutboxRecord,
  shouldStop: () => boolean,
): Promise<void> {
  const { report, destination } = parsePayload(record);
  const base: ReportEventBase = { id: record.id, reportKey: report.reportKey, destination };
  const adapter = config.adaptersByName.get(destination);
  const write = createJournalWriter(config, config.workerId, record);
  if (!adapter) {
    await write({ step: 'route', outcome: 'failed', data: { code: 'E_NO_ADAPTER' } }, 'failed');
    config.events.emit('report:failed', {
      ...base,
      step: 'route',
      code: 'E_NO_ADAPTER',
      message: `No adapter named ${destination}.`,
    });
    return;
  }
  const steps = adapter.plan(report);
  for (const [index, step] of steps.entries()) {
    const view = foldJournal(record.journal);
    const previous = view.steps.get(step.id);
    if (previous?.outcome === 'succeeded') continue;
    if (shouldStop()) return;
    if (step.delivery === 'once' && submitOutcomeUnknownFor(step, view)) {
      await needsAttention(
        config,
        write,
        base,
        step,
        'the request was sent but its outcome was never recorded',
      );
      return;
    }
    const isLast = index === steps.length - 1;
    const done = await runOneStep(config, record, adapter, step, report, view, base, write, isLast);
    if (!done) return;
  }
  if (record.state !== 'finished') {
    await write(undefined, 'finished', { attempts: 0 });
    config.events.emit('report:finished', {
      ...base,
      hotlineReportId: foldJournal(record.journal).progress.hotlineReportId,
    });
  }
}

function submitOutcomeUnknownFor(step: HotlineStep, view: JournalView): boolean {
  if (step.id === 'submit') return submitOutcomeUnknown(view);
  const previous = view.steps.get(step.id);
  return previous?.outcome === 'started' || previous?.outcome === 'unknown';
}

async function needsAttention(
  config: ForwarderConfig,
  write: JournalWriter,
  base: ReportEventBase,
  step: HotlineStep,
  reason: string,
  hotlineReportId?: string,
  extra?: Record<string, unknown>,
): Promise<void> {
  await write({ step: step.id, outcome: 'unknown', data: { reason, ...extra } }, 'needs-attention');
  config.logger?.log('warn', 'report needs attention', { ...base, step: step.id, reason });
  config.events.emit('report:needs-attention', { ...base, step: step.id, reason, hotlineReportId });
}

/** Returns true when the step succeeded and the flow may continue. */
async function runOneStep(
  config: ForwarderConfig,
  record: OutboxRecord,
  adapter: HotlineAdapter,
  step: HotlineStep,
  report: IncidentReport,
  view: JournalView,
  base: ReportEventBase,
  write: JournalWriter,
  isLast: boolean,
): Promise<boolean> {
  const resend = view.sent.has(step.id);
  // Journaled before sending: a crash from here on leaves proof the request may have gone out.
  if (step.delivery !== 'retryable')
    await write({ step: step.id, outcome: 'started' }, 'in-progress');
  let result: Record<string, unknown>;
  try {
    result = await adapter.runStep(step, stepContext(config, report, view, resend));
  } catch (error) {
    await recordFailure(config, record, step, base, write, error, view);
    return false;
  }
  await write(
    { step: step.id, outcome: 'succeeded', data: result },
    isLast ? 'finished' : 'in-progress',
    { attempts: 0 },
  );
  emitStepEvent(config, step, report, base, result, view);
  if (isLast)
    config.events.emit('report:finished', {
      ...base,
      hotlineReportId: foldJournal(record.journal).progress.hotlineReportId,
    });
  return true;
}

async function recordFailure(
  config: ForwarderConfig,
  record: OutboxRecord,
  step: HotlineStep,
  base: ReportEventBase,
  write: JournalWriter,
  error: unknown,
  view: JournalView,
): Promise<void> {
  const fields = errorFields(error);
  const hotlineReportId = view.progress.hotlineReportId;
  if (hotlineReportId && isHashguardError(error, 'E_HOTLINE_UNKNOWN_REPORT')) {
    // The hotline no longer has the report it opened (NCMEC deletes one left unfinished
    // for 24 hours): every retry would be refused the same way. A person decides;
    // `resolve({ notReceived: true })` submits it again from scratch.
    await needsAttention(
      config,
      write,
      base,
      step,
      `the hotline no longer has report ${hotlineReportId}: ${fields.message}`,
      hotlineReportId,
      { code: fields.code },
    );
    return;
  }
  const kind = classifyFailure(error);
  if (kind === 'rejected') {
    await write({ step: step.id, outcome: 'failed', data: fields }, 'failed');
    config.events.emit('report:failed', { ...base, step: step.id, ...fields });
    return;
  }
  if (kind === 'unknown' && step.delivery === 'once') {
    await needsAttention(
      config,
      write,
      base,
      step,
      `outcome unknown: ${fields.code}`,
      view.progress.hotlineReportId,
    );
    return;
  }
  const attempts = record.attempts + 1;
  if (attempts >= config.maxAttempts) {
    await write({ step: step.id, outcome: 'failed', data: fields }, 'dead-lettered', { attempts });
    config.events.emit('report:dead-lettered', {
      ...base,
      step: step.id,
      code: fields.code,
      attempts,
    });
    return;
  }
  await write({ step: step.id, outcome: 'failed', data: fields }, 'in-progress', {
    attempts,
    delayMs: backoffMs(config, attempts),
  });
  config.logger?.log('info', 'report step will be retried', {
    ...base,
    step: step.id,
    attempts,
    code: fields.code,
  });
}

function emitStepEvent(
  config: ForwarderConfig,
  step: HotlineStep,
  report: IncidentReport,
  base: ReportEventBase,
  result: Record<string, unknown>,
  view: JournalView,
): void {
  if (step.kind === 'submit' && typeof result.hotlineReportId === 'string') {
    config.events.emit('report:submitted', { ...base, hotlineReportId: result.hotlineReportId });
  } else if (step.kind === 'upload' && typeof result.fileId === 'string') {
    const file = report.files[step.fileIndex ?? -1];
    config.events.emit('report:file-uploaded', {
      ...base,
      hotlineReportId: view.progress.hotlineReportId ?? '',
      fileKey: file?.fileKey ?? '',
      fileId: result.fileId,
    });
  }
}
