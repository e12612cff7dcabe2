export type { Clock } from './clock';
export type { Digest, DigestAlgorithm, DigestState } from './digest';
export type { DecodeLimits, ImageDecoder, Pixels } from './image-decoder';
export type { ListStore } from './list-store';
export type { Logger, LogLevel } from './logger';
export type { Outbox, OutboxJournalEntry, OutboxRecord, OutboxState } from './outbox';
export type {
  Transport,
  TransportBody,
  TransportPart,
  TransportRequest,
  TransportResponse,
} from './transport';
