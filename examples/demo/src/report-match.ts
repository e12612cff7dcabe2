// Report forwarding (issue 7): the first upload the check blocked is reported
// to the mock CyberTipline that @hashguard/testing runs on loopback, through
// the durable forwarder (sqlite outbox in a temp dir), and the demo prints
// the report id the mock answered with. Nothing here reaches a real hotline.
import { mkdtempSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import {
  createCyberTiplineAdapter,
  createEventEmitter,
  createReportForwarder,
  type IncidentReportInput,
  type ReportEventMap,
} from '@hashguard/sdk-core';
import { createReportTransport, createSqliteOutbox, createSystemClock } from '@hashguard/sdk-node';
import { DEFAULT_CREDENTIALS, startMockHotlines } from '@hashguard/testing';
import type { BlockedUpload } from './check-folder.ts';

const CONTENT_TYPES: Record<string, string> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.gif': 'image/gif',
};

/** The incident a member's moderation pipeline would file for an upload blocked by a list match. */
function incidentFor(upload: BlockedUpload, reportKey: string): IncidentReportInput {
  const { md5, sha1, sha256, pdq } = upload.result.hashes;
  const now = new Date().toISOString();
  return {
    reportKey,
    // The demo talks to the mock's test environment, which takes only reports flagged as test data.
    testData: true,
    incident: { type: 'child-sexual-abuse-material', occurredAt: now, country: 'US' },
    reportedAccount: {
      accountId: 'demo-user-1',
      screenName: 'demo_uploader',
      // 192.0.2.0/24 is TEST-NET-1 (RFC 5737): documentation only, nobody's address.
      ips: [{ address: '192.0.2.10', at: now, event: 'upload' }],
    },
    files: [
      {
        fileKey: upload.fileName,
        fileName: upload.fileName,
        contentType: CONTENT_TYPES[extname(upload.fileName).toLowerCase()],
        hashes: { md5, sha1, sha256, pdq },
        matches: upload.result.matches.map((match) => ({
          list: match.listId,
          algorithm: match.algorithm,
          distance: match.distance,
          entryId: match.entryId,
        })),
        // false: the upload was blocked automatically by a hash match and nobody
        // looked at it. Only a human review may say true (for NCMEC, law
        // enforcement may need a warrant to open a file the provider never viewed).
        viewedByMember: false,
        uploadedAt: now,
      },
    ],
    reporter: {
      person: { firstName: 'Demo', email: 'trust-and-safety@platform.example' },
      company: 'Example Platform',
    },
    additionalInfo: 'Hashguard demo: a benign synthetic image that matched the demo list.',
  };
}

export async function runReportMatchDemo(blocked: readonly BlockedUpload[]): Promise<void> {
  const upload = blocked[0];
  console.log('\nReporting the blocked upload to a mock CyberTipline');
  if (!upload) {
    console.log('  no upload was blocked: nothing to report');
    return;
  }

  const mock = await startMockHotlines({ port: 0 });
  const dir = mkdtempSync(join(tmpdir(), 'hashguard-demo-report-'));
  const outbox = createSqliteOutbox({ path: join(dir, 'outbox.db') });
  try {
    const events = createEventEmitter<ReportEventMap>();
    events.on('report:queued', (e) => console.log(`  event report:queued ${e.id}`));
    events.on('report:submitted', (e) =>
      console.log(`  event report:submitted hotline report ${e.hotlineReportId}`),
    );
    events.on('report:file-uploaded', (e) =>
      console.log(`  event report:file-uploaded ${e.fileKey} as file ${e.fileId}`),
    );
    events.on('report:finished', (e) =>
      console.log(`  event report:finished hotline report ${e.hotlineReportId}`),
    );
    for (const name of ['report:failed', 'report:dead-lettered', 'report:needs-attention'] as const)
      events.on(name, (e) => console.log(`  event ${name} at step ${e.step}`));

    const paths = new Map([[upload.fileName, upload.path]]);
    const forwarder = createReportForwarder({
      outbox,
      transport: createReportTransport({ timeoutMs: 5000 }),
      clock: createSystemClock(),
      adapter: createCyberTiplineAdapter({
        credentials: {
          username: DEFAULT_CREDENTIALS[0]!.username,
          password: DEFAULT_CREDENTIALS[0]!.password,
        },
        environment: 'test',
        baseUrl: mock.urls.cybertipline,
        timeoutMs: 5000,
      }),
      // Fetched from the member's storage at upload time, so a restarted worker can upload too.
      loadFile: async (file) => {
        const path = paths.get(file.fileKey);
        if (!path) throw new Error(`the demo has no file ${file.fileKey}`);
        return readFile(path);
      },
      events,
      workerId: 'demo',
    });

    console.log(`  ${upload.fileName} → ${mock.urls.cybertipline} (test environment)`);
    const reportKey = `demo-${upload.fileName.replace(/[^A-Za-z0-9._:-]/g, '-')}`;
    const [queued] = await forwarder.forwardReport(incidentFor(upload, reportKey));
    await forwarder.drain();

    const status = queued && (await forwarder.status(queued.id));
    const reportId = status?.progress.hotlineReportId;
    if (status?.state !== 'finished' || !reportId) {
      throw new Error(`the demo report did not finish: it is ${status?.state ?? 'missing'}`);
    }
    const atMock = mock.reports().find((report) => String(report.reportId) === reportId);
    const filesAtMock = mock.files(Number(reportId));
    const md5Agrees = filesAtMock[0]?.md5 === upload.result.hashes.md5;
    console.log(`  CyberTipline report id: ${reportId}`);
    console.log(
      `  the mock holds it as ${atMock?.status}, with ${filesAtMock.length} file (MD5 ${md5Agrees ? 'agrees' : 'differs'})`,
    );
  } finally {
    await outbox.close();
    await mock.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
