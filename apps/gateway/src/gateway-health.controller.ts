import { Controller, Get, Inject } from '@nestjs/common';
import { ClientProxy } from '@nestjs/microservices';
import { HealthCheck, HealthCheckService } from '@nestjs/terminus';
import {
  DatabaseHealthIndicator,
  PLATFORM_CONFIG,
  PlatformConfig,
  PROJECTOR_CLIENT,
  REFERRALS_CLIENT,
  ServiceHealthIndicator,
  ServicePatterns,
} from '@app/platform';

/** The platform's health as the gateway sees it: its database and each service behind the transport. */
@Controller('health')
export class GatewayHealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: DatabaseHealthIndicator,
    private readonly services: ServiceHealthIndicator,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
    @Inject(REFERRALS_CLIENT) private readonly referrals: ClientProxy,
    @Inject(PROJECTOR_CLIENT) private readonly projector: ClientProxy,
  ) {}

  @Get()
  @HealthCheck()
  check() {
    return this.health.check([
      () => this.database.check(),
      () => this.services.check('referrals', this.referrals, ServicePatterns.referralsHealth),
      () => this.services.check('projector', this.projector, ServicePatterns.projectorHealth),
      async () => ({ transport: { status: 'up' as const, kind: this.config.natsUrl ? 'nats' : 'in-process' } }),
    ]);
  }
}
