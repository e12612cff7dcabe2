import {
  type CheckHashes,
  type CheckResult,
  createCheckCore,
  type ListSet,
} from '@hashguard/sdk-core';
import { type Command, InvalidArgumentError } from 'commander';
import { type HashFilesOutcome, hashFiles } from '../hashing/hash-files';
import { createListMatcher } from '../lists/list-matcher';
import { expandListPaths, readListFile } from '../lists/read-list-file';
import { collectFiles } from './collect-files';

interface CheckCommandOptions {
  list: string[];
  json?: boolean;
  dihedral?: boolean;
  threshold?: number;
  workers?: number;
}

/**
 * `hashguard check --list <file> [--list …] [--dihedral] [--threshold N] [--json] <paths...>`.
 * Exit status: 0 whatever the verdicts, 1 when a file could not be hashed
 * (every other file is still reported), 2 on usage errors and unreadable lists.
 */
export function registerCheckCommand(program: Command): void {
  program
    .command('check')
    .description(
      'Check images against hash lists (snapshots or list files) and print a verdict per file.',
    )
    .argument('<paths...>', 'image files or directories')
    .requiredOption(
      '--list <file>',
      'a snapshot, a snapshot directory (list sync --dir) or a list file (CSV, NDJSON, JSON, XML, PDQ bank); repeatable',
      collect,
    )
    .option('--json', 'NDJSON: one object per file, in input order')
    .option('--dihedral', 'also match rotated and mirrored copies (8 dihedral PDQ hashes)')
    .option('--threshold <n>', 'largest PDQ distance that matches (default 31)', parseThreshold)
    .option('--workers <n>', 'worker threads for hashing (default: one per core)', parsePositive)
    .action(async (paths: string[], options: CheckCommandOptions) => {
      let sets: ListSet[];
      try {
        const paths = await expandListPaths(options.list);
        sets = await Promise.all(paths.map((path) => readListFile(path)));
      } catch (error) {
        process.stderr.write(`hashguard check: cannot load list: ${(error as Error).message}\n`);
        process.exitCode = 2;
        return;
      }
      try {
        process.exitCode = await runCheck(paths, sets, options);
      } catch (error) {
        process.stderr.write(`hashguard check: ${(error as Error).message}\n`);
        process.exitCode = 1;
      }
    });
}

async function runCheck(
  paths: string[],
  sets: ListSet[],
  options: CheckCommandOptions,
): Promise<number> {
  const files = await collectFiles(paths);
  if (files.length === 0) {
    process.stderr.write('hashguard check: no image files found\n');
    return 0;
  }
  const matcher = createListMatcher(sets);
  const core = createCheckCore({
    matcher,
    listVersions: matcher.lists.map((info) => ({
      listId: info.listId,
      version: info.version,
      updatedAt: Date.now(),
    })),
    policy: options.threshold === undefined ? {} : { pdqThreshold: options.threshold },
  });
  const lines: string[] = [];
  const pending = new Map<number, HashFilesOutcome>();
  let nextToPrint = 0;
  const outcomes = await hashFiles(files, {
    dihedral: options.dihedral === true,
    ...(options.workers === undefined ? {} : { workers: options.workers }),
    onResult(outcome, index) {
      // Printed in input order as soon as the next file is done.
      pending.set(index, outcome);
      while (pending.has(nextToPrint)) {
        const ready = pending.get(nextToPrint)!;
        pending.delete(nextToPrint);
        const line = toLine(files[nextToPrint]!, ready, core.check.bind(core));
        if (options.json) process.stdout.write(`${JSON.stringify(line)}\n`);
        else lines.push(formatLine(line));
        nextToPrint++;
      }
    },
  });
  if (!options.json) {
    const failed = outcomes.filter((outcome) => 'error' in outcome).length;
    process.stdout.write(
      `${lines.join('\n')}\n\n${outcomes.length - failed} checked, ${failed} failed\n`,
    );
  }
  return outcomes.some((outcome) => 'error' in outcome) ? 1 : 0;
}

type Line =
  | { file: string; verdict: CheckResult['verdict']; matches: Array<Record<string, unknown>> }
  | { file: string; error: { code: string; message: string } };

/** The NDJSON contract: these keys, in this order. */
function toLine(
  file: string,
  outcome: HashFilesOutcome,
  check: (hashes: CheckHashes) => CheckResult,
): Line {
  if ('error' in outcome)
    return { file, error: { code: outcome.error.code, message: outcome.error.message } };
  const hashes: CheckHashes = {
    md5: outcome.md5,
    sha1: outcome.sha1,
    sha256: outcome.sha256,
    pdq: outcome.pdq,
    quality: outcome.quality,
  };
  if (outcome.pdqDihedral) hashes.pdqDihedral = Object.values(outcome.pdqDihedral);
  const result = check(hashes);
  if (result.reason === 'error' && result.error) return { file, error: result.error };
  const matches = result.matches.map(({ listId, entryId, algorithm, distance, category }) => ({
    listId,
    entryId,
    algorithm,
    distance,
    category: category ?? null,
  }));
  return { file, verdict: result.verdict, matches };
}

function formatLine(line: Line): string {
  if ('error' in line) return `${line.file}  error ${line.error.code}: ${line.error.message}`;
  const matches = line.matches
    .map((m) => `${m.listId}/${m.entryId} ${m.algorithm} d=${m.distance}`)
    .join(', ');
  return `${line.file}  ${line.verdict.toUpperCase()}${matches ? `  (${matches})` : ''}`;
}

// No default: commander counts a default as given, and --list is required.
function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

function parseThreshold(value: string): number {
  const threshold = Number(value);
  if (!Number.isInteger(threshold) || threshold < 0 || threshold > 256) {
    throw new InvalidArgumentError('must be an integer from 0 to 256.');
  }
  return threshold;
}

function parsePositive(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 1 || n > 256)
    throw new InvalidArgumentError('must be an integer from 1 to 256.');
  return n;
}
