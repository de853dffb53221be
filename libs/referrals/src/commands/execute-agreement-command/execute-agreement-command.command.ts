import { Actor, AgreementCommand } from '@app/domain';
import { CommandOrigin } from '../../event-sourcing/command-executor';

/** Runs one agreement command for an authenticated actor; `expectedVersion` comes from If-Match. */
export class ExecuteAgreementCommand {
  constructor(
    readonly agreementId: string,
    readonly command: AgreementCommand,
    readonly actor: Actor,
    readonly origin: CommandOrigin,
    readonly expectedVersion?: number,
  ) {}
}
