import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { EventStoreHealthIndicator } from '@app/platform';
import { ReferralsHealthController } from './referrals-health.controller';

/**
 * The write side: executes commands against the event store. Hosted by the `referrals` app in the
 * distributed deployment and inside the gateway process in the embedded one.
 */
@Module({
  imports: [TerminusModule],
  controllers: [ReferralsHealthController],
  providers: [EventStoreHealthIndicator],
})
export class ReferralsServiceModule {}
