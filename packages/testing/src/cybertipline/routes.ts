import { createHash } from 'node:crypto';
import type { RouteContext, RouteDefinition } from '../core/route';
import { parseXml, type XmlElement, XmlSyntaxError } from '../xml/parse-xml';
import { el } from '../xml/write-xml';
import { findOpenReport, formField } from './report-lookup';
import { reportDoneResponse, reportResponse } from './responses';
import { FILE_DETAILS_SCHEMA, REPORT_SCHEMA } from './schema';
import type { ElementSpec } from './schema-types';
import { validateDocument } from './validate-document';
import { renderXsd } from './xsd-text';

const XSD_TEXT = renderXsd();

/** The CyberTipline Reporting API (`/ispws`), mounted on the test and production hosts. */
export const cybertiplineRoutes: RouteDefinition[] = [
  {
    id: 'cybertipline.status',
    method: 'GET',
    path: '/status',
    auth: 'basic',
    // The real service echoes who and where the caller is in responseDescription.
    handle: async (context) =>
      reportResponse('success', {
        detail: `Remote User : ${context.username}, Remote Ip Address : 127.0.0.1`,
      }),
  },
  {
    id: 'cybertipline.xsd',
    method: 'GET',
    path: '/xsd',
    auth: 'basic',
    handle: async () =>
      new Response(XSD_TEXT, { headers: { 'content-type': 'text/xml;charset=UTF-8' } }),
  },
  { id: 'cybertipline.submit', method: 'POST', path: '/submit', auth: 'basic', handle: submit },
  { id: 'cybertipline.upload', method: 'POST', path: '/upload', auth: 'basic', handle: upload },
  {
    id: 'cybertipline.fileinfo',
    method: 'POST',
    path: '/fileinfo',
    auth: 'basic',
    handle: fileinfo,
  },
  { id: 'cybertipline.finish', method: 'POST', path: '/finish', auth: 'basic', handle: finish },
  { id: 'cybertipline.retract', method: 'POST', path: '/retract', auth: 'basic', handle: retract },
];

async function readDocument(
  request: Request,
  schema: ElementSpec,
): Promise<{ xml: string; document: XmlElement } | { error: Response }> {
  const xml = await request.text();
  let document: XmlElement;
  try {
    document = parseXml(xml);
  } catch (error) {
    if (error instanceof XmlSyntaxError) {
      return { error: reportResponse('malformedXml', { detail: error.message }) };
    }
    throw error;
  }
  const violation = validateDocument(document, schema);
  if (violation) {
    return {
      error: reportResponse('validationFailed', {
        detail: `${violation.message} (${violation.path})`,
      }),
    };
  }
  return { xml, document };
}

async function submit(context: RouteContext): Promise<Response> {
  const credential = context.config.credentials.find((c) => c.username === context.username);
  if (credential?.canSubmit === false) return reportResponse('notAuthorized');
  const read = await readDocument(context.request, REPORT_SCHEMA);
  if ('error' in read) return read.error;
  const reportId = context.state.nextReportId++;
  const now = context.clock.now();
  context.state.reports.set(reportId, {
    reportId,
    environment: context.mount.environment,
    username: context.username,
    xml: read.xml,
    document: read.document,
    status: 'open',
    openedAt: now,
    lastModifiedAt: now,
    fileIds: [],
  });
  return reportResponse('success', { reportId });
}

async function upload(context: RouteContext): Promise<Response> {
  let form: FormData;
  try {
    form = await context.request.formData();
  } catch {
    return reportResponse('validationFailed', {
      detail: 'expected multipart/form-data with id and file',
    });
  }
  const id = form.get('id');
  const found = findOpenReport(context, typeof id === 'string' ? id : null);
  if ('error' in found) return found.error;
  const { report } = found;
  const file = form.get('file');
  if (!(file instanceof Blob)) {
    return reportResponse('validationFailed', {
      reportId: report.reportId,
      detail: 'file is required',
    });
  }
  if (file.size > context.config.cybertipline.maxUploadBytes) {
    return reportResponse('validationFailed', {
      reportId: report.reportId,
      detail: 'file too large',
    });
  }
  const bytes = new Uint8Array(await file.arrayBuffer());
  const md5 = createHash('md5').update(bytes).digest('hex');
  const fileId = context.random.hex(16);
  const now = context.clock.now();
  context.state.files.set(fileId, {
    fileId,
    reportId: report.reportId,
    fileName: file instanceof File ? file.name : 'file',
    contentType: file.type || 'application/octet-stream',
    bytes,
    md5,
    uploadedAt: now,
  });
  report.fileIds.push(fileId);
  report.lastModifiedAt = now;
  return reportResponse('success', {
    reportId: report.reportId,
    extra: [el('fileId', fileId), el('hash', md5)],
  });
}

async function fileinfo(context: RouteContext): Promise<Response> {
  const read = await readDocument(context.request, FILE_DETAILS_SCHEMA);
  if ('error' in read) return read.error;
  const reportIdText = read.document.children.find((c) => c.name === 'reportId')?.text;
  const fileId = read.document.children.find((c) => c.name === 'fileId')?.text ?? '';
  const found = findOpenReport(context, reportIdText);
  if ('error' in found) return found.error;
  const { report } = found;
  const file = context.state.files.get(fileId);
  if (!file || file.reportId !== report.reportId) {
    return reportResponse('validationFailed', {
      reportId: report.reportId,
      detail: `fileId ${fileId} was not uploaded to this report`,
    });
  }
  if (file.details) {
    return reportResponse('validationFailed', {
      reportId: report.reportId,
      detail: `file details for ${fileId} were already submitted`,
    });
  }
  file.details = { xml: read.xml, document: read.document };
  report.lastModifiedAt = context.clock.now();
  return reportResponse('success', { reportId: report.reportId });
}

async function finish(context: RouteContext): Promise<Response> {
  const found = findOpenReport(context, await formField(context.request, 'id'));
  if ('error' in found) return found.error;
  found.report.status = 'finished';
  found.report.finishedAt = context.clock.now();
  return reportDoneResponse(found.report.reportId, found.report.fileIds);
}

async function retract(context: RouteContext): Promise<Response> {
  const found = findOpenReport(context, await formField(context.request, 'id'));
  if ('error' in found) return found.error;
  found.report.status = 'retracted';
  return reportResponse('success', { reportId: found.report.reportId });
}
