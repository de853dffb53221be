export * from './referrals-service.module';
export * from './streams';
export * from './agreement-states';
export * from './event-sourcing/command-executor';
export * from './commands/execute-referral-command/execute-referral-command.command';
export * from './commands/execute-referral-command/execute-referral-command.handler';
export * from './commands/execute-agreement-command/execute-agreement-command.command';
export * from './referrals-messages.controller';
