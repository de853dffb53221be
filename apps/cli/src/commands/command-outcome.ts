import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { PlatformConfig } from '@app/platform';

/**
 * How a command ends when it does not end with 0: `main` prints the message (when there is one) and
 * exits with the code. Each command says what its codes mean.
 */
export class CommandOutcome extends Error {
  constructor(
    readonly exitCode: 1 | 2,
    message: string,
  ) {
    super(message);
  }
}

/** In the embedded mode, opening an empty DATA_DIR would create a database there: there is nothing to work on (exit code 2). */
export function refuseMissingEmbeddedDatabase(config: PlatformConfig): void {
  if (config.databaseUrl) return;
  if (!existsSync(join(config.dataDir, 'PG_VERSION'))) throw new CommandOutcome(2, `No embedded database in ${config.dataDir} (DATA_DIR)`);
}
