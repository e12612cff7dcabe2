import { basename, dirname, resolve } from 'node:path';
import {
  createEventEmitter,
  createListSetBuilder,
  encodeSnapshot,
  type ListSet,
} from '@hashguard/sdk-core';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { createFileListStore } from '../lists/file-list-store';
import { createJsonListSource } from '../lists/json-list-source';
import type { ListSource } from '../lists/list-source';
import { createListSync } from '../lists/list-sync';
import type { ListSyncEventMap } from '../lists/list-sync-events';
import { createNcmecSource } from '../lists/ncmec-source';
import {
  expandListPaths,
  LIST_FILE_FORMATS,
  type ListFileFormat,
  readListFile,
} from '../lists/read-list-file';

/**
 * `hashguard list import|sync|info`: build snapshots from list files, pull
 * lists from their sources into a snapshot directory, and describe snapshots.
 * Exit status: 0 done, 1 a list failed to import or sync, 2 usage.
 */
export function registerListCommand(program: Command): void {
  const list = program.command('list').description('Import, sync and inspect hash lists.');

  list
    .command('import')
    .description(
      'Build one snapshot from list files (CSV, NDJSON, hashguard JSON, NCMEC XML page, PDQ bank).',
    )
    .argument(
      '<files...>',
      'list files; each becomes one list, named after the file unless --list-id',
    )
    .requiredOption('--out <snapshot>', 'snapshot file to write (atomically)')
    .option('--list-id <id>', 'list id (only with a single file)')
    .addOption(
      new Option('--format <format>', 'input format (default: by content and extension)').choices([
        ...LIST_FILE_FORMATS,
      ]),
    )
    .action(
      async (
        files: string[],
        options: { out: string; listId?: string; format?: ListFileFormat },
      ) => {
        if (options.listId && files.length > 1) {
          process.stderr.write('hashguard list import: --list-id needs exactly one file\n');
          process.exitCode = 2;
          return;
        }
        try {
          const sets = await Promise.all(
            files.map((file) =>
              readListFile(file, { listId: options.listId, format: options.format }),
            ),
          );
          const builder = createListSetBuilder();
          for (const set of sets) builder.addSet(set);
          const combined = builder.build();
          const out = resolve(options.out);
          await createFileListStore({ dir: dirname(out) }).write(
            basename(out),
            encodeSnapshot(combined),
          );
          for (const info of combined.lists) {
            process.stdout.write(
              `${JSON.stringify({ listId: info.listId, version: info.version, entries: info.entryCount, out })}\n`,
            );
          }
        } catch (error) {
          process.stderr.write(`hashguard list import: ${(error as Error).message}\n`);
          process.exitCode = 1;
        }
      },
    );

  list
    .command('sync')
    .description(
      'Pull lists from their sources into a snapshot directory, once; prints one event per list.',
    )
    .requiredOption('--dir <dir>', 'snapshot directory (created if missing)')
    .option('--json-list <id=url>', 'a hashguard-list-v1 endpoint; repeatable', collectPair, [])
    .option(
      '--ncmec <id=baseUrl>',
      'an NCMEC hash-sharing v2 base URL; repeatable',
      collectPair,
      [],
    )
    .option(
      '--header <name:value>',
      'header sent to every source (e.g. authorization); repeatable',
      collect,
      [],
    )
    .option('--max-age-hours <n>', 'report lists older than this as stale', parsePositive, 24)
    .action(
      async (options: {
        dir: string;
        jsonList: Pair[];
        ncmec: Pair[];
        header: string[];
        maxAgeHours: number;
      }) => {
        const headers = Object.fromEntries(
          options.header.map((line) => {
            const at = line.indexOf(':');
            return [line.slice(0, at).trim().toLowerCase(), line.slice(at + 1).trim()];
          }),
        );
        const sources: ListSource[] = [
          ...options.jsonList.map(([listId, url]) =>
            createJsonListSource({ listId, url, headers }),
          ),
          ...options.ncmec.map(([listId, baseUrl]) =>
            createNcmecSource({ listId, baseUrl, headers }),
          ),
        ];
        if (sources.length === 0) {
          process.stderr.write(
            'hashguard list sync: name at least one --json-list or --ncmec source\n',
          );
          process.exitCode = 2;
          return;
        }
        const events = createEventEmitter<ListSyncEventMap>();
        let failed = false;
        for (const name of ['list:synced', 'list:sync-failed', 'list:stale'] as const) {
          events.on(name, (payload) => {
            if (name === 'list:sync-failed') failed = true;
            process.stdout.write(`${JSON.stringify({ event: name, ...payload })}\n`);
          });
        }
        try {
          const sync = createListSync({
            sources,
            store: createFileListStore({ dir: options.dir }),
            maxAgeMs: options.maxAgeHours * 3_600_000,
            events,
          });
          await sync.sync();
        } catch (error) {
          process.stderr.write(`hashguard list sync: ${(error as Error).message}\n`);
          process.exitCode = 2;
          return;
        }
        process.exitCode = failed ? 1 : 0;
      },
    );

  list
    .command('info')
    .description('Describe snapshots or list files: lists, versions, entry counts per algorithm.')
    .argument('<paths...>', 'snapshot files, list files, or snapshot directories')
    .option('--json', 'NDJSON: one object per list')
    .action(async (paths: string[], options: { json?: boolean }) => {
      try {
        for (const file of await expandListPaths(paths)) {
          const set = await readListFile(file);
          for (const line of describe(file, set)) {
            if (options.json) process.stdout.write(`${JSON.stringify(line)}\n`);
            else {
              const counts = Object.entries(line.algorithms)
                .map(([a, n]) => `${a}=${n}`)
                .join(' ');
              process.stdout.write(
                `${line.listId}  v${line.version}  ${line.entries} entries (${counts})  ${line.source}  ${line.file}\n`,
              );
            }
          }
        }
      } catch (error) {
        process.stderr.write(`hashguard list info: ${(error as Error).message}\n`);
        process.exitCode = 1;
      }
    });
}

type Pair = [string, string];

function describe(file: string, set: ListSet) {
  return set.lists.map((info, listIndex) => {
    const algorithms: Record<string, number> = {};
    for (const column of Object.values(set.columns)) {
      if (!column) continue;
      let count = 0;
      for (let row = 0; row < column.count; row++) if (column.listIndex[row] === listIndex) count++;
      if (count > 0) algorithms[column.algorithm] = count;
    }
    return {
      file,
      listId: info.listId,
      version: info.version,
      source: info.source,
      syncedAt: info.syncedAt ?? null,
      entries: info.entryCount,
      algorithms,
    };
  });
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function collectPair(value: string, previous: Pair[]): Pair[] {
  const at = value.indexOf('=');
  if (at <= 0 || at === value.length - 1) throw new InvalidArgumentError('want <listId>=<url>.');
  return [...previous, [value.slice(0, at), value.slice(at + 1)]];
}

function parsePositive(value: string): number {
  const n = Number(value);
  if (!(n > 0)) throw new InvalidArgumentError('must be a positive number.');
  return n;
}
