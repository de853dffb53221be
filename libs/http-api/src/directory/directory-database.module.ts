import { DynamicModule, Global, Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DEFAULT_PASSWORD_HASH_OPTIONS, DIRECTORY_MODEL_SET, DirectoryService, PasswordHasher } from '@app/directory';
import { typeormDataSourceProviders } from '@app/platform';
import { CREDENTIALS_VERIFIER, CredentialsVerifier } from '../auth/authenticated-user';

export const DIRECTORY_DATA_SOURCE = Symbol('DIRECTORY_DATA_SOURCE');

/**
 * The directory (agencies and users) on the process's database, with the credentials check that
 * authentication needs (see `typeormDataSourceProviders` for how the data source is shared).
 */
@Global()
@Module({})
export class DirectoryDatabaseModule {
  static forRoot(): DynamicModule {
    const credentials = {
      provide: CREDENTIALS_VERIFIER,
      inject: [DirectoryService],
      useFactory: (directory: DirectoryService): CredentialsVerifier => ({
        verifyCredentials: async (username, password) => {
          const user = await directory.verifyCredentials(username, password);
          return user && { userId: user.id, username: user.username, agencyId: user.agency.id, roles: [...user.roles] };
        },
      }),
    };
    const directory = {
      provide: DirectoryService,
      inject: [DIRECTORY_DATA_SOURCE],
      useFactory: (source: DataSource) => new DirectoryService(source, new PasswordHasher(DEFAULT_PASSWORD_HASH_OPTIONS)),
    };
    return {
      module: DirectoryDatabaseModule,
      providers: [...typeormDataSourceProviders(DIRECTORY_DATA_SOURCE, DIRECTORY_MODEL_SET), directory, credentials],
      exports: [DIRECTORY_DATA_SOURCE, DirectoryService, CREDENTIALS_VERIFIER],
    };
  }
}
