import { createHotlineHandlers, FIXTURE_IMAGES, fixtureImage, textAt } from '@hashguard/testing';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { handleUpload, type PipelineConfig } from '../src/upload-pipeline';

// The mock answers on the real CyberTipline test host; msw refuses anything else.
const hotline = createHotlineHandlers();
const server = setupServer(...hotline.handlers);
// msw 3 renamed onUnhandledRequest to onUnhandledFrame; 'error' makes any other request fail.
beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterEach(() => hotline.reset());
afterAll(() => server.close());

const config: PipelineConfig = {
  listUrl: 'https://lists.hashguard.example/lists/hashes.json',
  cybertiplineUrl: 'https://exttest.cybertip.org/ispws',
  username: 'hashguard-test',
  password: 'mock-password',
  reporterEmail: 'trust-and-safety@platform.example',
};

const upload = (bytes: Uint8Array) => ({
  bytes,
  fileName: 'holiday.png',
  uploaderId: 'user-4711',
  uploaderIp: '198.51.100.7',
  uploadedAt: '2026-02-01T09:00:00Z',
});

describe('a matching upload', () => {
  it('is reported to the CyberTipline with the file, the uploader and the file details', async () => {
    const image = fixtureImage('checkerboard-64'); // on the mock's default hash list
    const result = await handleUpload(config, upload(image.bytes()));
    expect(result.matched).toBe(true);

    const [report] = hotline.reports();
    expect(report).toMatchObject({ status: 'finished', environment: 'test' });
    expect(String(report!.reportId)).toBe(result.matched && result.reportId);
    expect(textAt(report!.document, 'personOrUserReported/espIdentifier')).toBe('user-4711');
    expect(textAt(report!.document, 'personOrUserReported/ipCaptureEvent/ipAddress')).toBe(
      '198.51.100.7',
    );

    const [file] = hotline.files(report!.reportId);
    expect(file!.md5).toBe(image.hashes.md5);
    expect(file!.fileName).toBe('holiday.png');
    expect(textAt(file!.details!.document, 'fileViewedByEsp')).toBe('false');
  });
});

describe('an upload not on the list', () => {
  it('is not reported', async () => {
    const onList = new Set(FIXTURE_IMAGES.map((image) => image.hashes.md5));
    const bytes = new TextEncoder().encode('a benign text file, not an image on any list');
    const result = await handleUpload(config, upload(bytes));
    expect(result.matched).toBe(false);
    expect(onList.size).toBeGreaterThan(0);
    expect(hotline.reports()).toHaveLength(0);
  });
});

describe('when the CyberTipline loses the response to /submit', () => {
  it('the report exists at the hotline although the pipeline saw a failure', async () => {
    hotline.faults.add({ kind: 'lost-response', route: 'cybertipline.submit', times: 1 });
    await expect(
      handleUpload(config, upload(fixtureImage('gradient-64').bytes())),
    ).rejects.toThrow();
    // The case a durable outbox must reconcile instead of retrying blindly.
    expect(hotline.reports()).toHaveLength(1);
    expect(hotline.reports()[0]!.status).toBe('open');
  });
});

describe('the test setup', () => {
  it('lets no request reach a real network', async () => {
    await expect(fetch('https://report.cybertip.org/elsewhere')).rejects.toThrow();
    await expect(fetch('https://unrelated.example/')).rejects.toThrow();
  });
});
