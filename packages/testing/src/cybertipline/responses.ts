import { xmlResponse } from '../core/route';
import { el, renderDocument, type XmlNode } from '../xml/write-xml';
import { RESPONSE_CODES, type ResponseCodeName } from './response-codes';

/**
 * `<reportResponse>` answers every call except `/finish`; errors arrive as
 * HTTP 200 with a non-zero responseCode (CyberTipline Reporting API
 * documentation), never as an HTTP error status.
 */
export function reportResponse(
  name: ResponseCodeName,
  fields: { reportId?: number | undefined; detail?: string; extra?: XmlNode[] } = {},
): Response {
  const { code, description } = RESPONSE_CODES[name];
  return reportResponseWithCode(code, description, fields);
}

/** `<reportResponse>` with any numeric code (fault injection uses codes outside the table). */
export function reportResponseWithCode(
  code: number,
  description: string,
  fields: { reportId?: number | undefined; detail?: string; extra?: XmlNode[] } = {},
): Response {
  const text = fields.detail ? `${description}: ${fields.detail}` : description;
  return xmlResponse(
    renderDocument(
      el('reportResponse', [
        el('responseCode', code),
        el('responseDescription', text),
        fields.reportId !== undefined && el('reportId', fields.reportId),
        ...(fields.extra ?? []),
      ]),
    ),
  );
}

/** `/finish` is the one call that answers with `<reportDoneResponse>`, listing the report's file ids. */
export function reportDoneResponse(reportId: number, fileIds: readonly string[]): Response {
  return xmlResponse(
    renderDocument(
      el('reportDoneResponse', [
        el('responseCode', RESPONSE_CODES.success.code),
        el('reportId', reportId),
        el(
          'files',
          fileIds.map((fileId) => el('fileId', fileId)),
        ),
      ]),
    ),
  );
}
