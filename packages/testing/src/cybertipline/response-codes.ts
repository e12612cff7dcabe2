import type { HotlineErrorCode } from '@hashguard/sdk-core';

/**
 * CyberTipline `responseCode`s the mock emits. As on the real service,
 * application errors come back as HTTP 200 with a non-zero responseCode;
 * failed HTTP Basic authentication is an HTTP 401 (the documentation's
 * 2000 "authentication required" is therefore never emitted by the mock).
 *
 * Numbers and meanings follow the code table of NCMEC's public "CyberTipline
 * Reporting API Technical Documentation" as quoted by public clients
 * (0 success, 1000 server error, 2000 authentication required, 3100 no
 * submission authorization, 4100 validation failed, 4110 malformed XML,
 * 5001 report does not exist, 5101 already retracted, 5102 already
 * finished). NCMEC calls its list non-exhaustive: clients should classify by
 * family (1xxx server, 2xxx/3xxx credentials, 4xxx our document, 5xxx report
 * state). `hotlineError` is the sdk-core error code a client should map it to.
 */
export const RESPONSE_CODES = {
  success: { code: 0, description: 'Success' },
  serverError: { code: 1000, description: 'Server error', hotlineError: 'E_HOTLINE_SERVER' },
  notAuthorized: {
    code: 3100,
    description: 'No submission authorization',
    hotlineError: 'E_HOTLINE_UNAUTHORIZED',
  },
  validationFailed: {
    code: 4100,
    description: 'Validation failed',
    hotlineError: 'E_HOTLINE_INVALID_FIELD',
  },
  malformedXml: { code: 4110, description: 'Malformed XML', hotlineError: 'E_HOTLINE_BAD_XML' },
  reportNotFound: {
    code: 5001,
    description: 'Report does not exist',
    hotlineError: 'E_HOTLINE_UNKNOWN_REPORT',
  },
  alreadyRetracted: {
    code: 5101,
    description: 'Report already retracted',
    hotlineError: 'E_HOTLINE_ALREADY_RETRACTED',
  },
  alreadyFinished: {
    code: 5102,
    description: 'Report already finished',
    hotlineError: 'E_HOTLINE_ALREADY_FINISHED',
  },
} as const satisfies Record<
  string,
  { code: number; description: string; hotlineError?: HotlineErrorCode }
>;

export type ResponseCodeName = keyof typeof RESPONSE_CODES;
