#!/usr/bin/env node
import { Command } from 'commander';
import { startMockHotlines } from './server/start-mock-hotlines';

const program = new Command()
  .name('hashguard-mock-hotlines')
  .description(
    'Mocked CyberTipline, NCMEC hash sharing, list and PhotoDNA-like endpoints on loopback.',
  )
  .option('-p, --port <port>', 'TCP port (0 picks a free one)', '4010')
  .option('--host <host>', 'loopback address: 127.0.0.1, ::1 or localhost', '127.0.0.1')
  .option('--seed <seed>', 'seed for ids, sample data and faults', '1')
  .option('--username <name>', 'Basic-auth user to accept', 'hashguard-test')
  .option('--password <password>', 'Basic-auth password to accept', 'mock-password')
  .parse();

const options = program.opts<{
  port: string;
  host: '127.0.0.1' | '::1' | 'localhost';
  seed: string;
  username: string;
  password: string;
}>();

const server = await startMockHotlines({
  port: Number(options.port),
  host: options.host,
  seed: Number(options.seed),
  credentials: [{ username: options.username, password: options.password }],
});
process.stdout.write(
  [
    `hashguard mock hotlines on ${server.origin}`,
    `  CyberTipline  ${server.urls.cybertipline}`,
    `  hash sharing  ${server.urls.hashSharing}`,
    `  lists         ${server.urls.lists}`,
    `  PhotoDNA-like ${server.urls.photoDna}`,
    '',
  ].join('\n'),
);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    server.close().then(() => process.exit(0));
  });
}
