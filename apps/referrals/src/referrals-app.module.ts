import { Controller, DynamicModule, Get, Inject, Module } from '@nestjs/common';
import { ClientProxy } from '@nestjs/microservices';
import { HealthCheck, HealthCheckService, TerminusModule } from '@nestjs/terminus';
import {
  DatabaseHealthIndicator,
  DatabaseModule,
  EventStoreHealthIndicator,
  EventStoreModule,
  InProcessBroker,
  LoggingModule,
  MetricsController,
  PlatformConfig,
  REFERRALS_CLIENT,
  ServiceClientsModule,
  TransportHealthIndicator,
} from '@app/platform';
import { ReferralsServiceModule } from '@app/referrals';

@Controller('health')
class ReferralsHttpHealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: DatabaseHealthIndicator,
    private readonly eventStore: EventStoreHealthIndicator,
    private readonly transport: TransportHealthIndicator,
    @Inject(REFERRALS_CLIENT) private readonly nats: ClientProxy,
  ) {}

  @Get()
  @HealthCheck()
  check() {
    return this.health.check([() => this.database.check(), () => this.eventStore.check(), () => this.transport.check(this.nats)]);
  }
}

/** The referrals service on its own, for the distributed deployment: HTTP for health, NATS for work. */
@Module({})
export class ReferralsAppModule {
  static forRoot(config: PlatformConfig): DynamicModule {
    return {
      module: ReferralsAppModule,
      imports: [
        LoggingModule.forRoot(config, 'referrals'),
        DatabaseModule.forRoot(config, 'referrals'),
        EventStoreModule,
        TerminusModule,
        // A client of its own, only to ask the NATS server for a PONG in /health.
        ServiceClientsModule.forRoot(config, new InProcessBroker()),
        ReferralsServiceModule,
      ],
      controllers: [ReferralsHttpHealthController, MetricsController],
      providers: [DatabaseHealthIndicator, EventStoreHealthIndicator, TransportHealthIndicator],
    };
  }
}
