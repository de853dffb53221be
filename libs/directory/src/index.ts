export * from './directory.types';
export * from './directory.errors';
export * from './directory.validation';
export * from './password-hasher';
export * from './directory.service';
export * from './directory.module';

export * from './entities/agency.entity';
export * from './entities/user.entity';
export * from './migrations/1795498708971-create-directory';
export * from './database/directory-data-source';

export * from './demo/demo-agencies';
export * from './demo/demo-users';
export * from './demo/lazio-agreement';
export * from './demo/seed-demo-directory';
