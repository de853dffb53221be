import { DynamicModule, Module } from '@nestjs/common';
import { PlatformConfig } from '@app/platform';
import { AgreementsController } from './agreements/agreements.controller';
import { loadAuthConfig } from './auth/auth.config';
import { AuthModule } from './auth/auth.module';
import { DemoDataSeeder } from './demo/demo-data.seeder';
import { DirectoryDatabaseModule } from './directory/directory-database.module';
import { WriteSideClient } from './write-side/write-side.client';

/** The public HTTP API under /api/v1, closed by default behind the JWT guard. */
@Module({})
export class HttpApiModule {
  static forRoot(config: PlatformConfig): DynamicModule {
    return {
      module: HttpApiModule,
      imports: [
        DirectoryDatabaseModule.forRoot(),
        AuthModule.forRoot(loadAuthConfig(config)),
      ],
      controllers: [AgreementsController],
      providers: [WriteSideClient, DemoDataSeeder],
      exports: [DemoDataSeeder],
    };
  }
}
