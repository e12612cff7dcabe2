import type { PdqMode } from '@hashguard/sdk-core';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { type HashFilesOutcome, hashFiles } from '../hashing/hash-files';
import { collectFiles } from './collect-files';
import { createProgressBar } from './progress-bar';

interface HashCommandOptions {
  json?: boolean;
  dihedral?: boolean;
  mode: PdqMode;
  exifOrientation?: boolean;
  workers?: number;
}

/** Below this many files a progress bar would only flicker. */
const PROGRESS_MIN_FILES = 20;

/**
 * `hashguard hash [options] <paths...>`. Exit status: 0 when every file hashed, 1 when
 * any failed (every other file is still reported), 2 on usage errors (commander's,
 * through the program's exit override).
 */
export function registerHashCommand(program: Command): void {
  program
    .command('hash')
    .description(
      'Hash images: PDQ and its quality, MD5, SHA-1, SHA-256 and dimensions. Directories are ' +
        'walked recursively for .jpg .jpeg .png .webp .gif .avif .tif .tiff files, in sorted order.',
    )
    .argument('<paths...>', 'image files or directories')
    .option('--json', 'NDJSON: one object per file, in input order')
    .option('--dihedral', 'add the eight dihedral PDQ hashes (rotations and mirrors)')
    .addOption(
      new Option('--mode <mode>', 'PDQ pipeline: reference reproduces hotline lists')
        .choices(['reference', 'full-resolution'])
        .default('reference'),
    )
    .option('--exif-orientation', 'apply EXIF orientation first (hotline lists do not)')
    .option('--workers <n>', 'worker threads (default: one per core)', parseWorkers)
    .action(async (paths: string[], options: HashCommandOptions) => {
      try {
        process.exitCode = await runHash(paths, options);
      } catch (error) {
        // Per-file failures are results, not throws; this is the walk or the pool failing.
        process.stderr.write(`hashguard hash: ${(error as Error).message}\n`);
        process.exitCode = 1;
      }
    });
}

async function runHash(paths: string[], options: HashCommandOptions): Promise<number> {
  // `hashguard hash --json dir | head` closes the pipe early: stop quietly, as Unix tools do.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(process.exitCode ?? 0);
  });
  const files = await collectFiles(paths);
  if (files.length === 0) {
    process.stderr.write('hashguard hash: no image files found\n');
    return 0;
  }
  const interactive = process.stdout.isTTY === true && process.stderr.isTTY === true;
  const progress =
    !options.json && interactive && files.length >= PROGRESS_MIN_FILES
      ? createProgressBar(files.length, process.stderr)
      : undefined;

  // NDJSON is streamed as soon as the next file in input order is done, so a long run
  // shows output early and keeps none of it buffered beyond the reorder window.
  const pending = new Map<number, HashFilesOutcome>();
  let nextToPrint = 0;
  const outcomes = await hashFiles(files, {
    mode: options.mode,
    exifOrientation: options.exifOrientation === true,
    dihedral: options.dihedral === true,
    ...(options.workers === undefined ? {} : { workers: options.workers }),
    onResult(outcome, index) {
      progress?.tick();
      if (!options.json) return;
      pending.set(index, outcome);
      while (pending.has(nextToPrint)) {
        const ready = pending.get(nextToPrint)!;
        pending.delete(nextToPrint);
        process.stdout.write(`${JSON.stringify(toJsonLine(files[nextToPrint]!, ready))}\n`);
        nextToPrint++;
      }
    },
  });
  progress?.done();
  if (!options.json) process.stdout.write(formatTable(files, outcomes, options.dihedral === true));
  return outcomes.some((outcome) => 'error' in outcome) ? 1 : 0;
}

/** The NDJSON contract: these keys, in this order. */
function toJsonLine(file: string, outcome: HashFilesOutcome): Record<string, unknown> {
  if ('error' in outcome) {
    return { file, error: { code: outcome.error.code, message: outcome.error.message } };
  }
  const { pdq, quality, md5, sha1, sha256, width, height, pdqDihedral } = outcome;
  const line: Record<string, unknown> = { file, pdq, quality, md5, sha1, sha256, width, height };
  if (pdqDihedral) {
    const { original, rotate90, rotate180, rotate270, flipx, flipy, flipPlus1, flipMinus1 } =
      pdqDihedral;
    line.pdqDihedral = {
      original,
      rotate90,
      rotate180,
      rotate270,
      flipx,
      flipy,
      flipPlus1,
      flipMinus1,
    };
  }
  return line;
}

function formatTable(
  files: readonly string[],
  outcomes: readonly HashFilesOutcome[],
  dihedral: boolean,
): string {
  const header = ['FILE', 'SIZE', 'QUALITY', 'PDQ', 'SHA-256'];
  const rows = outcomes.map((outcome, index) => {
    const file = files[index]!;
    if ('error' in outcome) return [file, `error ${outcome.error.code}: ${outcome.error.message}`];
    const size = `${outcome.width}×${outcome.height}`;
    return [file, size, String(outcome.quality), outcome.pdq, `${outcome.sha256.slice(0, 16)}…`];
  });
  const widths = header.map((title, column) =>
    Math.max(
      title.length,
      // Error rows span the table, so they do not widen its columns.
      ...rows.filter((row) => row.length === header.length).map((row) => row[column]!.length),
    ),
  );
  const lines = [header, ...rows].map((row, index) => {
    const cells =
      row.length === header.length ? row.map((cell, c) => cell.padEnd(widths[c]!)) : row;
    const line = cells.join('  ').trimEnd();
    const outcome = index > 0 ? outcomes[index - 1] : undefined;
    if (!dihedral || !outcome || 'error' in outcome || !outcome.pdqDihedral) return line;
    const variants = Object.entries(outcome.pdqDihedral)
      .map(([name, hash]) => `    ${name.padEnd(10)} ${hash}`)
      .join('\n');
    return `${line}\n${variants}`;
  });
  const failed = outcomes.filter((outcome) => 'error' in outcome).length;
  const summary = `${outcomes.length - failed} hashed, ${failed} failed`;
  return `${lines.join('\n')}\n\n${summary}\n`;
}

function parseWorkers(value: string): number {
  const workers = Number(value);
  if (!Number.isSafeInteger(workers) || workers < 1 || workers > 256) {
    throw new InvalidArgumentError('expected a whole number from 1 to 256.');
  }
  return workers;
}
