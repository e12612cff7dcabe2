export { DEFAULT_CREDENTIALS, type MockCredential } from './core/basic-auth';
export { createManualClock, type ManualClock, type MockClock } from './core/clock';
export type { MockHotlinesOptions } from './core/config';
export {
  createMockHotlines,
  type MockHotlines,
  type MockOutcome,
} from './core/create-mock-hotlines';
export { REAL_MOUNTS } from './core/mounts';
export type { Mount } from './core/route';
export * from './cybertipline/index';
export type { FaultController, FaultKind, FaultRule } from './faults';
export * from './fixtures/index';
export {
  createHotlineHandlers,
  type HotlineHandlers,
  type HotlineHandlersOptions,
} from './handlers/create-hotline-handlers';
export * from './hash-sharing/index';
export * from './lists/index';
export {
  type MockHotlinesServer,
  type StartMockHotlinesOptions,
  startMockHotlines,
} from './server/start-mock-hotlines';
export type {
  HotlineState,
  ReceivedFeedback,
  ReceivedFile,
  ReceivedReport,
  ReportStatus,
} from './state';
export { parseXml, textAt, type XmlElement, XmlSyntaxError } from './xml/parse-xml';
