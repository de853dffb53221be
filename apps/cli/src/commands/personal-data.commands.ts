import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Command } from 'commander';
import { configuredMasterKeys, MASTER_KEY_FILE, PersonalDataVault } from '@app/personal-data';
import { loadConfigOrExit, openConfiguredSqlClient, PlatformConfig } from '@app/platform';
import { CommandOutcome, refuseMissingEmbeddedDatabase } from './command-outcome';

/** Exit codes: 0 every live data key wrapped by the current master key, 1 some left (their master key is not configured), 2 nothing to do it on. */
export function registerPersonalDataCommands(program: Command): void {
  program
    .command('personal-data:rewrap')
    .description('Re-wrap every data key under MASTER_KEY, unwrapping with PREVIOUS_MASTER_KEYS (a master-key rotation)')
    .action(() => rewrapCommand());
}

async function rewrapCommand(): Promise<void> {
  const config = loadConfigOrExit({ port: 0 });
  refuseMissingEmbeddedDatabase(config);
  refuseMissingEmbeddedKey(config);
  const keys = await configuredMasterKeys(config);
  const sql = await openConfiguredSqlClient(config, 'cli', 2);
  try {
    const vault = await PersonalDataVault.create(sql, keys);
    const result = await vault.rewrapKeys();
    console.log(`${result.rewrapped} data key(s) re-wrapped under master key ${keys.masterKey.keyId}`);
    const unknown = Object.entries(result.unknownMasterKeys);
    if (unknown.length > 0) {
      for (const [keyId, count] of unknown) console.log(`LEFT ${count} data key(s) wrapped by master key ${keyId}, which is not configured`);
      throw new CommandOutcome(1, 'Add the missing master keys to PREVIOUS_MASTER_KEYS and run this again');
    }
    console.log('Every live data key is wrapped by the current master key: the previous ones can be destroyed');
  } finally {
    await sql.close();
  }
}

/** In the embedded mode, reading the key file would create a key when there is none: there is nothing to re-wrap then. */
function refuseMissingEmbeddedKey(config: PlatformConfig): void {
  if (config.databaseUrl) return;
  if (!config.masterKey && !existsSync(join(config.dataDir, MASTER_KEY_FILE))) {
    throw new CommandOutcome(2, `No master key: set MASTER_KEY, or keep the embedded key file ${join(config.dataDir, MASTER_KEY_FILE)}`);
  }
}
