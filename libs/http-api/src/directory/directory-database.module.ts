import { DynamicModule, Global, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PgliteSqlClient, SqlClient } from '@app/database';
import { DEFAULT_PASSWORD_HASH_OPTIONS, directoryDataSourceOptions, DirectoryService, PasswordHasher, runDirectoryMigrations } from '@app/directory';
import { PLATFORM_CONFIG, PlatformConfig, SQL_CLIENT } from '@app/platform';
import { CREDENTIALS_VERIFIER, CredentialsVerifier } from '../auth/authenticated-user';

export const DIRECTORY_DATA_SOURCE = Symbol('DIRECTORY_DATA_SOURCE');

@Injectable()
class DirectoryDataSourceCloser implements OnApplicationShutdown {
  constructor(@Inject(DIRECTORY_DATA_SOURCE) private readonly dataSource: DataSource) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}

/**
 * The directory's TypeORM data source on the process's database: the server at DATABASE_URL, or the
 * very PGlite instance the rest of the process uses (PGlite is one connection; a second instance on
 * the same files would corrupt them). Migrations run at start-up, before anything reads.
 */
@Global()
@Module({})
export class DirectoryDatabaseModule {
  static forRoot(): DynamicModule {
    const dataSource = {
      provide: DIRECTORY_DATA_SOURCE,
      inject: [PLATFORM_CONFIG, SQL_CLIENT],
      useFactory: async (config: PlatformConfig, sql: SqlClient): Promise<DataSource> => {
        const options =
          sql instanceof PgliteSqlClient
            ? directoryDataSourceOptions({ pglite: sql.unwrap() })
            : directoryDataSourceOptions({ databaseUrl: config.databaseUrl!, applicationName: 'gateway-directory' });
        const source = await new DataSource(options).initialize();
        await runDirectoryMigrations(source);
        return source;
      },
    };
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
      providers: [dataSource, DirectoryDataSourceCloser, directory, credentials],
      exports: [DIRECTORY_DATA_SOURCE, DirectoryService, CREDENTIALS_VERIFIER],
    };
  }
}
