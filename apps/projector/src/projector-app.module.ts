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
import { ProjectionRunners, ProjectorServiceModule, ReadModelDatabaseModule } from '@app/projections';

@Controller('health')
class ProjectorHttpHealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: DatabaseHealthIndicator,
    private readonly eventStore: EventStoreHealthIndicator,
    private readonly projections: ProjectionRunners,
  ) {}

  @Get()
  @HealthCheck()
  check() {
    return this.health.check([() => this.database.check(), () => this.eventStore.check(), () => this.projections.indicator()]);
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
        ProjectorServiceModule,
      ],
      controllers: [ProjectorHttpHealthController, MetricsController],
      providers: [DatabaseHealthIndicator, EventStoreHealthIndicator],
    };
  }
}
