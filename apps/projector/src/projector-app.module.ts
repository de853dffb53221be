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
  PROJECTOR_CLIENT,
  ServiceClientsModule,
  TransportHealthIndicator,
} from '@app/platform';
import { ProjectionRunners, ProjectorServiceModule, ReadModelDatabaseModule } from '@app/projections';

@Controller('health')
class ProjectorHttpHealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: DatabaseHealthIndicator,
    private readonly eventStore: EventStoreHealthIndicator,
    private readonly transport: TransportHealthIndicator,
    @Inject(PROJECTOR_CLIENT) private readonly nats: ClientProxy,
    private readonly projections: ProjectionRunners,
  ) {}

  @Get()
  @HealthCheck()
  check() {
    return this.health.check([() => this.database.check(), () => this.eventStore.check(), () => this.transport.check(this.nats), () => this.projections.indicator()]);
  }
}

/** The projector service on its own, for the distributed deployment: HTTP for health, NATS for work. */
@Module({})
export class ProjectorAppModule {
  static forRoot(config: PlatformConfig): DynamicModule {
    return {
      module: ProjectorAppModule,
      imports: [
        LoggingModule.forRoot(config, 'projector'),
        DatabaseModule.forRoot(config, 'projector'),
        EventStoreModule,
        ReadModelDatabaseModule.forRoot(),
        TerminusModule,
        // A client of its own, only to ask the NATS server for a PONG in /health.
        ServiceClientsModule.forRoot(config, new InProcessBroker()),
        ProjectorServiceModule,
      ],
      controllers: [ProjectorHttpHealthController, MetricsController],
      providers: [DatabaseHealthIndicator, EventStoreHealthIndicator, TransportHealthIndicator],
    };
  }
}
