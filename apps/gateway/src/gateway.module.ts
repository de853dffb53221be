import { DynamicModule, Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import {
  DatabaseHealthIndicator,
  DatabaseModule,
  EventStoreModule,
  EventStoreHealthIndicator,
  InProcessBroker,
  LoggingModule,
  PlatformConfig,
  ServiceClientsModule,
  ServiceHealthIndicator,
  TransportHealthIndicator,
} from '@app/platform';
import { ProjectorServiceModule, ReadModelDatabaseModule } from '@app/projections';
import { ReferralsServiceModule } from '@app/referrals';
import { HttpApiModule } from '@app/http-api';
import { GatewayHealthController } from './gateway-health.controller';
import { GatewayMetricsController } from './gateway-metrics.controller';

@Module({})
export class GatewayModule {
  /** In embedded mode the referrals and projector services run in this process, behind the in-process transport. */
  static forRoot(config: PlatformConfig, broker: InProcessBroker): DynamicModule {
    const embedded = config.mode === 'embedded' ? [ReferralsServiceModule, ProjectorServiceModule] : [];
    return {
      module: GatewayModule,
      imports: [
        LoggingModule.forRoot(config, 'gateway'),
        DatabaseModule.forRoot(config, 'gateway'),
        // Appends go through the referrals service only; the gateway reads streams for audit.
        EventStoreModule,
        // Both deployments: the gateway queries read models; embedded, the projector here also writes them.
        ReadModelDatabaseModule.forRoot(),
        ...embedded,
        TerminusModule,
        ServiceClientsModule.forRoot(config, broker),
        HttpApiModule.forRoot(config),
      ],
      controllers: [GatewayHealthController, GatewayMetricsController],
      providers: [DatabaseHealthIndicator, EventStoreHealthIndicator, ServiceHealthIndicator, TransportHealthIndicator],
    };
  }
}
