import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { TerminusModule } from '@nestjs/terminus';
import { EventStore } from '@app/event-store';
import { EVENT_STORE, EventStoreHealthIndicator } from '@app/platform';
import { AgreementStates } from './agreement-states';
import { ExecuteAgreementCommandHandler } from './commands/execute-agreement-command/execute-agreement-command.handler';
import { ExecuteReferralCommandHandler } from './commands/execute-referral-command/execute-referral-command.handler';
import { CommandExecutor } from './event-sourcing/command-executor';
import { ReferralsHealthController } from './referrals-health.controller';
import { ReferralsMessagesController } from './referrals-messages.controller';

/**
 * The write side: executes commands against the event store. Hosted by the `referrals` app in the
 * distributed deployment and inside the gateway process in the embedded one.
 */
@Module({
  imports: [TerminusModule, CqrsModule],
  controllers: [ReferralsHealthController, ReferralsMessagesController],
  providers: [
    EventStoreHealthIndicator,
    { provide: CommandExecutor, inject: [EVENT_STORE], useFactory: (store: EventStore) => new CommandExecutor(store) },
    { provide: AgreementStates, inject: [EVENT_STORE], useFactory: (store: EventStore) => new AgreementStates(store) },
    ExecuteReferralCommandHandler,
    ExecuteAgreementCommandHandler,
  ],
})
export class ReferralsServiceModule {}
