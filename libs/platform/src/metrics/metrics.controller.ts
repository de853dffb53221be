import { Controller, Get, Header } from '@nestjs/common';
import { register } from 'prom-client';
import { collectProcessMetrics } from './metrics';

/** Prometheus's text format of the default registry: every metric any part of the process registered. */
export class MetricsEndpoint {
  constructor() {
    collectProcessMetrics();
  }

  @Get()
  @Header('Content-Type', register.contentType)
  @Header('Cache-Control', 'no-store')
  metrics(): Promise<string> {
    return register.metrics();
  }
}

/** `GET /metrics` of an app without an authentication guard (referrals, projector). */
@Controller('metrics')
export class MetricsController extends MetricsEndpoint {}
