import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditRecord } from '../src/audit-log.ts';
import { loadDemoList } from '../src/demo-list.ts';
import {
  type ExamplePolicy,
  type ExampleServer,
  startExampleServer,
} from '../src/example-server.ts';

const DEMO = fileURLToPath(new URL('../demo/', import.meta.url));
/** Where the screenshots are written, for a person to look at (git-ignored). */
const RESULTS = fileURLToPath(new URL('../test-results/', import.meta.url));

/** Debian's Chromium, kept off the network; see packages/sdk-browser/test/support/launch-chromium.ts. */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const servers = {} as Record<ExamplePolicy, ExampleServer>;
const logLines: string[] = [];
/** Raw match request bodies as they reached the servers, oldest first. */
const matchBodies: string[] = [];
let profile: string;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  const log = (line: string) => logLines.push(line);
  const onMatchRequest = (body: string) => matchBodies.push(body);
  servers.block = await startExampleServer({ policy: 'block', log, onMatchRequest });
  // Same page, built once; only the backend's policy differs.
  servers['upload-for-review'] = await startExampleServer({
    policy: 'upload-for-review',
    buildPage: false,
    log,
    onMatchRequest,
  });
  profile = await mkdtemp(join(tmpdir(), 'hashguard-example-'));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.HASHGUARD_CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 820, height: 760 },
  });
  page = await context.newPage();
}, 120_000);

afterAll(async () => {
  await context?.close();
  await rm(profile, { recursive: true, force: true });
  await servers.block?.close();
  await servers['upload-for-review']?.close();
});

interface Picked {
  verdict: string;
  resultClass: string;
  progress: number;
  /** The hashes the page says it sent. */
  shownSent: string;
  /** The match request's body as it reached the server. */
  matchBody: string;
  matchCookie: string | undefined;
  /** The match endpoint's answer, as the browser received it. */
  matchAnswer: string;
  /** What the server recorded for this pick. */
  audit: AuditRecord[];
}

/** Loads the page fresh, picks a demo file as a user would, and waits for the result. */
async function pick(server: ExampleServer, name: string): Promise<Picked> {
  await page.goto(server.url);
  await page.waitForSelector('body[data-ready]');
  const auditBefore = server.audit.length;
  const bodiesBefore = matchBodies.length;
  const isMatch = (url: string) => new URL(url).pathname === '/api/match';
  const matchRequest = page.waitForRequest((r) => isMatch(r.url()));
  const matchResponse = page.waitForResponse((r) => isMatch(r.url()));
  await page.setInputFiles('#file', join(DEMO, name));
  await page.waitForSelector('body[data-checked]');
  const request = await matchRequest;
  const shown = await page.evaluate(() => ({
    verdict: document.getElementById('verdict')!.textContent ?? '',
    resultClass: document.getElementById('result')!.className,
    progress: (document.getElementById('progress') as HTMLProgressElement).value,
    shownSent: document.getElementById('hashes')!.textContent ?? '',
  }));
  return {
    ...shown,
    matchBody: matchBodies.slice(bodiesBefore).join('\n'),
    matchCookie: (await request.allHeaders()).cookie,
    matchAnswer: await (await matchResponse).text(),
    audit: server.audit.slice(auditBefore),
  };
}

async function screenshot(name: string): Promise<{ path: string; resultRgb: number[] }> {
  await mkdir(RESULTS, { recursive: true });
  const path = join(RESULTS, name);
  await page.screenshot({ path, fullPage: true });
  // Read the screenshot back: the colour inside the result box's right edge, where no text is.
  const box = (await page.locator('#result').boundingBox())!;
  const { data, info } = await sharp(path).raw().toBuffer({ resolveWithObject: true });
  expect(info.width).toBe(820);
  const i =
    (Math.round(box.y + box.height / 2) * info.width + Math.round(box.x + box.width - 6)) *
    info.channels;
  return { path, resultRgb: [data[i]!, data[i + 1]!, data[i + 2]!] };
}

const RED_BOX = [0xfd, 0xe8, 0xe8];
const GREEN_BOX = [0xe3, 0xf9, 0xe5];

