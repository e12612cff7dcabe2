import { createInterface } from 'node:readline';
import { createKeywordChecker, type KeywordList, type TextCheckResult } from '@hashguard/sdk-core';
import type { Command } from 'commander';
import { readKeywordListsFromPath } from '../urls/read-text-list-path';
import { collectRepeatable, formatTable } from './text-output';

interface CheckTextOptions {
  list: string[];
  json?: boolean;
}

/**
 * `hashguard check-text --list <file> [--list …] [--json]`, reading lines
 * from stdin. The verdict of a line is the action of the most severe list
 * that matched (`block-search`, `review`, `warn`) or `allow`; terms are never
 * printed, only list and entry ids. Exit status: 0 whatever the verdicts,
 * 1 when a list cannot be read or parsed, 2 on usage errors.
 */
export function registerCheckTextCommand(program: Command): void {
  program
    .command('check-text')
    .description('Check lines of text from stdin against keyword lists.')
    .requiredOption(
      '--list <file>',
      'a keyword list file, a text-list snapshot (.hgtxt) or a sync store directory; repeatable',
      collectRepeatable,
    )
    .option(
      '--json',
      'NDJSON: {"line","verdict","matches":[{"listId","entryId","action"}]} per line',
    )
    .action(async (options: CheckTextOptions) => {
      let lists: KeywordList[];
      let checker: ReturnType<typeof createKeywordChecker>;
      try {
        lists = (
          await Promise.all(options.list.map((path) => readKeywordListsFromPath(path)))
        ).flat();
        checker = createKeywordChecker({ lists });
      } catch (error) {
        process.stderr.write(
          `hashguard check-text: cannot load list: ${(error as Error).message}\n`,
        );
        process.exitCode = 1;
        return;
      }
      const rows: string[][] = [];
      let lineNumber = 0;
      for await (const text of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
        lineNumber++;
        const result: TextCheckResult = checker.checkText(text);
        if (options.json) {
          const line = { line: lineNumber, verdict: result.action, matches: result.matches };
          process.stdout.write(`${JSON.stringify(line)}\n`);
        } else {
          const matches = result.matches.map((m) => `${m.listId}/${m.entryId}`).join(' ');
          rows.push([String(lineNumber), result.action, matches]);
        }
      }
      if (!options.json) process.stdout.write(formatTable(['line', 'verdict', 'matches'], rows));
      process.exitCode = 0;
    });
}
