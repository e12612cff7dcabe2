// Child process of report-crash.test.ts: forwards N reports through the
// sqlite outbox to the standalone mock CyberTipline, then works the outbox
// until nothing is runnable; the worker loop runs while reports are still
// being queued. The test SIGKILLs it at random instants and starts it again.
// Prints `ack <key>` once forwardReport() has resolved (the report is durably
// queued), `evt <event> <id>` for each report event (the test picks kill
// instants by these, so kills land in the flow whatever the machine's speed),
// and `idle` when nothing is left to run.
//
// It imports the built packages by name (the test runs after `pnpm run build`;
// `@hashguard/sdk-node` resolves to this package's own dist/ through its
// `exports`). The shared fixtures are TypeScript that Node runs by stripping
// the types.
import {
  createCyberTiplineAdapter,
  createEventEmitter,
  createReportForwarder,
} from '@hashguard/sdk-core';
import { createReportTransport, createSqliteOutbox } from '@hashguard/sdk-node';
import { loadSampleFile, realClock, sampleReport } from './report-fixtures.ts';

const [dbPath, baseUrl, countText] = process.argv.slice(2);
const count = Number(countText);
const seedOf = (key) => Number(key.replace(/\D/g, '')) || 1;
const outbox = createSqliteOutbox({ path: dbPath });
const events = createEventEmitter();
for (const name of [
  'report:submitted',
  'report:file-uploaded',
  'report:finished',
  'report:needs-attention',
]) {
  events.on(name, (event) => process.stdout.write(`evt ${name} ${event.id}\n`));
}
const forwarder = createReportForwarder({
  outbox,
  transport: createReportTransport({ timeoutMs: 5000 }),
  clock: realClock,
  adapter: createCyberTiplineAdapter({
    credentials: { username: 'hashguard-test', password: 'mock-password' },
    baseUrl,
  }),
  loadFile: loadSampleFile(seedOf),
  // A stable id: the restarted process takes back its own leases at once.
  workerId: 'crash-worker',
  concurrency: 8,
  baseBackoffMs: 5,
  maxBackoffMs: 50,
  maxAttempts: 50,
  pollIntervalMs: 10,
  events,
});
forwarder.start();

for (let i = 0; i < count; i++) {
  const key = `r-${i}`;
  await forwarder.forwardReport(sampleReport(key, 1 + (i % 2), seedOf(key)));
  process.stdout.write(`ack ${key}\n`);
}
for (;;) {
  await realClock.sleep(20);
  const runnable = [
    ...(await forwarder.list({ state: 'queued' })),
    ...(await forwarder.list({ state: 'in-progress' })),
  ];
  if (runnable.length === 0) break;
  await realClock.sleep(10);
}
await forwarder.stop();
process.stdout.write('idle\n');
await outbox.close();
