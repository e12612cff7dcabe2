import { describe, expect, it } from 'vitest';
import { TransportError } from '../../errors/transport-error';
import { createEventEmitter } from '../../events';
import type { TransportRequest } from '../../ports/transport';
import { createReportForwarder } from '../forwarding/create-report-forwarder';
import { createMemoryOutbox } from '../forwarding/memory-outbox';
import type { HotlineAdapter } from '../hotline-adapter';
import { parseIncidentReport } from '../report';
import type { ReportEventMap } from '../report-events';
import { minimalReport } from '../report-fixture';
import { utf8Encode } from '../web-platform';
import { createHttpJsonHotlineAdapter } from './http-json-adapter';
import { createReportRouter } from './report-router';

const stub = (name: string, acceptsFiles = true): HotlineAdapter => ({
  name,
  acceptsFiles,
  check: () => {},
  plan: () => [],
  runStep: async () => ({}),
});
const router = createReportRouter({
  cybertipline: stub('cybertipline'),
  nca: stub('nca'),
  iwf: stub('iwf', false),
  cybertipCa: stub('cybertip-ca'),
  inhope: stub('inhope-eco'),
  byCountry: { IE: [stub('hotline-ie')] },
});
const withUrl = { urls: [{ url: 'https://platform.example/p/1' }] };

describe('createReportRouter', () => {
  it.each([
    ['US', {}, ['cybertipline']],
    ['GB', {}, ['nca']],
    ['GB', withUrl, ['nca', 'iwf']],
    ['CA', {}, ['cybertip-ca']],
    ['DE', {}, ['inhope-eco']],
    ['IE', {}, ['hotline-ie']],
  ])('routes a %s report %j to %j', (country, extra, names) => {
    const report = parseIncidentReport(
      minimalReport({
        incident: {
          type: 'child-sexual-abuse-material',
          occurredAt: '2026-11-25T10:00:00Z',
          country,
        },
        ...extra,
      }),
    );
    expect(router.route(report).map((a) => a.name)).toEqual(names);
  });

  it('refuses a country no configured hotline covers, and a report without country or default', () => {
    const usOnly = createReportRouter({ cybertipline: stub('cybertipline') });
    const de = parseIncidentReport(
      minimalReport({
        incident: { type: 'online-enticement', occurredAt: '2026-11-25T10:00:00Z', country: 'DE' },
      }),
    );
    expect(() => usOnly.route(de)).toThrow(expect.objectContaining({ code: 'E_REPORT_INVALID' }));
    expect(() => usOnly.route(parseIncidentReport(minimalReport()))).toThrow(
      expect.objectContaining({ code: 'E_REPORT_INVALID' }),
    );
    expect(
      createReportRouter({ cybertipline: stub('cybertipline'), defaultCountry: 'US' }).route(
        parseIncidentReport(minimalReport()),
      ),
    ).toHaveLength(1);
  });
});

