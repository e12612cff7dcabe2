import { existsSync } from 'node:fs';
import {
  ConfigError,
  createCyberTiplineAdapter,
  createReportForwarder,
  type HotlineAdapter,
  isHashguardError,
  type OutboxState,
  type ReportForwarder,
  type ReportStatus,
} from '@hashguard/sdk-core';
import { type Command, Option } from 'commander';
import { createReportTransport } from '../reporting/report-transport';
import { createSqliteOutbox } from '../reporting/sqlite-outbox';
import { formatTable } from './text-output';

interface ReportCliOptions {
  db: string;
  json?: boolean;
  environment?: 'test' | 'production';
  allowProduction?: boolean;
  baseUrl?: string;
}

const STATES: OutboxState[] = [
  'queued',
  'in-progress',
  'finished',
  'retracted',
  'failed',
  'needs-attention',
  'dead-lettered',
];

/**
 * A stand-in for a hotline the CLI has no credentials for: reading and
 * re-queueing records needs none, talking to the hotline (retract) does.
 */
function offlineAdapter(name: string): HotlineAdapter {
  const refuse = () => {
    throw new ConfigError(
      'E_MISSING_OPTION',
      `hashguard report: talking to ${name} needs its credentials (HASHGUARD_CYBERTIPLINE_USERNAME / _PASSWORD).`,
    );
  };
  return {
    name,
    acceptsFiles: true,
    check: () => {},
    plan: () => [],
    runStep: async () => refuse(),
    retract: async () => refuse(),
  };
}

function openForwarder(options: ReportCliOptions): {
  forwarder: ReportForwarder;
  close: () => Promise<void>;
} {
  // Inspecting must not create an empty outbox where the member's is not.
  if (!existsSync(options.db)) {
    throw new ConfigError(
      'E_MISSING_OPTION',
      `no outbox at ${options.db} (set --db or HASHGUARD_OUTBOX)`,
    );
  }
  const outbox = createSqliteOutbox({ path: options.db });
  const username = process.env.HASHGUARD_CYBERTIPLINE_USERNAME;
  const password = process.env.HASHGUARD_CYBERTIPLINE_PASSWORD;
  const cybertipline =
    username && password
      ? createCyberTiplineAdapter({
          credentials: { username, password },
          environment: options.environment ?? 'test',
          allowProduction: options.allowProduction,
          baseUrl: options.baseUrl,
        })
      : offlineAdapter('cybertipline');
  const adapters = [cybertipline, ...['nca', 'iwf', 'cybertip-ca'].map(offlineAdapter)];
  const forwarder = createReportForwarder({
    outbox,
    transport: createReportTransport(),
    clock: {
      now: () => Date.now(),
      sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    },
    // A person's actions never send a report; routing is only needed to find adapters by name.
    router: { adapters, route: () => adapters },
    loadFile: async () => {
      throw new ConfigError(
        'E_MISSING_OPTION',
        'hashguard report does not upload files; the worker does.',
      );
    },
    workerId: `cli-${process.pid}`,
  });
  return { forwarder, close: () => outbox.close() };
}

function summary(status: ReportStatus): string[] {
  const last = status.journal.at(-1);
  return [
    status.id,
    status.state,
    status.progress.hotlineReportId ?? '-',
    String(status.attempts),
    last ? `${last.step}:${last.outcome}` : '-',
  ];
}

async function run(
  options: ReportCliOptions,
  action: (forwarder: ReportForwarder) => Promise<void>,
): Promise<void> {
  let opened: ReturnType<typeof openForwarder>;
  try {
    opened = openForwarder(options);
  } catch (error) {
    process.stderr.write(`hashguard report: ${(error as Error).message}\n`);
    process.exitCode = 2;
    return;
  }
  const { forwarder, close } = opened;
  try {
    await action(forwarder);
  } catch (error) {
    process.stderr.write(`hashguard report: ${(error as Error).message}\n`);
    // Usage problems (missing credentials) exit 2 like other usage errors; refusals exit 1.
    process.exitCode = isHashguardError(error, 'E_MISSING_OPTION') ? 2 : 1;
  } finally {
    await close();
  }
}

