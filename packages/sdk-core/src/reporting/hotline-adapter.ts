import { isHashguardError } from '../errors/is-hashguard-error';
import type { Transport } from '../ports/transport';
import type { IncidentReport, ReportFile } from './report';

/**
 * How a step may be repeated when its outcome is unknown (request sent, no
 * answer recorded):
 * - `once`: never re-sent blindly; a person decides (CyberTipline `/submit`
 *   would open a second report).
 * - `confirmable`: re-sent, and the hotline's answer tells whether it had
 *   already happened (`/finish` answers 5102 "already finished").
 * - `retryable`: re-sending is harmless or only adds redundant data to a
 *   report that is still open (`/upload`, `/fileinfo`).
 */
export type StepDelivery = 'once' | 'confirmable' | 'retryable';

export interface HotlineStep {
  /** Stable id written to the journal, e.g. `submit`, `upload:0`, `finish`. */
  id: string;
  kind: 'submit' | 'upload' | 'fileinfo' | 'finish' | 'send';
  delivery: StepDelivery;
  /** Index into `report.files` for per-file steps. */
  fileIndex?: number;
}

/** What the journal says the hotline has done so far. */
export interface HotlineProgress {
  /** The hotline's id for the report, kept as soon as `submit` returns it. */
  hotlineReportId?: string;
  /** The hotline's file id per index into `report.files`. */
  fileIds: Record<number, string>;
}

export interface StepContext {
  report: IncidentReport;
  progress: HotlineProgress;
  transport: Transport;
  /** Bytes of one file, fetched from the member's storage at upload time. */
  loadFile(file: ReportFile): Promise<Uint8Array>;
  signal?: AbortSignal;
  /** True when this step was sent before and its outcome was never recorded. */
  resend?: boolean;
}

/** Data a step returns is journaled verbatim: `hotlineReportId` after submit, `fileId` after upload. */
export type StepResult = Record<string, unknown> & { hotlineReportId?: string; fileId?: string };

/** One hotline's API, driven step by step by the forwarder so each outcome is journaled. */
export interface HotlineAdapter {
  /** Destination name used by the router and in outbox ids, e.g. `cybertipline`. */
  readonly name: string;
  /** URL-only hotlines (IWF) never receive files; the router strips them. */
  readonly acceptsFiles: boolean;
  /** Refuses a report this adapter must never send (throws a typed error); called before queueing. */
  check(report: IncidentReport): void;
  plan(report: IncidentReport): HotlineStep[];
  runStep(step: HotlineStep, context: StepContext): Promise<StepResult>;
  /** Withdraws a report the hotline opened but that is not finished. */
  retract?(context: StepContext): Promise<void>;
}

/**
 * What a failed step means for the outbox:
 * - `rejected`: the hotline definitively refused; a person must fix the report.
 * - `not-processed`: nothing happened remotely; safe to try again later.
 * - `unknown`: the request may have been processed (timeout, dropped
 *   connection, unreadable answer).
 */
export type FailureKind = 'rejected' | 'not-processed' | 'unknown';

export function classifyFailure(error: unknown): FailureKind {
  // An untyped error (a member-supplied Transport's TypeError, say) says nothing about
  // whether the request reached the hotline: never assume it did not.
  if (!isHashguardError(error)) return 'unknown';
  switch (error.code) {
    case 'E_CONNECT_FAILED':
    case 'E_HTTP_UNAVAILABLE':
    // CyberTipline 1000: the server reports its own error, so nothing was stored.
    case 'E_HOTLINE_SERVER':
      return 'not-processed';
    case 'E_NETWORK':
    case 'E_TIMEOUT':
    case 'E_HTTP_STATUS':
    case 'E_RESPONSE_MALFORMED':
    case 'E_ABORTED':
      return 'unknown';
    default:
      return error.name === 'HotlineError' ||
        error.name === 'ConfigError' ||
        error.name === 'ReportError'
        ? 'rejected'
        : 'not-processed';
  }
}
