import { Command } from 'commander';
import packageJson from '../../package.json' with { type: 'json' };
import { registerCheckCommand } from './check-command';
import { registerCheckTextCommand } from './check-text-command';
import { registerCheckUrlCommand } from './check-url-command';
import { registerHashCommand } from './hash-command';
import { registerListCommand } from './list-command';
import { registerReportCommand } from './report-command';

/**
 * The `hashguard` command. Each subcommand lives in its own file under
 * `cli/` and registers itself here.
 */
export function createProgram(): Command {
  const program = new Command('hashguard')
    .description('Hash files, check them against hotline hash lists, and manage reports.')
    .version(packageJson.version, '-V, --version')
    .showHelpAfterError()
    // Usage errors exit 2, as the CLI contract says; 1 is kept for per-file failures.
    .exitOverride((error) => {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') {
        process.exit(0);
      }
      process.exit(2);
    });
  registerHashCommand(program);
  registerCheckCommand(program);
  registerListCommand(program);
  registerCheckUrlCommand(program);
  registerCheckTextCommand(program);
  registerReportCommand(program);
  return program;
}
