import { Controller, DynamicModule, Get, Module } from '@nestjs/common';
import { HealthCheck, HealthCheckService, TerminusModule } from '@nestjs/terminus';
import {
  DatabaseHealthIndicator,
  DatabaseModule,
  EventStoreHealthIndicator,
  EventStoreModule,
  LoggingModule,
  MetricsController,
  PlatformConfig,
} from '@app/platform';
import { ReferralsServiceModule } from '@app/referrals';

@Controller('health')
class ReferralsHttpHealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: DatabaseHealthIndicator,
    private readonly eventStore: EventStoreHealthIndicator,
  ) {}

  @Get()
  @HealthCheck()
  check() {
    return this.health.check([() => this.database.check(), () => this.eventStore.check()]);
  }
}

/** The referrals service on its own, for the distributed deployment: HTTP for health, NATS for work. */
@Module({})
export class ReferralsAppModule {
  static forRoot(config: PlatformConfig): DynamicModule {
    return {
      module: ReferralsAppModule,
      imports: [LoggingModule.forRoot(config, 'referrals'), DatabaseModule.forRoot(config, 'referrals'), EventStoreModule, TerminusModule, ReferralsServiceModule],
      controllers: [ReferralsHttpHealthController, MetricsController],
      providers: [DatabaseHealthIndicator, EventStoreHealthIndicator],
    };
  }
}
