import { XMLParser } from 'fast-xml-parser';
import { HotlineError, type HotlineErrorCode } from '../../errors/hotline-error';
import { TransportError } from '../../errors/transport-error';
import { memoise } from '../../memoise';
import type { TransportResponse } from '../../ports/transport';
import { utf8Decode } from '../web-platform';

/** A parsed `<reportResponse>` or `<reportDoneResponse>`. */
export interface CyberTiplineResponse {
  responseCode: number;
  responseDescription?: string;
  reportId?: string;
  fileId?: string;
  /** MD5 of an uploaded file as NCMEC computed it. */
  hash?: string;
  /** `reportDoneResponse/files/fileId`. */
  fileIds: string[];
}

/**
 * responseCode values of the CyberTipline Reporting API documentation, as
 * public clients quote its table (0 success, 1000 server error, 2000
 * authentication required, 3100 no submission authorization, 4100
 * validation failed, 4110 malformed XML, 5001 report does not exist, 5101
 * already retracted, 5102 already finished). The API reports these as HTTP
 * 200 with a non-zero responseCode, so every 200 is checked. NCMEC calls the
 * table non-exhaustive, so unknown codes are classified by family.
 */
const RESPONSE_CODES: Record<number, HotlineErrorCode> = {
  1000: 'E_HOTLINE_SERVER',
  1100: 'E_HOTLINE_UNAUTHORIZED',
  2000: 'E_HOTLINE_UNAUTHORIZED',
  3100: 'E_HOTLINE_UNAUTHORIZED',
  4100: 'E_HOTLINE_INVALID_FIELD',
  4110: 'E_HOTLINE_BAD_XML',
  5001: 'E_HOTLINE_UNKNOWN_REPORT',
  5101: 'E_HOTLINE_ALREADY_RETRACTED',
  5102: 'E_HOTLINE_ALREADY_FINISHED',
};

const CODE_FAMILIES: Record<number, HotlineErrorCode> = {
  1: 'E_HOTLINE_SERVER',
  2: 'E_HOTLINE_UNAUTHORIZED',
  3: 'E_HOTLINE_UNAUTHORIZED',
  4: 'E_HOTLINE_INVALID_FIELD',
};

/** The sdk error code for a non-zero responseCode. */
export function hotlineErrorCodeFor(responseCode: number): HotlineErrorCode {
  return (
    RESPONSE_CODES[responseCode] ??
    CODE_FAMILIES[Math.floor(responseCode / 1000)] ??
    'E_HOTLINE_REJECTED'
  );
}

/** Created on first use (`memoise`), so bundles that never read a hotline response drop it. */
const responseParser = /* @__PURE__ */ memoise(
  () => new XMLParser({ ignoreAttributes: true, parseTagValue: false, trimValues: true }),
);

function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  return undefined;
}

/** Parses an answer; throws `TransportError` for HTTP-level failures and `HotlineError` for non-zero codes. */
export function parseCyberTiplineResponse(
  response: TransportResponse,
  action: string,
): CyberTiplineResponse {
  if (response.status === 401) {
    throw new HotlineError(
      'E_HOTLINE_UNAUTHORIZED',
      `CyberTipline ${action}: HTTP 401, the username or password was refused. Check the credentials NCMEC issued for this environment.`,
    );
  }
  if (response.status === 429 || response.status === 503) {
    throw new TransportError(
      'E_HTTP_UNAVAILABLE',
      `CyberTipline ${action}: HTTP ${response.status}; try again later.`,
    );
  }
  if (response.status !== 200) {
    throw new TransportError(
      'E_HTTP_STATUS',
      `CyberTipline ${action}: unexpected HTTP ${response.status}.`,
    );
  }
  let parsed: Record<string, unknown>;
  try {
    parsed = responseParser().parse(utf8Decode(response.body), true) as Record<string, unknown>;
  } catch (cause) {
    throw new TransportError(
      'E_RESPONSE_MALFORMED',
      `CyberTipline ${action}: the answer is not XML.`,
      { cause },
    );
  }
  const root = (parsed.reportResponse ?? parsed.reportDoneResponse) as
    | Record<string, unknown>
    | undefined;
  // Digits only: `Number('')` is 0, so an empty `<responseCode/>` would read as success.
  const codeText = text(root?.responseCode)?.trim();
  const code = codeText !== undefined && /^\d+$/.test(codeText) ? Number(codeText) : Number.NaN;
  if (!root || !Number.isSafeInteger(code)) {
    throw new TransportError(
      'E_RESPONSE_MALFORMED',
      `CyberTipline ${action}: the answer has no <reportResponse>/<responseCode>.`,
    );
  }
  const files = (root.files as Record<string, unknown> | undefined)?.fileId;
  const result: CyberTiplineResponse = {
    responseCode: code,
    responseDescription: text(root.responseDescription),
    reportId: text(root.reportId),
    fileId: text(root.fileId),
    hash: text(root.hash),
    fileIds: (Array.isArray(files) ? files : files === undefined ? [] : [files]).flatMap(
      (id) => text(id) ?? [],
    ),
  };
  if (code !== 0) {
    const errorCode = hotlineErrorCodeFor(code);
    throw new HotlineError(
      errorCode,
      `CyberTipline ${action} answered responseCode ${code}${
        result.responseDescription ? ` (${result.responseDescription})` : ''
      }.`,
      { cause: { responseCode: code, responseDescription: result.responseDescription } },
    );
  }
  return result;
}
