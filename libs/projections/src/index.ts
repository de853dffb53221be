export * from './projector-service.module';
export * from './engine/projection';
export * from './engine/agreement-catalog';
export * from './protocol-compliance/protocol-compliance.projection';
export * from './protocol-compliance/protocol-compliance.queries';
export * from './protocol-compliance/1796200000000-create-protocol-compliance';
