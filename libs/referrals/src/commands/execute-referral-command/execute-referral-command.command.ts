import { Actor, ReferralCommand } from '@app/domain';
import { CommandOrigin } from '../../event-sourcing/command-executor';

/**
 * Runs one referral command for an authenticated actor. `expectedVersion` comes from If-Match; for a
 * submission, the referral id is derived from the caller's Idempotency-Key (see `submissionReferralId`).
 */
export class ExecuteReferralCommand {
  constructor(
    readonly referralId: string,
    readonly command: ReferralCommand,
    readonly actor: Actor,
    readonly origin: CommandOrigin,
    readonly expectedVersion?: number,
  ) {}
}
