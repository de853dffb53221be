import { Controller } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import {
  DatabaseHealthIndicator,
  EventStoreHealthIndicator,
  ServiceHealthSummary,
  ServicePatterns,
  summarise,
} from '@app/platform';

@Controller()
export class ProjectorHealthController {
  constructor(
    private readonly database: DatabaseHealthIndicator,
    private readonly eventStore: EventStoreHealthIndicator,
  ) {}

  @MessagePattern(ServicePatterns.projectorHealth)
  async health(): Promise<ServiceHealthSummary> {
    return summarise([await this.database.check(), await this.eventStore.check()]);
  }
}