describe("examples/browser-pre-upload, policy 'block'", () => {
  const server = () => servers.block;

  it('blocks the listed demo picture with a generic message, having sent hashes only', async () => {
    const picked = await pick(server(), 'listed-demo.png');
    expect(picked).toMatchObject({
      verdict: "This file can't be uploaded.",
      resultClass: 'result block',
      progress: 1,
    });
    const body = JSON.parse(picked.matchBody) as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(['md5', 'pdq', 'quality', 'sha1', 'sha256']);
    // The page shows what was sent, and it is the same body.
    expect(JSON.parse(picked.shownSent)).toEqual(body);
    // Authenticated by the demo session cookie; the answer is the verdict alone.
    expect(picked.matchCookie).toMatch(/^hashguard_demo_session=[0-9a-f-]{36}$/);
    expect(JSON.parse(picked.matchAnswer)).toEqual({ verdict: 'block' });
    // The server recorded the full match against the account, and no upload happened.
    expect(picked.audit).toEqual([
      expect.objectContaining({
        via: 'match-endpoint',
        answer: 'verdict',
        clientId: expect.stringMatching(/^demo-account-\d+$/),
        verdict: 'block',
        reason: 'match',
        matches: expect.arrayContaining([
          { listId: 'demo-list', entryId: 'demo-1-md5', algorithm: 'md5', distance: 0 },
          { listId: 'demo-list', entryId: 'demo-1-sha256', algorithm: 'sha256', distance: 0 },
          { listId: 'demo-list', entryId: 'demo-1-pdq', algorithm: 'pdq', distance: 0 },
        ]),
      }),
    ]);
  });

  it('blocks a re-encoded copy of it too (PDQ within the threshold, digests differ)', async () => {
    const picked = await pick(server(), 'listed-demo-recompressed.jpg');
    expect(picked).toMatchObject({ resultClass: 'result block' });
    // The policy says review for a PDQ match; the page's 'block' policy stops anything not allowed.
    expect(JSON.parse(picked.matchAnswer)).toEqual({ verdict: 'review' });
    expect(picked.audit).toHaveLength(1);
    expect(picked.audit[0]).toMatchObject({ verdict: 'review', reason: 'match' });
    expect(picked.audit[0]!.matches).toHaveLength(1);
    const [match] = picked.audit[0]!.matches;
    expect(match).toMatchObject({ entryId: 'demo-1-pdq', algorithm: 'pdq' });
    expect(match!.distance).toBeGreaterThan(0);
    expect(match!.distance).toBeLessThanOrEqual(31);
  });

  it('uploads an unlisted picture, which the server checks again and publishes', async () => {
    const published = server().uploads.published.size;
    const picked = await pick(server(), 'unlisted-demo.png');
    expect(picked).toMatchObject({ verdict: 'Uploaded.', resultClass: 'result allow' });
    expect(picked.audit.map((r) => [r.via, r.verdict])).toEqual([
      ['match-endpoint', 'allow'],
      ['upload', 'allow'],
    ]);
    expect(picked.audit[1]!.clientId).toBe(picked.audit[0]!.clientId);
    expect(server().uploads.published.has(picked.audit[1]!.uploadId!)).toBe(true);
    expect(server().uploads.published.size).toBe(published + 1);
  });

  it('refuses match and upload requests without a demo session with 401, recording nothing', async () => {
    const before = server().audit.length;
    const hashes = JSON.stringify({ md5: '0'.repeat(32) });
    for (const cookie of [undefined, 'hashguard_demo_session=not-a-session']) {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (cookie) headers.cookie = cookie;
      const match = await fetch(new URL('/api/match', server().url), {
        method: 'POST',
        headers,
        body: hashes,
      });
      expect(match.status).toBe(401);
      const upload = await fetch(new URL('/api/upload', server().url), {
        method: 'POST',
        headers,
        body: 'bytes',
      });
      expect(upload.status).toBe(401);
    }
    expect(server().audit.length).toBe(before);
  });

  it('screenshot after checking the listed file shows the progress bar full and the red result box', async () => {
    await pick(server(), 'listed-demo.png');
    const { resultRgb } = await screenshot('after-check-block.png');
    expect(resultRgb).toEqual(RED_BOX);
  });
});

describe("examples/browser-pre-upload, policy 'upload-for-review'", () => {
  const server = () => servers['upload-for-review'];

  it('shows the listed picture exactly like an unlisted one; the server quarantines it', async () => {
    const listed = await pick(server(), 'listed-demo.png');
    const unlisted = await pick(server(), 'unlisted-demo.png');
    // Nothing the page (or its network panel) sees differs, except the hashes themselves.
    for (const picked of [listed, unlisted]) {
      expect(picked).toMatchObject({
        verdict: 'Uploaded.',
        resultClass: 'result allow',
        progress: 1,
      });
      expect(picked.matchAnswer).toBe('{"verdict":"allow"}');
      expect(Object.keys(JSON.parse(picked.matchBody)).sort()).toEqual([
        'md5',
        'pdq',
        'quality',
        'sha1',
        'sha256',
      ]);
    }
    // The server knows: the pre-check recorded the real verdict, checkUpload held the file.
    expect(listed.audit.map((r) => [r.via, r.answer, r.verdict])).toEqual([
      ['match-endpoint', 'always-allow', 'block'],
      ['upload', undefined, 'block'],
    ]);
    expect(server().uploads.quarantined.has(listed.audit[1]!.uploadId!)).toBe(true);
    expect(unlisted.audit.map((r) => [r.via, r.verdict])).toEqual([
      ['match-endpoint', 'allow'],
      ['upload', 'allow'],
    ]);
    expect(server().uploads.published.has(unlisted.audit[1]!.uploadId!)).toBe(true);
    expect(server().uploads.quarantined.has(unlisted.audit[1]!.uploadId!)).toBe(false);
  });

  it('screenshot after checking the listed file shows the same green box as any upload', async () => {
    await pick(server(), 'listed-demo.png');
    const { resultRgb } = await screenshot('after-check-upload-for-review.png');
    expect(resultRgb).toEqual(GREEN_BOX);
  });
});

describe('the audit log', () => {
  it('names list entries and verdicts, never list contents', async () => {
    const list = await loadDemoList();
    expect(logLines.length).toBeGreaterThan(0);
    const all = logLines.join('\n');
    expect(all).toContain('demo-list/demo-1-md5 (md5, distance 0)');
    expect(all).toMatch(/verdict=block/);
    for (const entry of list.entries) expect(all).not.toContain(entry.value);
  });
});
