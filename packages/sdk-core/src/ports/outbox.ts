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
  /** Serialised report and destination; opaque to the store, never changed after enqueue. */
  payload: string;
  /** Journal of step outcomes in append order; the record's progress is folded from it. */
  journal: OutboxJournalEntry[];
  /** Failed attempts since the last step that succeeded. */
  attempts: number;
  createdAt: number;
  updatedAt: number;
  nextAttemptAt: number;
  /** Worker holding the lease, if any, and until when (ms since epoch). */
  leaseOwner?: string | undefined;
  leaseUntil?: number | undefined;
}

export interface OutboxJournalEntry {
  step: string;
  at: number;
  /**
   * `started` is written before a non-idempotent request is sent, so a crash
   * after sending leaves evidence that the outcome is unknown; `noted` records
   * a decision (a person's resolution, a retract request).
   */
  outcome: 'started' | 'succeeded' | 'failed' | 'unknown' | 'noted';
  data?: Record<string, unknown>;
}

/** The fields a journal append changes, written in the same transaction as the entry. */
export interface OutboxTransition {
  state: OutboxState;
  attempts: number;
  nextAttemptAt: number;
  /** The lease is extended to this instant (ms) so a long flow keeps its record. */
  leaseUntil: number;
}

/**
 * Durable storage for reports in flight. Every method that changes a record
 * must be durable when its promise resolves (a crash right after loses
 * nothing), and `append` must refuse a worker that no longer holds the lease
 * (`OutboxError` `E_OUTBOX_LEASE_LOST`), so two workers never run one report.
 */
export interface Outbox {
  /** Insert a new record; resolves `false` (and changes nothing) if the id already exists. */
  enqueue(record: Omit<OutboxRecord, 'leaseOwner' | 'leaseUntil'>): Promise<boolean>;
  get(id: string): Promise<OutboxRecord | undefined>;
  /**
   * Take up to `limit` runnable records due at `now` whose lease is free,
   * expired, or already `workerId`'s, leased to `workerId` until `leaseUntil`.
   */
  lease(workerId: string, now: number, leaseUntil: number, limit: number): Promise<OutboxRecord[]>;
  /**
   * Lease one record whatever its state or due time (for a person's action);
   * undefined if a worker holds it while it is runnable. A parked record
   * (not queued or in progress) can always be claimed: no worker runs it, and a
   * lease left on it by a worker killed before its release must not lock a
   * person out until the lease expires.
   */
  claim(
    workerId: string,
    id: string,
    now: number,
    leaseUntil: number,
  ): Promise<OutboxRecord | undefined>;
  /** Append a journal entry (if any) and apply the transition atomically, only while `workerId` holds the lease. */
  append(
    workerId: string,
    id: string,
    entry: OutboxJournalEntry | undefined,
    transition: OutboxTransition,
  ): Promise<void>;
  release(workerId: string, id: string): Promise<void>;
  list(filter?: { state?: OutboxState }): Promise<OutboxRecord[]>;
  close?(): Promise<void>;
}
