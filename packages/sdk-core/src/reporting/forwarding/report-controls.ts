import { ReportError } from '../../errors/report-error';
import type { OutboxRecord, OutboxState } from '../../ports/outbox';
import type { ReportEventBase } from '../report-events';
import type { ForwarderConfig } from './forwarder-config';
import { CONTROL_STEPS, foldJournal, submitOutcomeUnknown } from './journal-view';
import { createJournalWriter, parsePayload, stepContext } from './process-record';

/** How a person settles a report whose submit outcome was unknown. */
export type SubmitResolution =
  /** The hotline has the report (found by its member reference): continue with this id. */
  | { hotlineReportId: string; note?: string }
  /** The hotline has no such report: submitting again cannot duplicate it. */
  | { notReceived: true; note?: string };

/** What a person (or the CLI) does to a report the worker cannot settle alone. */
export interface ReportControls {
  /** Withdraws a report: locally if nothing was sent, at the hotline if opened but not finished. */
  retract(id: string, reason?: string): Promise<void>;
  /** Settles a `needs-attention` record after checking with the hotline. */
  resolve(id: string, resolution: SubmitResolution): Promise<void>;
  /** Queues a `failed` or `dead-lettered` record again. */
  retry(id: string): Promise<void>;
}

const CLAIM_TRIES = 50;
const CLAIM_WAIT_MS = 100;

export function createReportControls(
  config: ForwarderConfig,
  stopRequested: Set<string>,
): ReportControls {
  const controlWorker = `${config.workerId}:control`;

  /** Leases one record for a person's action, waiting a little for a worker to let go of it. */
  async function claim(id: string): Promise<OutboxRecord> {
    for (let attempt = 0; attempt < CLAIM_TRIES; attempt++) {
      const now = config.clock.now();
      const record = await config.outbox.claim(controlWorker, id, now, now + config.leaseMs);
      if (record) return record;
      if (!(await config.outbox.get(id)))
        throw new ReportError('E_REPORT_NOT_FOUND', `No report ${id} in the outbox.`);
      await config.clock.sleep(CLAIM_WAIT_MS);
    }
    throw new ReportError(
      'E_REPORT_STATE',
      `Report ${id} is being worked on; try again in a moment.`,
    );
  }

  async function withClaim(
    id: string,
    action: (record: OutboxRecord) => Promise<void>,
  ): Promise<void> {
    stopRequested.add(id);
    try {
      const record = await claim(id);
      try {
        await action(record);
      } finally {
        await config.outbox.release(controlWorker, id).catch(() => {});
      }
    } finally {
      stopRequested.delete(id);
    }
  }

  function requireState(
    record: OutboxRecord,
    allowed: readonly OutboxState[],
    action: string,
  ): void {
    if (!allowed.includes(record.state)) {
      throw new ReportError(
        'E_REPORT_STATE',
        `Cannot ${action} report ${record.id}: it is ${record.state}.`,
      );
    }
  }

  return {
    retract: (id, reason) =>
      withClaim(id, async (record) => {
        if (record.state === 'retracted') return;
        requireState(
          record,
          ['queued', 'in-progress', 'failed', 'dead-lettered', 'needs-attention'],
          'retract',
        );
        const { report, destination } = parsePayload(record);
        const base: ReportEventBase = { id, reportKey: report.reportKey, destination };
        const view = foldJournal(record.journal);
        const write = createJournalWriter(config, controlWorker, record);
        if (submitOutcomeUnknown(view)) {
          throw new ReportError(
            'E_REPORT_NEEDS_ATTENTION',
            `Report ${id}: the hotline may or may not have it; resolve it first (find its id at the hotline).`,
          );
        }
        const hotlineReportId = view.progress.hotlineReportId;
        if (!hotlineReportId) {
          await write(
            { step: CONTROL_STEPS.retract, outcome: 'succeeded', data: { remote: false, reason } },
            'retracted',
          );
          config.events.emit('report:retracted', base);
          return;
        }
        const adapter = config.adaptersByName.get(destination);
        if (!adapter?.retract) {
          throw new ReportError(
            'E_REPORT_STATE',
            `Report ${id}: ${destination} cannot retract an opened report.`,
          );
        }
        // Before anything is sent or journaled: a production report retracted through a
        // test-environment adapter (or the reverse) would send its ids and the wrong
        // credentials to the other environment.
        adapter.check(report);
        await write(
          { step: CONTROL_STEPS.retract, outcome: 'started', data: { reason } },
          record.state,
        );
        try {
          await adapter.retract(stepContext(config, report, view));
        } catch (error) {
          // The member wants this report withdrawn: stop the flow rather than let the
          // worker finish it, and leave it to a person to retract again. (NCMEC also
          // deletes a report left unfinished for 24 hours.)
          const reason = `retract failed: ${String(error)}`;
          await write(
            { step: CONTROL_STEPS.retract, outcome: 'failed', data: { reason } },
            'needs-attention',
          );
          config.events.emit('report:needs-attention', {
            ...base,
            step: CONTROL_STEPS.retract,
            reason,
            hotlineReportId,
          });
          throw error;
        }
        await write(
          { step: CONTROL_STEPS.retract, outcome: 'succeeded', data: { remote: true } },
          'retracted',
        );
        config.events.emit('report:retracted', { ...base, hotlineReportId });
      }),

    resolve: (id, resolution) =>
      withClaim(id, async (record) => {
        requireState(record, ['needs-attention'], 'resolve');
        // The one-shot step (CyberTipline submit, an HTTP hotline's send) the worker marked
        // unknown when it stopped; read from the journal, so no adapter is needed here.
        const pending = [...foldJournal(record.journal).steps.values()].find(
          (entry) => entry.outcome === 'unknown',
        );
        if (!pending) {
          // A failed retract, for instance, is settled by retracting again.
          throw new ReportError(
            'E_REPORT_STATE',
            `Report ${id} has no request of unknown outcome to resolve.`,
          );
        }
        if (pending.data?.code === 'E_HOTLINE_UNKNOWN_REPORT' && 'hotlineReportId' in resolution) {
          throw new ReportError(
            'E_REPORT_STATE',
            `Report ${id}: the hotline no longer has the report it opened; resolve with { notReceived: true } to submit it again.`,
          );
        }
        const write = createJournalWriter(config, controlWorker, record);
        const data =
          'hotlineReportId' in resolution
            ? {
                step: pending.step,
                hotlineReportId: resolution.hotlineReportId,
                note: resolution.note,
              }
            : { step: pending.step, resubmit: true, note: resolution.note };
        await write({ step: CONTROL_STEPS.resolve, outcome: 'noted', data }, 'queued', {
          attempts: 0,
        });
      }),

    retry: (id) =>
      withClaim(id, async (record) => {
        requireState(record, ['failed', 'dead-lettered'], 'retry');
        const write = createJournalWriter(config, controlWorker, record);
        await write({ step: CONTROL_STEPS.retry, outcome: 'noted' }, 'queued', { attempts: 0 });
      }),
  };
}
