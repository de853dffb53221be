import { Controller, Inject, Logger } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { MessagePattern, Payload, RpcException } from '@nestjs/microservices';
import { Actor, AgreementCommand, AgreementState, ReferralCommand, ReferralState } from '@app/domain';
import { EventStore } from '@app/event-store';
import { commandDuration, EVENT_STORE, ServicePatterns, toServiceError, withCorrelationId } from '@app/platform';
import { ExecuteAgreementCommand } from './commands/execute-agreement-command/execute-agreement-command.command';
import { ExecuteReferralCommand } from './commands/execute-referral-command/execute-referral-command.command';
import { CommandExecutor, CommandOrigin, Execution } from './event-sourcing/command-executor';
import { AgreementStates } from './agreement-states';
import { AGREEMENT_MODEL, agreementStream, REFERRAL_MODEL, referralStream } from './streams';

export interface ExecuteReferralRequest {
  referralId: string;
  command: ReferralCommand;
  actor: Actor;
  origin: CommandOrigin;
  expectedVersion?: number;
}

export interface ExecuteAgreementRequest {
  agreementId: string;
  command: AgreementCommand;
  actor: Actor;
  origin: CommandOrigin;
  expectedVersion?: number;
}

/** What a command answers: the new version and the types of the events it appended. */
export interface ExecutionResult {
  version: number;
  eventTypes: string[];
}

/** A referral command's answer also carries the referral as it stands after it: no reload needed. */
export interface ReferralExecutionResult extends ExecutionResult {
  referral: ReferralState;
}

export interface LoadedReferral {
  version: number;
  state: ReferralState;
}

export interface LoadedAgreement {
  version: number;
  state: AgreementState;
}

const AGREEMENT_PREFIX = agreementStream('');

/**
 * The write side's requests over the transport. Errors leave as plain data with a stable code
 * (`toServiceError`): a domain refusal keeps its code and message, anything else is INTERNAL.
 */
@Controller()
export class ReferralsMessagesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly executor: CommandExecutor,
    private readonly agreements: AgreementStates,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  @MessagePattern(ServicePatterns.executeReferralCommand)
  executeReferral(@Payload() request: ExecuteReferralRequest): Promise<ReferralExecutionResult> {
    return command(request.command.type, request.origin, async () => {
      const execution = await this.commands.execute<ExecuteReferralCommand, Execution<{ type: string }, ReferralState>>(
        new ExecuteReferralCommand(request.referralId, request.command, request.actor, request.origin, request.expectedVersion),
      );
      return { ...summary(execution), referral: execution.state };
    });
  }

  @MessagePattern(ServicePatterns.executeAgreementCommand)
  executeAgreement(@Payload() request: ExecuteAgreementRequest): Promise<ExecutionResult> {
    return command(request.command.type, request.origin, async () =>
      summary(
        await this.commands.execute<ExecuteAgreementCommand, Execution<{ type: string }>>(
          new ExecuteAgreementCommand(request.agreementId, request.command, request.actor, request.origin, request.expectedVersion),
        ),
      ),
    );
  }

  @MessagePattern(ServicePatterns.loadReferral)
  loadReferral(@Payload() request: { referralId: string }): Promise<LoadedReferral> {
    return answer(async () => {
      const { state, version } = await this.executor.load(referralStream(request.referralId), REFERRAL_MODEL);
      return { state, version };
    });
  }

  @MessagePattern(ServicePatterns.loadAgreement)
  loadAgreement(@Payload() request: { agreementId: string }): Promise<LoadedAgreement> {
    return answer(() => this.agreements.load(request.agreementId));
  }

  /** Agreements are few and small: folding their streams is cheaper than a read model to keep. */
  @MessagePattern(ServicePatterns.listAgreements)
  listAgreements(): Promise<LoadedAgreement[]> {
    return answer(async () => {
      const byStream = new Map<string, LoadedAgreement>();
      let after: Parameters<EventStore['readAll']>[0] = { filter: { streamPrefixes: [AGREEMENT_PREFIX] }, maxCount: 1000 };
      for (;;) {
        const batch = await this.store.readAll(after);
        for (const recorded of batch) {
          const current = byStream.get(recorded.streamId) ?? { version: 0, state: AGREEMENT_MODEL.decider.initialState() };
          byStream.set(recorded.streamId, {
            version: current.version + 1,
            state: AGREEMENT_MODEL.decider.evolve(current.state, AGREEMENT_MODEL.upcast(recorded)),
          });
        }
        if (batch.length < 1000) break;
        after = { ...after, after: batch[batch.length - 1].position };
      }
      return [...byStream.values()];
    });
  }
}

function summary(execution: Execution<{ type: string }>): ExecutionResult {
  return { version: execution.version, eventTypes: execution.events.map((e) => e.type) };
}

const logger = new Logger('ReferralsService');

/**
 * A command: timed into `command_duration_seconds` by type and outcome (ok, or the refusal's code),
 * logged once, and every log line it writes carries the correlation id of the request behind it.
 */
function command<T>(type: string, origin: CommandOrigin, work: () => Promise<T>): Promise<T> {
  return withCorrelationId(origin.correlationId, async () => {
    const started = process.hrtime.bigint();
    let outcome = 'ok';
    try {
      return await answer(work);
    } catch (error) {
      outcome = error instanceof RpcException ? (error.getError() as { code: string }).code : 'INTERNAL';
      throw error;
    } finally {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      commandDuration.observe({ command: type, outcome }, seconds);
      logger.log({ msg: 'command executed', command: type, outcome, durationMs: Math.round(seconds * 1e4) / 10 });
    }
  });
}

async function answer<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const payload = toServiceError(error);
    if (payload.code === 'INTERNAL') logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    throw new RpcException(payload);
  }
}
