export * from './sql-client';
export * from './pg-sql-client';
export * from './pglite-sql-client';
export * from './migrations';
export * from './open-sql-client';
export * from './typeorm/pglite-typeorm-driver';
export * from './typeorm/typeorm-data-source';
export * from './data-dir-lock';
