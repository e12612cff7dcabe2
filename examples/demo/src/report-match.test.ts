import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CheckResult } from '@hashguard/sdk-core';
import { fixtureImage } from '@hashguard/testing';
import { afterEach, expect, it, vi } from 'vitest';
import type { BlockedUpload } from './check-folder.ts';
import { runReportMatchDemo } from './report-match.ts';

const demoTempDirs = () =>
  readdirSync(tmpdir()).filter((n) => n.startsWith('hashguard-demo-report-'));

let imageDir: string | undefined;
afterEach(() => {
  vi.restoreAllMocks();
  if (imageDir) rmSync(imageDir, { recursive: true, force: true });
});

it('forwards a blocked upload to the mock CyberTipline, prints the report id and cleans up', async () => {
  imageDir = mkdtempSync(join(tmpdir(), 'hashguard-demo-test-'));
  const bytes = fixtureImage('stripes-96x64').bytes();
  const path = join(imageDir, 'stripes.png');
  writeFileSync(path, bytes);
  const md5 = createHash('md5').update(bytes).digest('hex');
  const result = {
    verdict: 'block',
    hashes: { md5 },
    matches: [{ listId: 'demo-list', entryId: 'demo-1', algorithm: 'md5', distance: 0 }],
  } as unknown as CheckResult;
  const blocked: BlockedUpload[] = [{ path, fileName: 'stripes.png', result }];
  const tempBefore = demoTempDirs();
  const lines: string[] = [];
  vi.spyOn(console, 'log').mockImplementation((line: string) => lines.push(line));

  await runReportMatchDemo(blocked);

  const events = lines.filter((l) => l.includes('event ')).map((l) => l.trim().split(' ')[1]);
  expect(events).toEqual([
    'report:queued',
    'report:submitted',
    'report:file-uploaded',
    'report:finished',
  ]);
  const submittedId = lines.find((l) => l.includes('report:submitted'))?.match(/(\d+)$/)?.[1];
  expect(submittedId).toBeDefined();
  expect(lines).toContain(`  CyberTipline report id: ${submittedId}`);
  expect(lines).toContain('  the mock holds it as finished, with 1 file (MD5 agrees)');
  expect(lines.join('\n')).not.toContain(md5);
  expect(demoTempDirs()).toEqual(tempBefore);
});

it('says so and reports nothing when no upload was blocked', async () => {
  const lines: string[] = [];
  vi.spyOn(console, 'log').mockImplementation((line: string) => lines.push(line));
  await runReportMatchDemo([]);
  expect(lines.at(-1)).toBe('  no upload was blocked: nothing to report');
});
