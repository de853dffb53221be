import { Controller, DynamicModule, Get, Inject, Module, ModuleMetadata, Type } from '@nestjs/common';
import { ModuleRef, NestFactory } from '@nestjs/core';
import { ClientProxy, ClientProxyFactory, Transport } from '@nestjs/microservices';
import { HealthCheck, HealthCheckService, HealthIndicatorResult, TerminusModule } from '@nestjs/terminus';
import { PlatformConfig } from '../config/platform-config';
import { DatabaseModule } from '../database/database.module';
import { EventStoreModule } from '../event-store/event-store.module';
import { DatabaseHealthIndicator, EventStoreHealthIndicator, TransportHealthIndicator } from '../health/health-indicators';
import { LoggingModule, useStructuredLogs } from '../logging/logging.module';
import { MetricsController } from '../metrics/metrics.controller';
import { clientsCloser } from '../transport/service-clients.module';
import { describeListening, loadConfigOrExit, nestLogLevels, serveOverNats } from './bootstrap';

/** A provider of the service's own modules that adds an indicator to the app's /health. */
export interface ServiceHealthContributor {
  indicator(): Promise<HealthIndicatorResult>;
}

/** What one service app of the distributed deployment (referrals, projector) adds to what they share. */
export interface ServiceAppSpec {
  /** In its logs, as its NATS queue group, and (capitalised) in its start-up line. */
  name: string;
  /** Its HTTP port (health, metrics) unless PORT says otherwise. */
  port: number;
  /** The service's own modules: its message handlers and what they need. */
  imports: NonNullable<ModuleMetadata['imports']>;
  /** Providers of those modules whose indicators join the database's, the event store's and NATS's. */
  health?: Type<ServiceHealthContributor>[];
}

/** A NATS connection of the app's own, only for the server's PONG in /health. */
const NATS_HEALTH_CLIENT = Symbol('NATS_HEALTH_CLIENT');

function healthController(contributors: readonly Type<ServiceHealthContributor>[]): Type {
  @Controller('health')
  class ServiceHealthController {
    constructor(
      private readonly health: HealthCheckService,
      private readonly database: DatabaseHealthIndicator,
      private readonly eventStore: EventStoreHealthIndicator,
      private readonly transport: TransportHealthIndicator,
      @Inject(NATS_HEALTH_CLIENT) private readonly nats: ClientProxy,
      private readonly modules: ModuleRef,
    ) {}

    @Get()
    @HealthCheck()
    check() {
      return this.health.check([
        () => this.database.check(),
        () => this.eventStore.check(),
        () => this.transport.check(this.nats),
        ...contributors.map((type) => () => this.modules.get(type, { strict: false }).indicator()),
      ]);
    }
  }
  return ServiceHealthController;
}

/** The service app's module: logs, database, event store, health and metrics over HTTP, and the service's own modules. */
@Module({})
export class ServiceAppModule {
  static forRoot(config: PlatformConfig, spec: Omit<ServiceAppSpec, 'port'>): DynamicModule {
    return {
      module: ServiceAppModule,
      imports: [LoggingModule.forRoot(config, spec.name), DatabaseModule.forRoot(config, spec.name), EventStoreModule, TerminusModule, ...spec.imports],
      controllers: [healthController(spec.health ?? []), MetricsController],
      providers: [
        DatabaseHealthIndicator,
        EventStoreHealthIndicator,
        TransportHealthIndicator,
        { provide: NATS_HEALTH_CLIENT, useFactory: () => ClientProxyFactory.create({ transport: Transport.NATS, options: { servers: [config.natsUrl!] } }) },
        clientsCloser(NATS_HEALTH_CLIENT),
      ],
    };
  }
}

/** Starts a service app alone, as the distributed deployment runs it: NATS for its work, HTTP for health and metrics. */
export async function runServiceApp(spec: ServiceAppSpec): Promise<void> {
  const config = loadConfigOrExit({ port: spec.port });
  if (config.mode !== 'distributed') {
    console.error(`The ${spec.name} app runs alone only in the distributed deployment: set NATS_URL and DATABASE_URL. For the embedded platform run \`npm start\`.`);
    process.exit(2);
  }
  const app = await NestFactory.create(ServiceAppModule.forRoot(config, spec), { logger: nestLogLevels(config.logLevel), bufferLogs: true });
  useStructuredLogs(app);
  app.enableShutdownHooks();
  await serveOverNats(app, config, spec.name);
  await app.listen(config.port);
  describeListening(app, spec.name.charAt(0).toUpperCase() + spec.name.slice(1), config);
}
