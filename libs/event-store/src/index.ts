export * from './event-store.port';
export * from './event-store.errors';
export * from './validate-append';
export * from './postgres/postgres-event-store';
export * from './postgres/postgres-event-store.schema';
export * from './eventstoredb/eventstoredb-event-store';
export * from './integrity';
