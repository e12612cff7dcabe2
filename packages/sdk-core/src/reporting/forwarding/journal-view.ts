import type { OutboxJournalEntry } from '../../ports/outbox';
import type { HotlineProgress } from '../hotline-adapter';

/** Journal steps that are decisions, not hotline calls. */
export const CONTROL_STEPS = {
  /** A person resolved a one-shot step of unknown outcome: `{ step, hotlineReportId }` or `{ step, resubmit: true }`. */
  resolve: 'resolve',
  /** A person asked to run a failed or dead-lettered record again. */
  retry: 'retry',
  retract: 'retract',
  queued: 'queued',
} as const;

export interface JournalView {
  /** Last entry per hotline step id. */
  steps: Map<string, OutboxJournalEntry>;
  /** Steps sent at least once (a `started` entry) whose answer may have been lost. */
  sent: Set<string>;
  progress: HotlineProgress;
}

/**
 * Folds a record's journal into what has happened at the hotline. The
 * journal is the only source of truth: after a crash, the worker resumes
 * from exactly this view.
 */
export function foldJournal(journal: readonly OutboxJournalEntry[]): JournalView {
  const steps = new Map<string, OutboxJournalEntry>();
  const sent = new Set<string>();
  for (const entry of journal) {
    if (entry.step === CONTROL_STEPS.resolve) {
      if (entry.data?.resubmit === true) {
        // The hotline never got the report: every step starts over.
        steps.clear();
        sent.clear();
      } else if (typeof entry.data?.hotlineReportId === 'string') {
        const step = typeof entry.data.step === 'string' ? entry.data.step : 'submit';
        steps.set(step, { ...entry, step, outcome: 'succeeded' });
      }
      continue;
    }
    if (entry.step === CONTROL_STEPS.retry || entry.step === CONTROL_STEPS.queued) continue;
    if (entry.outcome === 'started') sent.add(entry.step);
    steps.set(entry.step, entry);
  }
  const progress: HotlineProgress = { fileIds: {} };
  for (const [step, entry] of steps) {
    if (entry.outcome !== 'succeeded') continue;
    // `submit` (CyberTipline) or a one-shot `send` (HTTP JSON hotlines) names the hotline's id.
    if (typeof entry.data?.hotlineReportId === 'string') {
      progress.hotlineReportId = entry.data.hotlineReportId;
    }
    const upload = /^upload:(\d+)$/.exec(step);
    if (upload && typeof entry.data?.fileId === 'string') {
      progress.fileIds[Number(upload[1])] = entry.data.fileId;
    }
  }
  return { steps, sent, progress };
}

/** True when a submit was sent (or may have been) and no answer was recorded. */
export function submitOutcomeUnknown(view: JournalView): boolean {
  const submit = view.steps.get('submit');
  return submit?.outcome === 'started' || submit?.outcome === 'unknown';
}
