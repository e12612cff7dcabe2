import { createHash } from 'node:crypto';
import { expect } from 'vitest';
import { fixtureImage } from '../src/fixtures/fixture-images';
import { fileDetailsXml, reportXml } from '../src/fixtures/report-templates';
import { basic, READER, responseCode, type Transport, textAt, xml } from './transport';

/** A case states one behaviour, asserts it, and returns what it observed so msw and server can be compared. */
export interface ContractCase {
  name: string;
  run(t: Transport): Promise<unknown>;
}

const XML_HEADERS = { authorization: basic(), 'content-type': 'text/xml; charset=utf-8' };

export async function call(url: string, init: RequestInit = {}) {
  const response = await fetch(url, init);
  const body = await response.text();
  return { status: response.status, type: response.headers.get('content-type'), body };
}

export async function submit(t: Transport, body = reportXml()) {
  return call(`${t.urls.cybertipline}/submit`, { method: 'POST', headers: XML_HEADERS, body });
}

export async function openReport(t: Transport): Promise<number> {
  const { body } = await submit(t);
  return Number(textAt(xml(body), 'reportId'));
}

export async function upload(
  t: Transport,
  reportId: number,
  bytes = fixtureImage('checkerboard-64').bytes(),
) {
  const form = new FormData();
  form.set('id', String(reportId));
  form.set('file', new Blob([bytes], { type: 'image/png' }), 'checkerboard-64.png');
  return call(`${t.urls.cybertipline}/upload`, {
    method: 'POST',
    headers: { authorization: basic() },
    body: form,
  });
}

export async function formCall(t: Transport, route: 'finish' | 'retract', reportId: number) {
  return call(`${t.urls.cybertipline}/${route}`, {
    method: 'POST',
    headers: { authorization: basic() },
    body: new URLSearchParams({ id: String(reportId) }),
  });
}

export function expectCode(result: { status: number; body: string }, code: number) {
  expect(result.status).toBe(200);
  expect(responseCode(result.body)).toBe(code);
}

const shuffled = reportXml().replace(
  /(<incidentSummary>.*<\/incidentSummary>)(<reporter>.*<\/reporter>)/s,
  '$2$1',
);

