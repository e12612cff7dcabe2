/** State of one queued report in the durable outbox. */
export type OutboxState =
  | 'queued'
  | 'in-progress'
  | 'finished'
  | 'retracted'
  | 'failed'
  | 'needs-attention'
  | 'dead-lettered';

export interface OutboxRecord {
  id: string;
  state: OutboxState;
  /** Serialised report and adapter progress; opaque to the store. */
  payload: string;
  /** Journal of completed steps, appended before the next step starts. */
  journal: OutboxJournalEntry[];
  attempts: number;
  createdAt: number;
  updatedAt: number;
  nextAttemptAt: number;
}

export interface OutboxJournalEntry {
  step: string;
  at: number;
  outcome: 'started' | 'succeeded' | 'failed' | 'unknown';
  data?: Record<string, unknown>;
}

/**
 * Durable storage for reports in flight. Every method that changes a record
 * must be durable when its promise resolves.
 */
export interface Outbox {
  enqueue(record: OutboxRecord): Promise<void>;
  get(id: string): Promise<OutboxRecord | undefined>;
  /** Take up to `limit` due records for `workerId`, leased until `leaseUntil`. */
  lease(workerId: string, now: number, leaseUntil: number, limit: number): Promise<OutboxRecord[]>;
  /** Append a journal entry and update state, only while `workerId` holds the lease. */
  update(workerId: string, record: OutboxRecord): Promise<void>;
  release(workerId: string, id: string): Promise<void>;
  list(filter?: { state?: OutboxState }): Promise<OutboxRecord[]>;
}
