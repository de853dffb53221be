import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import { Counter, Gauge, register } from 'prom-client';
import type { DataSource } from 'typeorm';
import type { EventStore } from '@app/event-store';
import { EVENT_STORE } from '@app/platform';
import { measureLag, ProjectionLag } from '../engine/projection-lag';
import { ProjectionRunner } from '../engine/projection-runner';
import { createProjections } from '../projections.registry';
import { READ_MODEL_DATA_SOURCE } from '../read-model/read-model-database.module';
import { ProjectorSettings } from './projector.settings';

export const PROJECTOR_SETTINGS = Symbol('PROJECTOR_SETTINGS');

export interface ProjectionHealth extends ProjectionLag {
  status: 'up' | 'down';
  failure: string | null;
}

/** prom-client keeps metrics per registry and name: one of each per process, whoever creates runners. */
function metric<T>(name: string, create: () => T): T {
  return (register.getSingleMetric(name) as T | undefined) ?? create();
}

/** Down while its runner is failing, or when the oldest event it has not applied waited longer than allowed. */
export function projectionStatus(lag: Pick<ProjectionLag, 'lagSeconds'>, failure: string | null, maxLagSeconds: number): 'up' | 'down' {
  return failure === null && lag.lagSeconds <= maxLagSeconds ? 'up' : 'down';
}

/** Runner sets of this process that are running (tests start several apps in one process). */
const running = new Set<ProjectionRunners>();

/** Measured when scraped, from the stored checkpoints. */
function lagGauge(): Gauge {
  return metric(
    'projection_lag_seconds',
    () =>
      new Gauge({
        name: 'projection_lag_seconds',
        help: 'Age in seconds of the oldest event a projection has not applied yet (0 when caught up)',
        labelNames: ['projection'],
        async collect() {
          for (const runners of running) for (const health of await runners.health()) this.set({ projection: health.name }, health.lagSeconds);
        },
      }),
  );
}

/**
 * The projector's runners: one per registered projection, started once the application has
 * bootstrapped (migrations done) and stopped before the data source and the event store close.
 */
@Injectable()
export class ProjectionRunners implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Projector');
  private readonly runners: ProjectionRunner[];

  constructor(
    @Inject(READ_MODEL_DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(PROJECTOR_SETTINGS) private readonly settings: ProjectorSettings,
    private readonly indicators: HealthIndicatorService,
  ) {
    const applied = metric('projection_events_applied_total', () => new Counter({ name: 'projection_events_applied_total', help: 'Events applied to read models', labelNames: ['projection'] }));
    this.runners = createProjections().map(
      (projection) =>
        new ProjectionRunner(projection, dataSource, store, {
          batchSize: settings.batchSize,
          pollIntervalMs: settings.pollIntervalMs,
          onError: (name, error) => this.logger.error(`Projection ${name} failed, retrying: ${error instanceof Error ? error.message : String(error)}`),
          onBatch: (name, events) => applied.inc({ projection: name }, events),
        }),
    );
    lagGauge();
  }

  onApplicationBootstrap(): void {
    running.add(this);
    for (const runner of this.runners) runner.start();
    this.logger.log(`Running projections: ${this.runners.map((runner) => runner.projection.name).join(', ')}`);
  }

  async beforeApplicationShutdown(): Promise<void> {
    running.delete(this);
    await Promise.all(this.runners.map((runner) => runner.stop()));
  }

  /** Each projection's checkpoint and lag; down when its runner is failing or the lag exceeds the threshold. */
  async health(): Promise<ProjectionHealth[]> {
    return Promise.all(
      this.runners.map(async (runner) => {
        const { failure } = runner.status();
        const lag = await measureLag(this.dataSource, this.store, runner.projection);
        return { ...lag, status: projectionStatus(lag, failure, this.settings.maxLagSeconds), failure };
      }),
    );
  }

  /** The same, as a terminus indicator (the projector app's HTTP /health). */
  async indicator(key = 'projections'): Promise<HealthIndicatorResult> {
    const indicator = this.indicators.check(key);
    try {
      const projections = await this.health();
      const data = Object.fromEntries(projections.map(({ name, ...rest }) => [name, rest]));
      return projections.every((p) => p.status === 'up') ? indicator.up(data) : indicator.down(data);
    } catch (error) {
      return indicator.down({ message: error instanceof Error ? error.message : String(error) });
    }
  }
}
