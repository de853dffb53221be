import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AgreementEvent } from '@app/domain';
import { CommandExecutor, Execution } from '../../event-sourcing/command-executor';
import { AGREEMENT_MODEL, agreementStream } from '../../streams';
import { ExecuteAgreementCommand } from './execute-agreement-command.command';

@CommandHandler(ExecuteAgreementCommand)
export class ExecuteAgreementCommandHandler implements ICommandHandler<ExecuteAgreementCommand, Execution<AgreementEvent>> {
  constructor(private readonly executor: CommandExecutor) {}

  execute({ agreementId, command, actor, origin, expectedVersion }: ExecuteAgreementCommand): Promise<Execution<AgreementEvent>> {
    return this.executor.execute(agreementStream(agreementId), AGREEMENT_MODEL, command, () => ({ actor }), origin, { expectedVersion });
  }
}
