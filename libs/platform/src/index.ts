export * from './config/platform-config';
export * from './database/database.module';
export * from './event-store/event-store.module';
export * from './transport/in-process.transport';
export * from './transport/service-clients.module';
export * from './health/health-indicators';
export * from './bootstrap/bootstrap';
