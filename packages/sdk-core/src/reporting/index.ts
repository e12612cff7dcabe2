export {
  CYBERTIPLINE_BASE_URLS,
  type CyberTiplineAdapterOptions,
  createCyberTiplineAdapter,
} from './cybertipline/cybertipline-adapter';
export {
  buildFileDetailsXml,
  buildReportXml,
  type ReportXmlOptions,
} from './cybertipline/report-xml';
export { type CyberTiplineResponse, parseCyberTiplineResponse } from './cybertipline/response';
export * from './evidence/index';
export {
  createReportForwarder,
  type QueuedReport,
  type ReportForwarder,
  type ReportStatus,
} from './forwarding/create-report-forwarder';
export type { ReportForwarderOptions, ReportRouter } from './forwarding/forwarder-config';
export { foldJournal, type JournalView } from './forwarding/journal-view';
export { createMemoryOutbox, RUNNABLE_STATES } from './forwarding/memory-outbox';
export type { ReportControls, SubmitResolution } from './forwarding/report-controls';
export {
  classifyFailure,
  type FailureKind,
  type HotlineAdapter,
  type HotlineProgress,
  type HotlineStep,
  type StepContext,
  type StepDelivery,
  type StepResult,
} from './hotline-adapter';
export {
  getIncidentReportSchema,
  INCIDENT_TYPES,
  type IncidentReport,
  type IncidentReportInput,
  type IncidentType,
  type IpEvent,
  parseIncidentReport,
  type ReportFile,
  type ReportPerson,
} from './report';
export type { ReportEventBase, ReportEventMap } from './report-events';
export * from './routing/index';
