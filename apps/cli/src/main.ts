import 'reflect-metadata';
import { Command, CommanderError } from 'commander';
import { registerProjectionCommands } from '@app/projections';
import { registerAuditCommands } from './commands/audit.commands';
import { registerPersonalDataCommands } from './commands/personal-data.commands';

/**
 * Operator commands (`npm run cli -- <command>`), run beside the platform on the same configuration
 * (the environment variables of the README). Each command group registers itself here.
 */
async function main(argv: readonly string[]): Promise<void> {
  const program = new Command('antitratta')
    .description('Operator commands for the antitratta referral platform')
    .showHelpAfterError()
    .exitOverride();
  registerProjectionCommands(program);
  registerAuditCommands(program);
  registerPersonalDataCommands(program);
  await program.parseAsync(argv);
}

// Every failure is told here, once: commander has already printed its own (usage) errors, and an
// error without a message (a verification that found broken links) has said its piece on stdout.
main(process.argv).catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  if (!(error instanceof CommanderError) && message) console.error(message);
  const code = (error as { exitCode?: unknown }).exitCode;
  process.exit(typeof code === 'number' ? code : 1);
});
