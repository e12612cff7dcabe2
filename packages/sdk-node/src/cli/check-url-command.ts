import {
  createUrlChecker,
  isHashguardError,
  type UrlCheckResult,
  type UrlList,
} from '@hashguard/sdk-core';
import type { Command } from 'commander';
import { readUrlListsFromPath } from '../urls/read-text-list-path';
import { collectRepeatable, formatTable } from './text-output';

interface CheckUrlOptions {
  list: string[];
  json?: boolean;
  wwwDistinct?: boolean;
}

type Line =
  | { url: string; verdict: UrlCheckResult['verdict']; matches: UrlCheckResult['matches'] }
  | { url: string; error: { code: string; message: string } };

/**
 * `hashguard check-url --list <file> [--list …] [--json] <urls...>`.
 * Exit status: 0 whatever the verdicts, 1 when a list cannot be read or
 * parsed, 2 on usage errors, including an argument that is not an http(s)
 * URL (its line still says why, and the other URLs are still checked).
 */
export function registerCheckUrlCommand(program: Command): void {
  program
    .command('check-url')
    .description(
      'Check URLs against URL lists (one entry per line, canonical CSV, or text-list snapshots).',
    )
    .argument('<urls...>', 'URLs, with or without scheme; defanged forms such as hxxp:// accepted')
    .requiredOption(
      '--list <file>',
      'a URL list file, a text-list snapshot (.hgtxt) or a sync store directory; repeatable',
      collectRepeatable,
    )
    .option('--json', 'NDJSON: {"url","verdict","matches":[{"listId","entryId"}]} per URL')
    .option('--www-distinct', 'treat www.<host> and <host> as different sites')
    .action(async (urls: string[], options: CheckUrlOptions) => {
      let lists: UrlList[];
      try {
        lists = (await Promise.all(options.list.map((path) => readUrlListsFromPath(path)))).flat();
      } catch (error) {
        process.stderr.write(
          `hashguard check-url: cannot load list: ${(error as Error).message}\n`,
        );
        process.exitCode = 1;
        return;
      }
      const checker = createUrlChecker({
        lists,
        wwwHandling: options.wwwDistinct ? 'distinct' : 'equivalent',
      });
      const lines: Line[] = urls.map((url) => {
        try {
          return { url, ...checker.checkUrl(url) };
        } catch (error) {
          if (!isHashguardError(error, 'E_INVALID_URL')) throw error;
          return { url, error: { code: error.code, message: error.message } };
        }
      });
      if (options.json) {
        for (const line of lines) process.stdout.write(`${JSON.stringify(line)}\n`);
      } else {
        const rows = lines.map((line) =>
          'error' in line
            ? [line.url, 'invalid', line.error.code]
            : [
                line.url,
                line.verdict,
                line.matches.map((m) => `${m.listId}/${m.entryId}`).join(' '),
              ],
        );
        process.stdout.write(formatTable(['url', 'verdict', 'matches'], rows));
      }
      process.exitCode = lines.some((line) => 'error' in line) ? 2 : 0;
    });
}
