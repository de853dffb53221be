import { Inject, Injectable } from '@nestjs/common';
import { ClientProxy } from '@nestjs/microservices';
import { HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import { firstValueFrom, timeout } from 'rxjs';
import { SqlClient } from '@app/database';
import { EventStore } from '@app/event-store';
import { SQL_CLIENT } from '../database/database.module';
import { PLATFORM_CONFIG, PlatformConfig } from '../config/platform-config';
import { EVENT_STORE } from '../event-store/event-store.module';

const PROBE_TIMEOUT_MS = 3000;

function withTimeout<T>(promise: Promise<T>, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what} did not answer within ${PROBE_TIMEOUT_MS} ms`)), PROBE_TIMEOUT_MS);
    promise.then(
      (value) => (clearTimeout(timer), resolve(value)),
      (error: Error) => (clearTimeout(timer), reject(error)),
    );
  });
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Up when the probe answers in time, down with its error otherwise; `data` goes with either. */
async function probe(
  health: HealthIndicatorService,
  key: string,
  what: string,
  work: () => Promise<unknown>,
  data: Record<string, string>,
): Promise<HealthIndicatorResult> {
  const indicator = health.check(key);
  try {
    await withTimeout(work(), what);
    return indicator.up(data);
  } catch (error) {
    return indicator.down({ ...data, message: messageOf(error) });
  }
}

@Injectable()
export class DatabaseHealthIndicator {
  constructor(
    private readonly health: HealthIndicatorService,
    @Inject(SQL_CLIENT) private readonly sql: SqlClient,
  ) {}

  check(key = 'database'): Promise<HealthIndicatorResult> {
    return probe(this.health, key, 'database', () => this.sql.query('SELECT 1'), { engine: this.sql.engine });
  }
}

@Injectable()
export class EventStoreHealthIndicator {
  constructor(
    private readonly health: HealthIndicatorService,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  check(key = 'eventStore'): Promise<HealthIndicatorResult> {
    return probe(this.health, key, 'event store', () => this.store.ping(), { adapter: this.store.adapter });
  }
}

/**
 * The transport as this process reaches it: with NATS, a PING over the client's connection that the
 * NATS server answers; the in-process transport cannot fail apart from the process itself.
 */
@Injectable()
export class TransportHealthIndicator {
  constructor(
    private readonly health: HealthIndicatorService,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
  ) {}

  check(client: ClientProxy, key = 'transport'): Promise<HealthIndicatorResult> {
    const kind = this.config.natsUrl ? 'nats' : 'in-process';
    return probe(
      this.health,
      key,
      'transport',
      async () => {
        if (kind !== 'nats') return;
        await client.connect();
        await client.unwrap<{ flush(): Promise<void> }>().flush();
      },
      { kind },
    );
  }
}

/** Asks another service, over the configured transport, for its own health summary. */
@Injectable()
export class ServiceHealthIndicator {
  constructor(private readonly health: HealthIndicatorService) {}

  async check(key: string, client: ClientProxy, pattern: string): Promise<HealthIndicatorResult> {
    const indicator = this.health.check(key);
    try {
      const answer = await firstValueFrom(
        client.send<ServiceHealthSummary>(pattern, {}).pipe(timeout(PROBE_TIMEOUT_MS)),
      );
      return answer.status === 'up' ? indicator.up({ ...answer.components }) : indicator.down({ ...answer.components });
    } catch (error) {
      return indicator.down({ message: messageOf(error) });
    }
  }
}

/** What a service answers to a health request over the transport. */
export interface ServiceHealthSummary {
  status: 'up' | 'down';
  components: Record<string, string>;
}

export function summarise(results: HealthIndicatorResult[]): ServiceHealthSummary {
  const components: Record<string, string> = {};
  for (const result of results) for (const [key, value] of Object.entries(result)) components[key] = value.status;
  return { status: Object.values(components).every((s) => s === 'up') ? 'up' : 'down', components };
}
