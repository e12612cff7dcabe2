export { createHttpJsonHotlineAdapter, type HttpJsonHotlineOptions } from './http-json-adapter';
export { createReportRouter, type ReportRouterOptions } from './report-router';
