export { createPgOutbox, type PgOutboxOptions, type PgQueryable } from './pg-outbox';
export { createReportTransport, type ReportTransportOptions } from './report-transport';
export {
  createSqliteEvidenceStore,
  type SqliteEvidenceStoreOptions,
} from './sqlite-evidence-store';
export { createSqliteOutbox, type SqliteOutboxOptions } from './sqlite-outbox';
export { createSystemClock } from './system-clock';
