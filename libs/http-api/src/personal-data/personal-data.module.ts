import { Global, Module } from '@nestjs/common';
import { SqlClient } from '@app/database';
import { loadOrCreateMasterKey, MasterKey, PersonalDataVault } from '@app/personal-data';
import { ConfigurationError, PLATFORM_CONFIG, PlatformConfig, SQL_CLIENT } from '@app/platform';

/**
 * The subjects' personal data, encrypted under per-subject keys wrapped by MASTER_KEY. A deployment
 * must set MASTER_KEY; the embedded platform makes one on first start and keeps it in DATA_DIR.
 */
@Global()
@Module({
  providers: [
    {
      provide: PersonalDataVault,
      inject: [PLATFORM_CONFIG, SQL_CLIENT],
      useFactory: async (config: PlatformConfig, sql: SqlClient): Promise<PersonalDataVault> => {
        let masterKey: MasterKey;
        if (config.masterKey) masterKey = MasterKey.fromBase64(config.masterKey, 'MASTER_KEY');
        else if (config.mode === 'embedded' && !config.production) masterKey = await loadOrCreateMasterKey(config.dataDir);
        else throw new ConfigurationError(['MASTER_KEY is required outside the embedded development mode (base64 of 32 random bytes)']);
        return PersonalDataVault.create(sql, { masterKey });
      },
    },
  ],
  exports: [PersonalDataVault],
})
export class PersonalDataModule {}
