import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { feedbackReasonsFor } from '../src/hash-sharing/feedback-reasons';
import { type MockHotlinesServer, startMockHotlines } from '../src/server/start-mock-hotlines';

const run = promisify(execFile);
const python = await run('python3', ['--version']).then(
  () => true,
  () => false,
);

// Syncs from the standalone server with a Python script that follows the
// parsing rules of Meta's python-threatexchange NCMEC client (see the script's
// docstring). Skipped where no python3 is installed.
describe.skipIf(!python)('hash sharing, read the way python-threatexchange reads it', () => {
  let server: MockHotlinesServer;
  beforeAll(async () => {
    server = await startMockHotlines({ port: 0, seed: 11, hashSharing: { sampleSize: 2100 } });
  });
  afterAll(() => server.close());

  it('parses status, every page of entries and the feedback reasons', async () => {
    const script = join(import.meta.dirname, 'threatexchange-parse.py');
    const { stdout } = await run('python3', [
      script,
      server.urls.hashSharing,
      'hashguard-test',
      'mock-password',
    ]);
    expect(JSON.parse(stdout)).toEqual({
      member: [1001, 'Hashguard Mock Member'],
      pages: [1000, 1000, 100],
      entries: 2100,
      reasons: feedbackReasonsFor('MD5').map((reason) => reason.guid),
    });
  });
});