/**
 * `hashguard report list|show|retry|retract` over the sqlite outbox: what a
 * person uses to see reports in flight, settle the ones that need attention,
 * re-queue failed ones and withdraw unfinished ones. Exit: 0 done, 1 refused
 * or failed, 2 usage.
 */
export function registerReportCommand(program: Command): void {
  const report = program
    .command('report')
    .description('Inspect and manage reports in the durable outbox.');
  const common = (command: Command) =>
    command
      .addOption(
        new Option('--db <path>', 'outbox database')
          .env('HASHGUARD_OUTBOX')
          .default('hashguard-outbox.db'),
      )
      .addOption(
        new Option('--environment <env>', 'CyberTipline environment for retract').choices([
          'test',
          'production',
        ]),
      )
      .option('--allow-production', 'allow talking to the production CyberTipline')
      .option('--base-url <url>', 'CyberTipline base URL (test environment only, e.g. the mock)');

  common(report.command('list').description('List reports, newest last.'))
    .addOption(new Option('--state <state>', 'only this state').choices(STATES))
    .option('--json', 'NDJSON output')
    .action(async (options: ReportCliOptions & { state?: OutboxState }) =>
      run(options, async (forwarder) => {
        const statuses = await forwarder.list(options.state ? { state: options.state } : undefined);
        if (options.json) {
          for (const s of statuses)
            process.stdout.write(`${JSON.stringify({ ...s, journal: undefined })}\n`);
          return;
        }
        process.stdout.write(
          formatTable(
            ['id', 'state', 'hotline id', 'attempts', 'last step'],
            statuses.map(summary),
          ),
        );
      }),
    );

  common(
    report
      .command('show')
      .description('Show one report with its journal.')
      .argument('<id>', 'outbox id, <reportKey>@<hotline>'),
  ).action(async (id: string, options: ReportCliOptions) =>
    run(options, async (forwarder) => {
      const status = await forwarder.status(id);
      if (!status) {
        process.stderr.write(`hashguard report: no report ${id}\n`);
        process.exitCode = 1;
        return;
      }
      process.stdout.write(`${JSON.stringify(status, null, 2)}\n`);
    }),
  );

  common(
    report
      .command('retry')
      .description(
        'Queue a failed or dead-lettered report again; for one that needs attention, say what the hotline has.',
      )
      .argument('<id>', 'outbox id'),
  )
    .option(
      '--hotline-report-id <id>',
      'needs-attention: the hotline has this report (found by its member reference)',
    )
    .option('--not-received', 'needs-attention: the hotline has no such report, submit it again')
    .option('--note <text>', 'why, for the journal')
    .action(
      async (
        id: string,
        options: ReportCliOptions & {
          hotlineReportId?: string;
          notReceived?: boolean;
          note?: string;
        },
      ) =>
        run(options, async (forwarder) => {
          const status = await forwarder.status(id);
          if (status?.state === 'needs-attention') {
            if (!options.hotlineReportId === !options.notReceived) {
              process.stderr.write(
                'hashguard report retry: a report that needs attention takes --hotline-report-id or --not-received\n',
              );
              process.exitCode = 2;
              return;
            }
            await forwarder.resolve(
              id,
              options.hotlineReportId
                ? { hotlineReportId: options.hotlineReportId, note: options.note }
                : { notReceived: true, note: options.note },
            );
          } else {
            await forwarder.retry(id);
          }
          process.stdout.write(
            `${JSON.stringify({ id, state: (await forwarder.status(id))?.state })}\n`,
          );
        }),
    );

  common(
    report
      .command('retract')
      .description('Withdraw a report that is not finished.')
      .argument('<id>', 'outbox id'),
  )
    .option('--reason <text>', 'why, for the journal')
    .action(async (id: string, options: ReportCliOptions & { reason?: string }) =>
      run(options, async (forwarder) => {
        await forwarder.retract(id, options.reason);
        process.stdout.write(
          `${JSON.stringify({ id, state: (await forwarder.status(id))?.state })}\n`,
        );
      }),
    );
}
