import { describe, expect, it } from 'vitest';
import type { TransportRequest, TransportResponse } from '../../ports/transport';
import { parseIncidentReport } from '../report';
import { minimalReport } from '../report-fixture';
import { utf8Decode, utf8Encode } from '../web-platform';
import { CYBERTIPLINE_BASE_URLS, createCyberTiplineAdapter } from './cybertipline-adapter';
import { parseCyberTiplineResponse } from './response';

const credentials = { username: 'user', password: 'pässword' };
const xml = (body: string, status = 200): TransportResponse => ({
  status,
  headers: {},
  body: utf8Encode(body),
});

describe('createCyberTiplineAdapter options', () => {
  it.each([
    [
      'production without the explicit opt-in',
      { environment: 'production' as const },
      'E_INVALID_OPTIONS',
    ],
    [
      'a base URL override in production',
      { environment: 'production' as const, allowProduction: true, baseUrl: 'http://127.0.0.1:1' },
      'E_ENVIRONMENT_MISMATCH',
    ],
    [
      'the test environment pointed at the production host',
      { baseUrl: 'https://report.cybertip.org/ispws' },
      'E_ENVIRONMENT_MISMATCH',
    ],
    ['missing credentials', { credentials: { username: '', password: '' } }, 'E_MISSING_OPTION'],
  ])('refuses %s', (_name, options, code) => {
    expect(() => createCyberTiplineAdapter({ credentials, ...options })).toThrow(
      expect.objectContaining({ code }),
    );
  });

  it.each([
    'https://report.cybertip.org/ispws',
    'https://REPORT.CYBERTIP.ORG/ispws',
    'https://report.cybertip.org:443/ispws',
    'https://report.cybertip.org./ispws',
    'https://report.cybertip.org../ispws',
    'https://report.cybertip.org\\ispws',
    'https:\\\\report.cybertip.org\\ispws',
    'https://user@report.cybertip.org/ispws',
    'https://report%2Ecybertip.org/ispws',
    ' https://report.cybertip.org/ispws',
  ])('refuses the production host in the test environment, spelled %j', (baseUrl) => {
    expect(() => createCyberTiplineAdapter({ credentials, baseUrl })).toThrow(
      expect.objectContaining({ name: 'ConfigError', code: 'E_ENVIRONMENT_MISMATCH' }),
    );
  });

  it.each([
    ['an environment spelled differently', { environment: 'prod' }],
    ['an environment in another case', { environment: 'Production' }],
    ['an empty environment', { environment: '' }],
    ['a base URL that does not parse', { baseUrl: 'report.cybertip.org/ispws' }],
    ['a base URL that is not http(s)', { baseUrl: 'ftp://127.0.0.1/ispws' }],
  ])('refuses %s with E_INVALID_OPTIONS', (_name, options) => {
    expect(() =>
      createCyberTiplineAdapter({
        credentials,
        allowProduction: true,
        ...(options as { environment?: 'test' }),
      }),
    ).toThrow(expect.objectContaining({ name: 'ConfigError', code: 'E_INVALID_OPTIONS' }));
  });

  it('keeps test and production apart: each refuses the other kind of report', () => {
    const test = createCyberTiplineAdapter({ credentials });
    const production = createCyberTiplineAdapter({
      credentials,
      environment: 'production',
      allowProduction: true,
    });
    const testReport = parseIncidentReport(minimalReport({ testData: true }));
    const realReport = parseIncidentReport(minimalReport({ testData: false }));
    expect(() => production.check(testReport)).toThrow(
      expect.objectContaining({ code: 'E_ENVIRONMENT_MISMATCH' }),
    );
    expect(() => test.check(realReport)).toThrow(
      expect.objectContaining({ code: 'E_ENVIRONMENT_MISMATCH' }),
    );
    expect(() => test.check(testReport)).not.toThrow();
    expect(() => production.check(realReport)).not.toThrow();
  });

  it('talks to the documented test host by default with HTTP Basic auth (UTF-8 credentials)', async () => {
    const sent: TransportRequest[] = [];
    const adapter = createCyberTiplineAdapter({ credentials });
    await adapter.runStep(
      { id: 'submit', kind: 'submit', delivery: 'once' },
      {
        report: parseIncidentReport(minimalReport()),
        progress: { fileIds: {} },
        loadFile: async () => new Uint8Array(),
        transport: {
          send: async (request) => {
            sent.push(request);
            return xml(
              '<reportResponse><responseCode>0</responseCode><reportId>12</reportId></reportResponse>',
            );
          },
        },
      },
    );
    expect(sent[0]?.url).toBe(`${CYBERTIPLINE_BASE_URLS.test}/submit`);
    // base64 of the UTF-8 bytes of 'user:pässword'
    expect(sent[0]?.headers?.authorization).toBe('Basic dXNlcjpww6Rzc3dvcmQ=');
    expect(sent[0]?.body).toMatchObject({ kind: 'text', contentType: 'text/xml; charset=utf-8' });
  });
});

