import { DynamicModule, Global, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import { ClientProxy, ClientProxyFactory, Transport } from '@nestjs/microservices';
import { PlatformConfig } from '../config/platform-config';
import { InProcessBroker, InProcessClient } from './in-process.transport';

export const REFERRALS_CLIENT = Symbol('REFERRALS_CLIENT');
export const PROJECTOR_CLIENT = Symbol('PROJECTOR_CLIENT');

/** Message patterns the services answer; the gateway is their only caller. */
export const ServicePatterns = {
  referralsHealth: 'referrals.health',
  projectorHealth: 'projector.health',
  executeReferralCommand: 'referrals.execute',
  loadReferral: 'referrals.load',
  executeAgreementCommand: 'agreements.execute',
  loadAgreement: 'agreements.load',
  listAgreements: 'agreements.list',
} as const;

@Injectable()
class ServiceClientsCloser implements OnApplicationShutdown {
  constructor(
    @Inject(REFERRALS_CLIENT) private readonly referrals: ClientProxy,
    @Inject(PROJECTOR_CLIENT) private readonly projector: ClientProxy,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([this.referrals.close(), this.projector.close()]);
  }
}

/** How the gateway reaches the referrals and projector services: NATS when configured, in-process otherwise. */
@Global()
@Module({})
export class ServiceClientsModule {
  static forRoot(config: PlatformConfig, broker: InProcessBroker): DynamicModule {
    const client = (): ClientProxy =>
      config.natsUrl
        ? ClientProxyFactory.create({ transport: Transport.NATS, options: { servers: [config.natsUrl] } })
        : new InProcessClient(broker);
    return {
      module: ServiceClientsModule,
      providers: [
        { provide: REFERRALS_CLIENT, useFactory: client },
        { provide: PROJECTOR_CLIENT, useFactory: client },
        ServiceClientsCloser,
      ],
      exports: [REFERRALS_CLIENT, PROJECTOR_CLIENT],
    };
  }
}
