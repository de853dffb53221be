export * from './projector-service.module';
