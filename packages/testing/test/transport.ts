import { setupServer } from 'msw/node';
import { createManualClock, type ManualClock } from '../src/core/clock';
import type { MockHotlinesOptions } from '../src/core/config';
import type { MockHotlines } from '../src/core/create-mock-hotlines';
import { createHotlineHandlers } from '../src/handlers/create-hotline-handlers';
import { startMockHotlines } from '../src/server/start-mock-hotlines';
import { parseXml, textAt, type XmlElement } from '../src/xml/parse-xml';

/** One way of reaching the mock: msw interception or the standalone server. */
export interface Transport {
  name: 'msw' | 'server';
  hotline: MockHotlines;
  clock: ManualClock;
  urls: { cybertipline: string; hashSharing: string; lists: string; photoDna: string };
  stop(): Promise<void>;
}

export const SUBMITTER = { username: 'hashguard-test', password: 'mock-password' };
export const READER = { username: 'hash-reader', password: 'reader-password', canSubmit: false };

export function options(clock: ManualClock): MockHotlinesOptions {
  return {
    seed: 7,
    clock,
    credentials: [SUBMITTER, READER],
    hashSharing: { sampleSize: 2300 },
    photoDna: { matchingMd5s: ['7ee31cd2ca266d0497c2f097c8095388'] },
    hangMs: 5000,
  };
}

export async function startMsw(): Promise<Transport> {
  const clock = createManualClock();
  const hotline = createHotlineHandlers(options(clock));
  const server = setupServer(...hotline.handlers);
  // msw 3 renamed msw 2's onUnhandledRequest to onUnhandledFrame.
  server.listen({ onUnhandledFrame: 'error' });
  return {
    name: 'msw',
    hotline,
    clock,
    urls: {
      cybertipline: 'https://exttest.cybertip.org/ispws',
      hashSharing: 'https://exttest.cybertip.org/hashsharing',
      lists: 'https://lists.hashguard.example/lists',
      photoDna: 'https://photodna.hashguard.example/photodna',
    },
    stop: async () => server.close(),
  };
}

export async function startServer(): Promise<Transport> {
  const clock = createManualClock();
  const server = await startMockHotlines({ ...options(clock), port: 0 });
  return { name: 'server', hotline: server, clock, urls: server.urls, stop: () => server.close() };
}

export function basic(user: { username: string; password: string } = SUBMITTER): string {
  return `Basic ${btoa(`${user.username}:${user.password}`)}`;
}

export function xml(body: string): XmlElement {
  return parseXml(body);
}

export function responseCode(body: string): number {
  return Number(textAt(parseXml(body), 'responseCode'));
}

export { textAt };
