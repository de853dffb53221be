import { Controller, Get, Inject, Res, ServiceUnavailableException } from '@nestjs/common';
import type { Response } from 'express';
import { ClientProxy } from '@nestjs/microservices';
import { HealthCheck, HealthCheckResult, HealthCheckService } from '@nestjs/terminus';
import { Public } from '@app/http-api';
import {
  DatabaseHealthIndicator,
  EventStoreHealthIndicator,
  PROJECTOR_CLIENT,
  REFERRALS_CLIENT,
  ServiceHealthIndicator,
  ServicePatterns,
  TransportHealthIndicator,
} from '@app/platform';

/**
 * The platform's health as the gateway sees it: its database, the event store it reads for audit, each
 * service behind the transport (the projector's summary includes its projections' lag) and the transport.
 */
@Public()
@Controller('health')
export class GatewayHealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: DatabaseHealthIndicator,
    private readonly eventStore: EventStoreHealthIndicator,
    private readonly services: ServiceHealthIndicator,
    private readonly transport: TransportHealthIndicator,
    @Inject(REFERRALS_CLIENT) private readonly referrals: ClientProxy,
    @Inject(PROJECTOR_CLIENT) private readonly projector: ClientProxy,
  ) {}

  /** 503 keeps terminus's body (each component's status), not the problem-details shape of API errors. */
  @Get()
  @HealthCheck()
  async check(@Res({ passthrough: true }) response: Response): Promise<HealthCheckResult> {
    try {
      return await this.checkComponents();
    } catch (error) {
      if (!(error instanceof ServiceUnavailableException)) throw error;
      response.status(503);
      return error.getResponse() as HealthCheckResult;
    }
  }

  private checkComponents(): Promise<HealthCheckResult> {
    return this.health.check([
      () => this.database.check(),
      () => this.eventStore.check(),
      () => this.services.check('referrals', this.referrals, ServicePatterns.referralsHealth),
      () => this.services.check('projector', this.projector, ServicePatterns.projectorHealth),
      () => this.transport.check(this.referrals),
    ]);
  }
}
