export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** Structured logging; fields carry ids and hashes, never image bytes or list contents. */
export interface Logger {
  log(level: LogLevel, message: string, fields?: Record<string, unknown>): void;
}
