export * from './http-api.module';
export * from './auth/authenticated-user';
export * from './auth/public.decorator';
export * from './demo/demo-data.seeder';
export * from './openapi';
