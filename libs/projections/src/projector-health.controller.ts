import { Controller } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import {
  DatabaseHealthIndicator,
  EventStoreHealthIndicator,
  ServiceHealthSummary,
  ServicePatterns,
  summarise,
} from '@app/platform';
import { ProjectionRunners } from './projector/projection-runners';
import { projectionComponents } from './projector/projections-health';

@Controller()
export class ProjectorHealthController {
  constructor(
    private readonly database: DatabaseHealthIndicator,
    private readonly eventStore: EventStoreHealthIndicator,
    private readonly projections: ProjectionRunners,
  ) {}

  /** Down when the database or the store is, or any projection's runner fails or lags beyond the threshold. */
  @MessagePattern(ServicePatterns.projectorHealth)
  async health(): Promise<ServiceHealthSummary> {
    const base = summarise([await this.database.check(), await this.eventStore.check()]);
    let projections;
    try {
      projections = await this.projections.health();
    } catch (error) {
      return { status: 'down', components: { ...base.components, projections: `down: ${error instanceof Error ? error.message : String(error)}` } };
    }
    const up = base.status === 'up' && projections.every((p) => p.status === 'up');
    return { status: up ? 'up' : 'down', components: { ...base.components, ...projectionComponents(projections) } };
  }
}
