import type { HashSharingEntry } from './hash-sharing/entry';
import type { XmlElement } from './xml/parse-xml';

/** A file uploaded to a CyberTipline report, as the mock received it. */
export interface ReceivedFile {
  fileId: string;
  reportId: number;
  fileName: string;
  contentType: string;
  bytes: Uint8Array;
  /** MD5 the mock computed over the received bytes (what `/upload` answers with). */
  md5: string;
  uploadedAt: number;
  /** The `<fileDetails>` document sent to `/fileinfo`, once it was. */
  details?: { xml: string; document: XmlElement };
}

export type ReportStatus = 'open' | 'finished' | 'retracted' | 'expired';

/** A CyberTipline report as the mock received it. */
export interface ReceivedReport {
  reportId: number;
  /** `test` (exttest.cybertip.org), `production` (report.cybertip.org) or `local` (standalone server). */
  environment: string;
  username: string;
  /** The exact `<report>` XML posted to `/submit`. */
  xml: string;
  document: XmlElement;
  status: ReportStatus;
  openedAt: number;
  lastModifiedAt: number;
  finishedAt?: number;
  fileIds: string[];
}

/** Feedback a member sent on a hash-sharing entry. */
export interface ReceivedFeedback {
  entryId: string;
  memberId: number;
  memberName: string;
  fingerprintType: string;
  affirmative: boolean;
  reasonIds: string[];
  /** Reason guid → name, as the reasons endpoint listed them. */
  reasonNames: Record<string, string>;
  xml: string;
}

/**
 * The one in-memory state both transports share. Tests read it through
 * `hotline.reports()` / `hotline.files()`; routes mutate it.
 */
export interface HotlineState {
  reports: Map<number, ReceivedReport>;
  files: Map<string, ReceivedFile>;
  feedback: ReceivedFeedback[];
  /** The hash-sharing entries served by `/v2/entries`; tests may add or delete. */
  hashSharingEntries: HashSharingEntry[];
  nextReportId: number;
  /** Every request the mock answered or dropped, in order: `route` is the route id. */
  requests: { route: string; method: string; outcome: string }[];
}

export const FIRST_REPORT_ID = 4_564_654;

export function createHotlineState(hashSharingEntries: HashSharingEntry[] = []): HotlineState {
  return {
    reports: new Map(),
    files: new Map(),
    feedback: [],
    hashSharingEntries,
    nextReportId: FIRST_REPORT_ID,
    requests: [],
  };
}

export function resetHotlineState(
  state: HotlineState,
  hashSharingEntries: HashSharingEntry[],
): void {
  state.reports.clear();
  state.hashSharingEntries = hashSharingEntries;
  state.files.clear();
  state.feedback.length = 0;
  state.requests.length = 0;
  state.nextReportId = FIRST_REPORT_ID;
}
