export * from './projector-service.module';
export * from './engine/projection';
export * from './engine/agreement-catalog';
