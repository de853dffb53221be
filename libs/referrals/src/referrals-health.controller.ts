import { Controller } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { EventStoreHealthIndicator, ServiceHealthSummary, ServicePatterns, summarise } from '@app/platform';

@Controller()
export class ReferralsHealthController {
  constructor(private readonly eventStore: EventStoreHealthIndicator) {}

  @MessagePattern(ServicePatterns.referralsHealth)
  async health(): Promise<ServiceHealthSummary> {
    return summarise([await this.eventStore.check()]);
  }
}
