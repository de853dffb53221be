import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { DatabaseHealthIndicator, EventStoreHealthIndicator } from '@app/platform';
import { ProjectorHealthController } from './projector-health.controller';
import { ProjectionRunners, PROJECTOR_SETTINGS } from './projector/projection-runners';
import { loadProjectorSettings } from './projector/projector.settings';

/**
 * The read side: follows the event store and maintains the read models. Hosted by the `projector`
 * app in the distributed deployment and inside the gateway process in the embedded one. Needs the
 * read-model data source (`ReadModelDatabaseModule`, imported once by the hosting app).
 */
@Module({
  imports: [TerminusModule],
  controllers: [ProjectorHealthController],
  providers: [
    DatabaseHealthIndicator,
    EventStoreHealthIndicator,
    { provide: PROJECTOR_SETTINGS, useFactory: () => loadProjectorSettings(process.env) },
    ProjectionRunners,
  ],
  exports: [ProjectionRunners],
})
export class ProjectorServiceModule {}
