// Child process of report-crash.test.ts: forwards N reports through the
// sqlite outbox to the standalone mock CyberTipline, then works the outbox
// until nothing is runnable; the worker loop runs while reports are still
// being queued. The test SIGKILLs it at random instants and starts it again.
// Prints `ack <key>` once forwardReport() has resolved (the report is durably
// queued), `evt <event> <id>` for each report event (the test picks kill
// instants by these, so kills land in the flow whatever the machine's speed),
// and `idle` when nothing is left to run.
//
// It runs sdk-node's TypeScript sources directly (Node strips the types), so
// the test does not depend on a fresh build of sdk-node. sdk-core comes from
// a snapshot of its built dist that the test takes once (HASHGUARD_CORE_SNAPSHOT),
// because other work may rebuild (and briefly delete) dist/ while the test
// restarts this process dozens of times.
import { registerHooks } from 'node:module';
import { pathToFileURL } from 'node:url';

const snapshot = process.env.HASHGUARD_CORE_SNAPSHOT;
const snapshotUrl = snapshot ? pathToFileURL(`${snapshot}/`).href : undefined;
const coreDistUrl = new URL('../node_modules/@hashguard/sdk-core/package.json', import.meta.url)
  .href;

registerHooks({
  resolve(specifier, context, next) {
    if (snapshotUrl && specifier === '@hashguard/sdk-core') {
      return { url: new URL('index.js', snapshotUrl).href, shortCircuit: true };
    }
    if (snapshotUrl && context.parentURL?.startsWith(snapshotUrl) && !specifier.startsWith('.')) {
      // The snapshot's own dependencies (zod, fast-xml-parser) resolve from sdk-core's place.
      return next(specifier, { ...context, parentURL: coreDistUrl });
    }
    try {
      return next(specifier, context);
    } catch (error) {
      if (specifier.startsWith('.') && !/\.[cm]?[jt]s$/.test(specifier))
        return next(`${specifier}.ts`, context);
      throw error;
    }
  },
});

const [dbPath, baseUrl, countText] = process.argv.slice(2);
const count = Number(countText);
const { createCyberTiplineAdapter, createEventEmitter, createReportForwarder } = await import(
  '@hashguard/sdk-core'
);
const { createReportTransport, createSqliteOutbox } = await import('../src/reporting/index.ts');
const { loadSampleFile, realClock, sampleReport } = await import('./report-fixtures.ts');

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