export const cybertiplineCases: ContractCase[] = [
  {
    name: 'GET /status answers responseCode 0 naming the remote user',
    run: async (t) => {
      const result = await call(`${t.urls.cybertipline}/status`, {
        headers: { authorization: basic() },
      });
      expectCode(result, 0);
      expect(textAt(xml(result.body), 'responseDescription')).toContain(
        'Remote User : hashguard-test',
      );
      return result;
    },
  },
  {
    name: 'wrong Basic credentials get HTTP 401 with a challenge',
    run: async (t) => {
      const response = await fetch(`${t.urls.cybertipline}/status`, {
        headers: { authorization: basic({ username: 'hashguard-test', password: 'wrong' }) },
      });
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toMatch(/^Basic /);
      return { status: response.status, body: await response.text() };
    },
  },
  {
    name: 'missing credentials get HTTP 401',
    run: async (t) => {
      const result = await call(`${t.urls.cybertipline}/submit`, {
        method: 'POST',
        body: reportXml(),
      });
      expect(result.status).toBe(401);
      expect(t.hotline.reports()).toHaveLength(0);
      return result;
    },
  },
  {
    name: 'GET /xsd serves the schema subset as XSD',
    run: async (t) => {
      const result = await call(`${t.urls.cybertipline}/xsd`, {
        headers: { authorization: basic() },
      });
      expect(result.status).toBe(200);
      const schema = xml(result.body);
      expect(schema.name).toBe('xs:schema');
      expect(schema.children.map((c) => c.attributes.name)).toEqual(['report', 'fileDetails']);
      return result;
    },
  },
  {
    name: 'POST /submit opens a report and records the exact XML',
    run: async (t) => {
      const body = reportXml();
      const result = await submit(t, body);
      expectCode(result, 0);
      const reportId = Number(textAt(xml(result.body), 'reportId'));
      const [report] = t.hotline.reports();
      expect(report?.reportId).toBe(reportId);
      expect(report?.xml).toBe(body);
      expect(report?.status).toBe('open');
      return result;
    },
  },
  {
    name: 'POST /submit with malformed XML answers 4110 and records nothing',
    run: async (t) => {
      const result = await submit(t, '<report><incidentSummary></report>');
      expectCode(result, 4110);
      expect(t.hotline.reports()).toHaveLength(0);
      return result;
    },
  },
  {
    name: 'POST /submit with a DTD (entity expansion) answers 4110',
    run: async (t) => {
      const bomb =
        '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>' +
        '<report>&b;</report>';
      const result = await submit(t, bomb);
      expectCode(result, 4110);
      return result;
    },
  },
  {
    name: 'POST /submit with deeply nested XML answers 4110',
    run: async (t) => {
      const result = await submit(t, `${'<a>'.repeat(5000)}${'</a>'.repeat(5000)}`);
      expectCode(result, 4110);
      return result;
    },
  },
  {
    name: 'POST /submit with shuffled elements answers 4100 (XSD order)',
    run: async (t) => {
      const result = await submit(t, shuffled);
      expectCode(result, 4100);
      expect(textAt(xml(result.body), 'responseDescription')).toContain('out of order');
      expect(t.hotline.reports()).toHaveLength(0);
      return result;
    },
  },
  {
    name: 'POST /submit without the reporting person email answers 4100',
    run: async (t) => {
      const body = reportXml().replace(/<email>[^<]*<\/email>/, '');
      const result = await submit(t, body);
      expectCode(result, 4100);
      expect(textAt(xml(result.body), 'responseDescription')).toContain('required element <email>');
      return result;
    },
  },
  {
    name: 'POST /submit by a user without submission rights answers 3100',
    run: async (t) => {
      const result = await call(`${t.urls.cybertipline}/submit`, {
        method: 'POST',
        headers: { ...XML_HEADERS, authorization: basic(READER) },
        body: reportXml(),
      });
      expectCode(result, 3100);
      return result;
    },
  },
  {
    name: 'POST /upload stores the file and answers its fileId and the MD5 it computed',
    run: async (t) => {
      const reportId = await openReport(t);
      const bytes = fixtureImage('checkerboard-64').bytes();
      const result = await upload(t, reportId, bytes);
      expectCode(result, 0);
      const md5 = createHash('md5').update(bytes).digest('hex');
      expect(textAt(xml(result.body), 'hash')).toBe(md5);
      const fileId = textAt(xml(result.body), 'fileId');
      expect(fileId).toMatch(/^[0-9a-f]{32}$/);
      const [file] = t.hotline.files(reportId);
      expect(file?.fileId).toBe(fileId);
      expect(Buffer.from(file!.bytes).equals(Buffer.from(bytes))).toBe(true);
      expect(file?.fileName).toBe('checkerboard-64.png');
      return result;
    },
  },
  {
    name: 'POST /upload to an unknown report answers 5001',
    run: async (t) => {
      const result = await upload(t, 999);
      expectCode(result, 5001);
      return result;
    },
  },
  {
    name: 'POST /fileinfo records file details in schema order',
    run: async (t) => {
      const reportId = await openReport(t);
      const fileId = textAt(xml((await upload(t, reportId)).body), 'fileId')!;
      const details = fileDetailsXml({
        reportId,
        fileId,
        originalFileName: 'a.png',
        publiclyAvailable: false,
      });
      const result = await call(`${t.urls.cybertipline}/fileinfo`, {
        method: 'POST',
        headers: XML_HEADERS,
        body: details,
      });
      expectCode(result, 0);
      expect(t.hotline.files(reportId)[0]?.details?.xml).toBe(details);
      return result;
    },
  },
  {
    name: 'POST /fileinfo for a file of another report answers 4100',
    run: async (t) => {
      const reportId = await openReport(t);
      const result = await call(`${t.urls.cybertipline}/fileinfo`, {
        method: 'POST',
        headers: XML_HEADERS,
        body: fileDetailsXml({ reportId, fileId: 'f'.repeat(32) }),
      });
      expectCode(result, 4100);
      return result;
    },
  },
  {
    name: 'POST /fileinfo with elements out of order answers 4100',
    run: async (t) => {
      const reportId = await openReport(t);
      const body = `<fileDetails><fileId>x</fileId><reportId>${reportId}</reportId></fileDetails>`;
      const result = await call(`${t.urls.cybertipline}/fileinfo`, {
        method: 'POST',
        headers: XML_HEADERS,
        body,
      });
      expectCode(result, 4100);
      return result;
    },
  },
];
