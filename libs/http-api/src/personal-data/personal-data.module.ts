import { Global, Module } from '@nestjs/common';
import { SqlClient } from '@app/database';
import { loadOrCreateMasterKey, MasterKey, PersonalDataVault, PersonalDataVaultOptions } from '@app/personal-data';
import { ConfigurationError, PLATFORM_CONFIG, PlatformConfig, SQL_CLIENT } from '@app/platform';

/**
 * The master keys the configuration names: MASTER_KEY (in the embedded development mode, the key
 * file in DATA_DIR, made on first use) and PREVIOUS_MASTER_KEYS, during a rotation.
 */
export async function configuredMasterKeys(config: PlatformConfig): Promise<PersonalDataVaultOptions> {
  let masterKey: MasterKey;
  if (config.masterKey) masterKey = MasterKey.fromBase64(config.masterKey, 'MASTER_KEY');
  else if (config.mode === 'embedded' && !config.production) masterKey = await loadOrCreateMasterKey(config.dataDir);
  else throw new ConfigurationError(['MASTER_KEY is required outside the embedded development mode (base64 of 32 random bytes)']);
  const previousMasterKeys = config.previousMasterKeys.map((key, n) => MasterKey.fromBase64(key, `PREVIOUS_MASTER_KEYS (key ${n + 1})`));
  return { masterKey, previousMasterKeys };
}

/**
 * The subjects' personal data, encrypted under per-subject keys wrapped by MASTER_KEY. A deployment
 * must set MASTER_KEY; the embedded platform makes one on first start and keeps it in DATA_DIR.
 * PREVIOUS_MASTER_KEYS still unwrap what they wrapped, during a rotation.
 */
@Global()
@Module({
  providers: [
    {
      provide: PersonalDataVault,
      inject: [PLATFORM_CONFIG, SQL_CLIENT],
      useFactory: async (config: PlatformConfig, sql: SqlClient): Promise<PersonalDataVault> => PersonalDataVault.create(sql, await configuredMasterKeys(config)),
    },
  ],
  exports: [PersonalDataVault],
})
export class PersonalDataModule {}
