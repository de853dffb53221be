export * from './personal-data.errors';
export * from './personal-data.record';
export * from './master-key';
export * from './master-key.file';
export * from './personal-data.schema';
export * from './personal-data-vault';
export * from './configured-master-keys';