describe('parseCyberTiplineResponse', () => {
  it.each([
    [1000, 'E_HOTLINE_SERVER'],
    [1100, 'E_HOTLINE_UNAUTHORIZED'],
    [2000, 'E_HOTLINE_UNAUTHORIZED'],
    [3100, 'E_HOTLINE_UNAUTHORIZED'],
    [4100, 'E_HOTLINE_INVALID_FIELD'],
    [4110, 'E_HOTLINE_BAD_XML'],
    [5001, 'E_HOTLINE_UNKNOWN_REPORT'],
    [5101, 'E_HOTLINE_ALREADY_RETRACTED'],
    [5102, 'E_HOTLINE_ALREADY_FINISHED'],
    [4999, 'E_HOTLINE_INVALID_FIELD'],
    [7000, 'E_HOTLINE_REJECTED'],
  ])('turns HTTP 200 with responseCode %i into HotlineError %s', (code, expected) => {
    const response = xml(
      `<reportResponse><responseCode>${code}</responseCode><responseDescription>why</responseDescription></reportResponse>`,
    );
    expect(() => parseCyberTiplineResponse(response, '/submit')).toThrow(
      expect.objectContaining({ name: 'HotlineError', code: expected }),
    );
  });

  it.each([
    [401, 'E_HOTLINE_UNAUTHORIZED'],
    [429, 'E_HTTP_UNAVAILABLE'],
    [503, 'E_HTTP_UNAVAILABLE'],
    [500, 'E_HTTP_STATUS'],
  ])('maps HTTP %i to %s', (status, expected) => {
    expect(() => parseCyberTiplineResponse(xml('', status), '/submit')).toThrow(
      expect.objectContaining({ code: expected }),
    );
  });

  it.each([
    '<reportResponse><responseCode/></reportResponse>',
    '<reportResponse><responseCode></responseCode><reportId>9</reportId></reportResponse>',
    '<reportResponse><responseCode>   </responseCode></reportResponse>',
    '<reportResponse><responseCode> 0x0 </responseCode></reportResponse>',
    '<reportResponse><responseCode>0.0</responseCode></reportResponse>',
    '<reportResponse><responseCode>-0</responseCode></reportResponse>',
    '<reportResponse><responseCode>1e3</responseCode></reportResponse>',
    '<reportResponse><reportId>9</reportId></reportResponse>',
  ])('refuses a responseCode that is not digits: %s', (body) => {
    expect(() => parseCyberTiplineResponse(xml(body), '/finish')).toThrow(
      expect.objectContaining({ name: 'TransportError', code: 'E_RESPONSE_MALFORMED' }),
    );
  });

  it('reads a responseCode with surrounding whitespace', () => {
    expect(
      parseCyberTiplineResponse(
        xml('<reportResponse><responseCode>\n 0 \n</responseCode></reportResponse>'),
        '/finish',
      ).responseCode,
    ).toBe(0);
  });

  it('reads reportDoneResponse file ids and refuses a body without responseCode', () => {
    const done = parseCyberTiplineResponse(
      xml(
        '<reportDoneResponse><responseCode>0</responseCode><reportId>1</reportId><files><fileId>a</fileId><fileId>b</fileId></files></reportDoneResponse>',
      ),
      '/finish',
    );
    expect(done.fileIds).toEqual(['a', 'b']);
    expect(() => parseCyberTiplineResponse(xml('<html>oops</html>'), '/finish')).toThrow(
      expect.objectContaining({ code: 'E_RESPONSE_MALFORMED' }),
    );
    expect(utf8Decode(utf8Encode('é'))).toBe('é');
  });
});