describe('createHttpJsonHotlineAdapter through the forwarder', () => {
  it('sends files to file hotlines and never to URL-only ones', async () => {
    const sent: TransportRequest[] = [];
    const transport = {
      send: async (request: TransportRequest) => {
        sent.push(request);
        return {
          status: 201,
          headers: {},
          body: utf8Encode(JSON.stringify({ id: `${sent.length}` })),
        };
      },
    };
    const nca = createHttpJsonHotlineAdapter({
      name: 'nca',
      url: 'https://nca.example/reports',
      acceptsFiles: true,
      authorization: 'Bearer t',
    });
    const iwf = createHttpJsonHotlineAdapter({
      name: 'iwf',
      url: 'https://iwf.example/urls',
      idempotencyHeader: 'Idempotency-Key',
    });
    const events = createEventEmitter<ReportEventMap>();
    const finished: string[] = [];
    events.on('report:finished', (e) => finished.push(`${e.destination}:${e.hotlineReportId}`));
    const forwarder = createReportForwarder({
      outbox: createMemoryOutbox(),
      transport,
      clock: { now: () => 1, sleep: async () => {} },
      router: createReportRouter({ nca, iwf }),
      loadFile: async () => new Uint8Array([1, 2, 3]),
      events,
    });
    const queued = await forwarder.forwardReport(
      minimalReport({
        incident: {
          type: 'child-sexual-abuse-material',
          occurredAt: '2026-11-25T10:00:00Z',
          country: 'GB',
        },
        ...withUrl,
      }),
    );
    expect(queued.map((q) => q.id)).toEqual(['case-1@nca', 'case-1@iwf']);
    await forwarder.drain();
    const requestTo = (host: string) => sent.find((request) => request.url.includes(host));
    const bodyOf = (request?: TransportRequest) =>
      JSON.parse(request?.body?.kind === 'text' ? request.body.text : '{}');
    const toNca = bodyOf(requestTo('nca.example'));
    const toIwf = bodyOf(requestTo('iwf.example'));
    expect(toNca.files).toHaveLength(1);
    expect(toNca.files[0].contentBase64).toBe('AQID');
    expect(requestTo('nca.example')?.headers?.authorization).toBe('Bearer t');
    expect(toIwf.files).toEqual([]);
    expect(toIwf.urls).toEqual(withUrl.urls);
    expect(requestTo('iwf.example')?.headers?.['idempotency-key']).toBe('case-1');
    // Each hotline's own id for the report, as its answer gave it.
    const idOf = (host: string) => String(sent.indexOf(requestTo(host)!) + 1);
    expect(finished.sort()).toEqual([`iwf:${idOf('iwf.example')}`, `nca:${idOf('nca.example')}`]);
  });

  it.each([
    [400, 'E_HOTLINE_REJECTED'],
    [401, 'E_HOTLINE_UNAUTHORIZED'],
    [429, 'E_HTTP_UNAVAILABLE'],
    [502, 'E_HTTP_STATUS'],
  ])('turns HTTP %i into %s', async (status, code) => {
    const adapter = createHttpJsonHotlineAdapter({
      name: 'inhope-x',
      url: 'https://hotline.example/r',
    });
    const context = {
      report: parseIncidentReport(minimalReport()),
      progress: { fileIds: {} },
      loadFile: async () => new Uint8Array(),
      transport: { send: async () => ({ status, headers: {}, body: new Uint8Array() }) },
    };
    await expect(adapter.runStep(adapter.plan(context.report)[0]!, context)).rejects.toMatchObject({
      code,
    });
  });

  it.each(['prod', 'Production', 'live', ''])(
    'refuses an environment other than test or production: %j',
    (environment) => {
      expect(() =>
        createHttpJsonHotlineAdapter({
          name: 'nca',
          url: 'https://nca.example/r',
          environment: environment as 'production',
        }),
      ).toThrow(expect.objectContaining({ name: 'ConfigError', code: 'E_INVALID_OPTIONS' }));
    },
  );

  it('keeps test and production endpoints apart', () => {
    const production = createHttpJsonHotlineAdapter({
      name: 'nca',
      url: 'https://nca.example/r',
      environment: 'production',
    });
    expect(() => production.check(parseIncidentReport(minimalReport({ testData: true })))).toThrow(
      expect.objectContaining({ code: 'E_ENVIRONMENT_MISMATCH' }),
    );
  });

  it('never resends a non-idempotent send whose answer was lost; a person settles it', async () => {
    let sends = 0;
    const transport = {
      send: async () => {
        sends++;
        throw new TransportError('E_NETWORK', 'connection reset');
      },
    };
    const inhope = createHttpJsonHotlineAdapter({
      name: 'inhope-x',
      url: 'https://hotline.example/r',
    });
    const forwarder = createReportForwarder({
      outbox: createMemoryOutbox(),
      transport,
      clock: { now: () => 1, sleep: async () => {} },
      adapter: inhope,
      loadFile: async () => new Uint8Array(),
    });
    await forwarder.forwardReport(minimalReport());
    await forwarder.drain();
    expect((await forwarder.status('case-1@inhope-x'))?.state).toBe('needs-attention');
    await forwarder.resolve('case-1@inhope-x', {
      hotlineReportId: 'HX-9',
      note: 'confirmed by phone',
    });
    await forwarder.drain();
    expect(sends).toBe(1);
    expect(await forwarder.status('case-1@inhope-x')).toMatchObject({
      state: 'finished',
      progress: { hotlineReportId: 'HX-9' },
    });
  });
});
