export * from './access-log/access-log.entity';
export * from './access-log/access-log.store';
export * from './migrations/1796166000000-create-access-log';
export * from './database/audit-data-source';
