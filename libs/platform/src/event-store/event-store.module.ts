import { Global, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import { SqlClient } from '@app/database';
import { EventStore, EventStoreDbEventStore, HashChainedEventStore, PostgresEventStore } from '@app/event-store';
import { PLATFORM_CONFIG, PlatformConfig } from '../config/platform-config';
import { SQL_CLIENT } from '../database/database.module';

export const EVENT_STORE = Symbol('EVENT_STORE');

@Injectable()
class EventStoreCloser implements OnApplicationShutdown {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  // Runs before the SQL client closes: Nest shuts modules down in reverse order of their import.
  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}

/**
 * The event store the configuration names, on the SQL client (PostgreSQL, embedded or server) or on
 * EventStoreDB, with every appended event chained by hash to the one before it in its stream.
 */
export async function openEventStore(config: PlatformConfig, sql: SqlClient | undefined): Promise<EventStore> {
  if (config.eventStore === 'eventstoredb') return new HashChainedEventStore(EventStoreDbEventStore.connect(config.eventStoreUrl!));
  if (!sql) throw new Error('The PostgreSQL event store needs a SQL client');
  // No reader of the platform subscribes: projectors poll (PROJECTION_POLL_MS). A NOTIFY after
  // appends would reach no one and cost the database a statement for every few appends.
  return new HashChainedEventStore(await PostgresEventStore.create(sql, { notifyOtherProcesses: false }));
}

/** The process's event store (see `openEventStore`). */
@Global()
@Module({
  providers: [
    {
      provide: EVENT_STORE,
      inject: [PLATFORM_CONFIG, SQL_CLIENT],
      useFactory: (config: PlatformConfig, sql: SqlClient): Promise<EventStore> => openEventStore(config, sql),
    },
    EventStoreCloser,
  ],
  exports: [EVENT_STORE],
})
export class EventStoreModule {}
