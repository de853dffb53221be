import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { DatabaseHealthIndicator, EventStoreHealthIndicator } from '@app/platform';
import { ProjectorHealthController } from './projector-health.controller';

/**
 * The read side: follows the event store and maintains the read models. Hosted by the `projector`
 * app in the distributed deployment and inside the gateway process in the embedded one.
 */
@Module({
  imports: [TerminusModule],
  controllers: [ProjectorHealthController],
  providers: [DatabaseHealthIndicator, EventStoreHealthIndicator],
})
export class ProjectorServiceModule {}
