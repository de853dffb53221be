import { DynamicModule, InjectionToken, Module, ModuleMetadata } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DirectoryService } from './directory.service';
import { DEFAULT_PASSWORD_HASH_OPTIONS, PasswordHasher, PasswordHashOptions } from './password-hasher';

export interface DirectoryModuleOptions {
  /** Where to find the TypeORM DataSource; `DataSource` is @nestjs/typeorm's token for the default one. */
  dataSource?: InjectionToken;
  /** Modules that provide that token, when it is not global. */
  imports?: ModuleMetadata['imports'];
  passwordHashing?: PasswordHashOptions;
}

/** The directory's services over a DataSource someone else opens, migrates and closes. */
@Module({})
export class DirectoryModule {
  static forRoot(options: DirectoryModuleOptions = {}): DynamicModule {
    return {
      module: DirectoryModule,
      imports: options.imports ?? [],
      providers: [
        { provide: PasswordHasher, useValue: new PasswordHasher(options.passwordHashing ?? DEFAULT_PASSWORD_HASH_OPTIONS) },
        {
          provide: DirectoryService,
          useFactory: (dataSource: DataSource, hasher: PasswordHasher) => new DirectoryService(dataSource, hasher),
          inject: [options.dataSource ?? DataSource, PasswordHasher],
        },
      ],
      exports: [DirectoryService, PasswordHasher],
    };
  }
}
