export { createUploadChecker, type UploadChecker, type UploadCheckerOptions } from './check-upload';
export {
  createMatchHandler,
  type MatchAnswer,
  type MatchClient,
  type MatchHandler,
  type MatchHandlerOptions,
} from './match-handler';
export { matchRequestSchema } from './match-request';
export { type NodeListenerOptions, toNodeListener } from './node-listener';
export type { RateLimitOptions } from './rate-limiter';
export type { UploadModel } from './upload-models';
