import { Global, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import { SqlClient } from '@app/database';
import { EventStore, EventStoreDbEventStore, PostgresEventStore } from '@app/event-store';
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

/** The event store the configuration names, on the process's SQL client or on EventStoreDB. */
@Global()
@Module({
  providers: [
    {
      provide: EVENT_STORE,
      inject: [PLATFORM_CONFIG, SQL_CLIENT],
      useFactory: async (config: PlatformConfig, sql: SqlClient): Promise<EventStore> =>
        config.eventStore === 'eventstoredb'
          ? EventStoreDbEventStore.connect(config.eventStoreUrl!)
          : PostgresEventStore.create(sql),
    },
    EventStoreCloser,
  ],
  exports: [EVENT_STORE],
})
export class EventStoreModule {}
