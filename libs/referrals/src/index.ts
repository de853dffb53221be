export * from './referrals-service.module';
