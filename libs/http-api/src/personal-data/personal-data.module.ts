import { Global, Module } from '@nestjs/common';
import { SqlClient } from '@app/database';
import { configuredMasterKeys, PersonalDataVault } from '@app/personal-data';
import { PLATFORM_CONFIG, PlatformConfig, SQL_CLIENT } from '@app/platform';

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
