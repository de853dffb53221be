import { DynamicModule, Global, Injectable, Module, OnApplicationShutdown, Type } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
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

/** A provider that closes the clients under `tokens` when the application shuts down (Nest leaves that to whoever made them). */
export function clientsCloser(...tokens: symbol[]): Type<OnApplicationShutdown> {
  @Injectable()
  class ClientsCloser implements OnApplicationShutdown {
    constructor(private readonly modules: ModuleRef) {}

    async onApplicationShutdown(): Promise<void> {
      await Promise.all(
        tokens.map(async (token) => {
          await this.modules.get<ClientProxy>(token).close();
        }),
      );
    }
  }
  return ClientsCloser;
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
        clientsCloser(REFERRALS_CLIENT, PROJECTOR_CLIENT),
      ],
      exports: [REFERRALS_CLIENT, PROJECTOR_CLIENT],
    };
  }
}
