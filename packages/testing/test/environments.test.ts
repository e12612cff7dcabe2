import { setupServer } from 'msw/node';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { reportXml } from '../src/fixtures/report-templates';
import { createHotlineHandlers } from '../src/handlers/create-hotline-handlers';
import { basic, responseCode, textAt, xml } from './transport';

const hotline = createHotlineHandlers();
const server = setupServer(...hotline.handlers);
beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterAll(() => server.close());

it('keeps test and production apart: a report opened on exttest does not exist on report.cybertip.org', async () => {
  const opened = await fetch('https://exttest.cybertip.org/ispws/submit', {
    method: 'POST',
    headers: { authorization: basic(), 'content-type': 'text/xml' },
    body: reportXml(),
  });
  const reportId = textAt(xml(await opened.text()), 'reportId')!;
  const finish = (host: string) =>
    fetch(`https://${host}/ispws/finish`, {
      method: 'POST',
      headers: { authorization: basic() },
      body: new URLSearchParams({ id: reportId }),
    }).then((response) => response.text());
  expect(responseCode(await finish('report.cybertip.org'))).toBe(5001);
  expect(responseCode(await finish('exttest.cybertip.org'))).toBe(0);
  expect(hotline.reports()).toMatchObject([{ environment: 'test', status: 'finished' }]);
});
