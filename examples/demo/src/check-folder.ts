// checkUpload (issue 5): build a small list from some of the benign images,
// save it as a snapshot as `hashguard list import` would, then check every
// image in the folder and print the verdicts. Returns the blocked uploads, which
// report-match.ts forwards to the mock CyberTipline.
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type CheckEventMap,
  type CheckResult,
  createEventEmitter,
  createHashList,
  encodeSnapshot,
  packHashLists,
} from '@hashguard/sdk-core';
import { createUploadChecker, hashFile } from '@hashguard/sdk-node';

/** An upload the check blocked: where its bytes are, and the server-side result. */
export interface BlockedUpload {
  path: string;
  fileName: string;
  result: CheckResult;
}

export async function runCheckFolderDemo(imageDir: string): Promise<BlockedUpload[]> {
  const files = readdirSync(imageDir)
    .filter((name) => /\.(png|jpe?g|webp|gif)$/i.test(name))
    .sort();
  if (files.length < 2) return [];
  console.log('\nChecking the folder against a list built from two of its images');

  // The "list": the first image by its MD5 (an exact copy blocks), and the
  // next image with a usable PDQ (quality >= 50; flatter images are not
  // matched perceptually) by its PDQ only: it and visually similar images go
  // to review.
  const hashed = await Promise.all(files.map((name) => hashFile(join(imageDir, name))));
  const exact = hashed[0]!;
  const similar = hashed.slice(1).find((hashes) => hashes.quality >= 50) ?? hashed[1]!;
  const list = createHashList({
    listId: 'demo-list',
    version: '1',
    source: 'demo',
    entries: [
      { algorithm: 'md5', value: exact.md5, entryId: 'demo-1', category: 'demo' },
      { algorithm: 'pdq', value: similar.pdq, entryId: 'demo-2', category: 'demo' },
    ],
  });
  const dir = mkdtempSync(join(tmpdir(), 'hashguard-demo-'));
  const snapshotPath = join(dir, 'demo-list.hgsnap');
  writeFileSync(snapshotPath, encodeSnapshot(packHashLists([list])));

  // Server side, every decision is an audit event; the uploader only ever sees the verdict.
  const events = createEventEmitter<CheckEventMap>();
  let audited = 0;
  events.on('upload:checked', () => audited++);
  const checker = createUploadChecker({ snapshotPath, events, hash: { dihedral: true } });
  await checker.ready();

  const rows = [];
  const blocked: BlockedUpload[] = [];
  for (const name of files) {
    const path = join(imageDir, name);
    const result = await checker.checkUpload(path, { uploadId: name });
    if (result.verdict === 'block') blocked.push({ path, fileName: name, result });
    const best = result.matches[0];
    rows.push({
      file: name,
      verdict: result.verdict,
      match: best ? `${best.listId}/${best.entryId} ${best.algorithm} d=${best.distance}` : '',
      'check ms': result.timings.checkMs.toFixed(3),
    });
  }
  console.table(rows);
  console.log(`${audited} upload:checked events recorded for the audit log`);
  rmSync(dir, { recursive: true, force: true });
  return blocked;
}
