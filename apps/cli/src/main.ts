import 'reflect-metadata';
import { Command } from 'commander';
import { registerProjectionCommands } from '@app/projections';

/**
 * Operator commands (`npm run cli -- <command>`), run beside the platform on the same configuration
 * (the environment variables of the README). Each command group registers itself here.
 */
async function main(argv: readonly string[]): Promise<void> {
  const program = new Command('antitratta')
    .description('Operator commands for the antitratta referral platform')
    .showHelpAfterError()
    .exitOverride();
  // Command groups register here.
  registerProjectionCommands(program);
  await program.parseAsync(argv);
}

main(process.argv).catch((error: unknown) => {
  const code = (error as { exitCode?: unknown }).exitCode;
  if (typeof code === 'number') process.exit(code);
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
