import { isDeepStrictEqual } from 'node:util';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { v5 as uuidv5 } from 'uuid';
import { AgreementVersion, agreementVersion, ReferralCommand, ReferralEvent, ReferralNotFound, ReferralState, SubmitReferral } from '@app/domain';
import { CommandExecutor, Execution, Loaded } from '../../event-sourcing/command-executor';
import { AgreementStates } from '../../agreement-states';
import { REFERRAL_MODEL, referralStream } from '../../streams';
import { ExecuteReferralCommand } from './execute-referral-command.command';

/** Namespace of the name-based ids below; fixed forever, or repeated submissions would get new ids. */
const SUBMISSION_NAMESPACE = '6f0b7c62-2f51-4a8e-9c1d-3b0f1f8f5a11';

/** The same agency and Idempotency-Key always name the same referral. */
export function submissionReferralId(agencyId: string, idempotencyKey: string): string {
  return uuidv5(`${agencyId}\n${idempotencyKey}`, SUBMISSION_NAMESPACE);
}

export class IdempotencyKeyReused extends Error {
  readonly code = 'IDEMPOTENCY_KEY_REUSED';

  constructor(readonly referralId: string) {
    super('This Idempotency-Key was already used for a different referral');
    this.name = 'IdempotencyKeyReused';
  }
}

@CommandHandler(ExecuteReferralCommand)
export class ExecuteReferralCommandHandler implements ICommandHandler<ExecuteReferralCommand, Execution<ReferralEvent, ReferralState>> {
  constructor(
    private readonly executor: CommandExecutor,
    private readonly agreements: AgreementStates,
  ) {}

  async execute({ referralId, command, actor, origin, expectedVersion }: ExecuteReferralCommand): Promise<Execution<ReferralEvent, ReferralState>> {
    const stream = referralStream(referralId);
    if (command.type === 'SubmitReferral' && command.data.referralId !== referralId) throw new Error('SubmitReferral names another referral than its stream');
    return this.executor.execute(
      stream,
      REFERRAL_MODEL,
      command,
      async (loaded) => ({ actor, agreement: await this.agreementFor(command, loaded) }),
      origin,
      {
        expectedVersion,
        alreadyDone: command.type === 'SubmitReferral' ? (loaded) => this.repeatedSubmission(loaded, command, actor) : undefined,
        // A submission's referral is new unless this is a repeat, which the append then finds out.
        startsStream: command.type === 'SubmitReferral',
      },
    );
  }

  /** A referral is judged by the agreement version it was submitted under; a submission by the current one. */
  private async agreementFor(command: ReferralCommand, loaded: Loaded<ReferralState>): Promise<AgreementVersion> {
    if (command.type === 'SubmitReferral') return agreementVersion((await this.agreements.load(command.data.agreementId)).state);
    if (loaded.state.stage === 'none') throw new ReferralNotFound();
    return agreementVersion((await this.agreements.load(loaded.state.agreementId)).state, loaded.state.agreementVersion);
  }

  /**
   * A submission whose referral already exists is a repeat when deciding it afresh would record the
   * same submission (everything but the instant); then nothing is appended and the existing referral
   * is the answer. Anything else is a reuse of the key for another referral.
   */
  private async repeatedSubmission(
    loaded: Loaded<ReferralState>,
    command: SubmitReferral,
    actor: ExecuteReferralCommand['actor'],
  ): Promise<Execution<ReferralEvent, ReferralState> | undefined> {
    if (loaded.version === 0) return undefined;
    const [first] = loaded.history.map((recorded) => REFERRAL_MODEL.upcast(recorded));
    const agreement = await this.agreementFor(command, { ...loaded, state: REFERRAL_MODEL.decider.initialState() });
    const [fresh] = REFERRAL_MODEL.decider.decide(command, REFERRAL_MODEL.decider.initialState(), { actor, agreement });
    const withoutInstant = (event: ReferralEvent | undefined) => ({ ...event, data: { ...(event?.data ?? {}), at: undefined } });
    if (!isDeepStrictEqual(withoutInstant(first), withoutInstant(fresh))) throw new IdempotencyKeyReused(command.data.referralId);
    return { events: [], version: loaded.version, state: loaded.state };
  }
}
