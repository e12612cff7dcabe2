import type { UploadCheckedEvent } from '@hashguard/sdk-core';

/** One line of the demo's audit log: ids and the verdict, never list contents or hashes. */
export interface AuditRecord {
  at: number;
  /** `match-endpoint` (the page's pre-check) or `upload` (checkUpload on the received file). */
  via: string;
  clientId: string;
  uploadId?: string;
  /** What the match endpoint told the page: `verdict`, or `always-allow` (told nothing). */
  answer?: string;
  verdict: UploadCheckedEvent['verdict'];
  reason: UploadCheckedEvent['reason'];
  matches: { listId: string; entryId: string; algorithm: string; distance: number }[];
}

/**
 * Turns `upload:checked` into an audit record. A platform would write it to
 * its own audit store; what it needs for its reporting duty is there (who,
 * when, which list entries, how close), and nothing the log must not hold.
 */
export function toAuditRecord(event: UploadCheckedEvent): AuditRecord {
  const { via, clientId, uploadId, answer } = event.context;
  return {
    at: event.at,
    via: String(via),
    clientId: String(clientId),
    ...(typeof uploadId === 'string' && { uploadId }),
    ...(typeof answer === 'string' && { answer }),
    verdict: event.verdict,
    reason: event.reason,
    matches: event.matches.map(({ listId, entryId, algorithm, distance }) => ({
      listId,
      entryId,
      algorithm,
      distance,
    })),
  };
}

export function formatAuditRecord(record: AuditRecord): string {
  const matches = record.matches
    .map((m) => `${m.listId}/${m.entryId} (${m.algorithm}, distance ${m.distance})`)
    .join(', ');
  return [
    `upload:checked via=${record.via}`,
    `client=${record.clientId}`,
    record.uploadId && `upload=${record.uploadId}`,
    record.answer && `answer=${record.answer}`,
    `verdict=${record.verdict}`,
    `reason=${record.reason}`,
    matches && `matches=[${matches}]`,
  ]
    .filter(Boolean)
    .join(' ');
}
