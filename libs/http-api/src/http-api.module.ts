import { DynamicModule, Module } from '@nestjs/common';
import { PlatformConfig } from '@app/platform';
import { AgreementsController } from './agreements/agreements.controller';
import { CaseRoutingController } from './case-routing/case-routing.controller';
import { ComplianceController } from './compliance/compliance.controller';
import { complianceQueriesProvider } from './compliance/compliance-queries.provider';
import { PersonalDataModule } from './personal-data/personal-data.module';
import { ReferralsController } from './referrals/referrals.controller';
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
        PersonalDataModule,
        AuthModule.forRoot(loadAuthConfig(config)),
      ],
      // CaseRoutingController before ReferralsController: `referrals/counts` must match before `referrals/:id`.
      controllers: [AgreementsController, CaseRoutingController, ReferralsController, ComplianceController],
      providers: [WriteSideClient, DemoDataSeeder, complianceQueriesProvider],
      exports: [DemoDataSeeder],
    };
  }
}
