import { randomUUID } from 'node:crypto';
import { Test } from '@nestjs/testing';
import { CommandBus, CqrsModule } from '@nestjs/cqrs';
import {
  Actor,
  AgreementEvent,
  AgreementNotInForce,
  IllegalReferralTransition,
  LUCCA_AGREEMENT_ID,
  LUCCA_PROTOCOL_TERMS,
  NotPermitted,
  ReferralCommand,
  ReferralEvent,
  ReferralNotFound,
  ReferralState,
  SubmitReferral,
} from '@app/domain';
import { EventStore, HashChainedEventStore } from '@app/event-store';
import { pgliteTarget, PostgresTarget } from '@app/event-store/testing/postgres-targets';
import { CommandExecutor, CommandOrigin, Execution, StaleVersion } from '../event-sourcing/command-executor';
import { ExecuteAgreementCommand } from './execute-agreement-command/execute-agreement-command.command';
import { ExecuteAgreementCommandHandler } from './execute-agreement-command/execute-agreement-command.handler';
import { ExecuteReferralCommand } from './execute-referral-command/execute-referral-command.command';
import {
  ExecuteReferralCommandHandler,
  IdempotencyKeyReused,
  submissionReferralId,
} from './execute-referral-command/execute-referral-command.handler';
import { REFERRAL_MODEL, referralStream } from '../streams';
import { AgreementStates } from '../agreement-states';

const QUESTURA: Actor = { userId: 'u-questura', agencyId: 'questura-lucca', roles: ['LIAISON'] };
const CEIS: Actor = { userId: 'u-ceis', agencyId: 'ceis-lucca', roles: ['GATEKEEPER'] };
const PROVINCIA: Actor = { userId: 'u-provincia', agencyId: 'provincia-lucca', roles: ['COORDINATOR'] };
const OUTSIDER: Actor = { userId: 'u-roma', agencyId: 'questura-roma', roles: ['LIAISON'] };

const origin = (actor: Actor, occurredAt = '2026-11-24T09:00:00.000Z'): CommandOrigin => ({
  actorUserId: actor.userId,
  actorAgencyId: actor.agencyId,
  correlationId: randomUUID(),
  occurredAt,
});

/** The write side through the CommandBus, on a real event store (PGlite), chained by hash as in the apps. */
describe('referral commands on the event store', () => {
  let target: PostgresTarget;
  let store: EventStore;
  let bus: CommandBus;

  beforeAll(async () => {
    target = await pgliteTarget();
    store = new HashChainedEventStore(target.store);
    const moduleRef = await Test.createTestingModule({
      imports: [CqrsModule],
      providers: [
        { provide: CommandExecutor, useValue: new CommandExecutor(store) },
        { provide: AgreementStates, useValue: new AgreementStates(store) },
        ExecuteReferralCommandHandler,
        ExecuteAgreementCommandHandler,
      ],
    }).compile();
    await moduleRef.init();
    bus = moduleRef.get(CommandBus);
    const at = '2026-11-01T09:00:00.000Z';
    await bus.execute(
      new ExecuteAgreementCommand(LUCCA_AGREEMENT_ID, { type: 'DraftAgreement', data: { agreementId: LUCCA_AGREEMENT_ID, terms: LUCCA_PROTOCOL_TERMS, at } }, PROVINCIA, origin(PROVINCIA, at)),
    );
    await bus.execute(new ExecuteAgreementCommand(LUCCA_AGREEMENT_ID, { type: 'ActivateAgreement', data: { at } }, PROVINCIA, origin(PROVINCIA, at)));
  });

  afterAll(async () => target.dispose());

  const run = (referralId: string, command: ReferralCommand, actor: Actor, expectedVersion?: number): Promise<Execution<ReferralEvent, ReferralState>> =>
    bus.execute(new ExecuteReferralCommand(referralId, command, actor, origin(actor, command.data.at), expectedVersion));

  function submission(referralId: string, urgency: 'urgent' | 'ordinary' = 'ordinary'): SubmitReferral {
    return {
      type: 'SubmitReferral',
      data: {
        referralId,
        agreementId: LUCCA_AGREEMENT_ID,
        subject: { ref: `subject-${referralId}`, minor: false, gender: 'female', nationalityCategory: 'non-eu' },
        exploitationTypes: ['sexual'],
        indicators: ['deception', 'restriction-of-movement'],
        urgency,
        consent: { dataSharing: true },
        municipality: 'Viareggio',
        at: '2026-11-24T09:00:00.000Z',
      },
    };
  }

  it('submits, routes and records who did it, with the event schema version', async () => {
    const id = submissionReferralId(QUESTURA.agencyId, randomUUID());
    const result = await run(id, submission(id), QUESTURA);
    expect(result.events.map((e) => e.type)).toEqual(['ReferralSubmitted', 'ReferralRouted']);
    const stored = await store.readStream(referralStream(id));
    expect(stored.map((e) => [e.type, e.schemaVersion, e.metadata.actorUserId, e.metadata.actorAgencyId])).toEqual([
      ['ReferralSubmitted', 1, 'u-questura', 'questura-lucca'],
      ['ReferralRouted', 1, 'u-questura', 'questura-lucca'],
    ]);
    expect(result.version).toBe(2);
  });

  it('a repeated submission with the same key appends nothing; another body under the key is refused', async () => {
    const key = randomUUID();
    const id = submissionReferralId(QUESTURA.agencyId, key);
    const first = await run(id, submission(id), QUESTURA);
    const again = await run(id, { ...submission(id), data: { ...submission(id).data, at: '2026-11-24T09:05:00.000Z' } }, QUESTURA);
    expect(again).toEqual({ events: [], version: first.version, state: first.state });
    await expect(run(id, submission(id, 'urgent'), QUESTURA)).rejects.toBeInstanceOf(IdempotencyKeyReused);
    expect(await store.readStream(referralStream(id))).toHaveLength(first.version);
    expect(submissionReferralId('comune-viareggio', key)).not.toBe(id);
  });

  it('a submission appends without reading its stream first; a repeat is found when that append fails', async () => {
    const id = submissionReferralId(QUESTURA.agencyId, randomUUID());
    const read = jest.spyOn(target.store, 'readStream');
    try {
      const first = await run(id, submission(id), QUESTURA);
      expect(read.mock.calls.filter(([streamId]) => streamId === referralStream(id))).toEqual([]);
      expect(await run(id, submission(id), QUESTURA)).toEqual({ events: [], version: first.version, state: first.state });
      expect(read.mock.calls.filter(([streamId]) => streamId === referralStream(id)).length).toBeGreaterThan(0);
    } finally {
      read.mockRestore();
    }
    expect(await store.readStream(referralStream(id))).toHaveLength(2);
  });

  it('two identical submissions racing each other append once', async () => {
    const id = submissionReferralId(QUESTURA.agencyId, randomUUID());
    const results = await Promise.all([run(id, submission(id), QUESTURA), run(id, submission(id), QUESTURA)]);
    expect(results.map((r) => r.version)).toEqual([2, 2]);
    expect(await store.readStream(referralStream(id))).toHaveLength(2);
  });

  it('acts on the version the caller saw, and refuses a stale one without appending', async () => {
    const id = submissionReferralId(QUESTURA.agencyId, randomUUID());
    const submitted = await run(id, submission(id), QUESTURA);
    const acknowledge: ReferralCommand = { type: 'AcknowledgeReferral', data: { at: '2026-11-24T10:00:00.000Z' } };
    await expect(run(id, acknowledge, CEIS, submitted.version + 1)).rejects.toBeInstanceOf(StaleVersion);
    const acknowledged = await run(id, acknowledge, CEIS, submitted.version);
    expect(acknowledged.version).toBe(submitted.version + 1);
    await expect(run(id, acknowledge, CEIS, submitted.version)).rejects.toBeInstanceOf(StaleVersion);
  });

  it('refuses illegal transitions, unpermitted actors and unknown referrals, appending nothing', async () => {
    const id = submissionReferralId(QUESTURA.agencyId, randomUUID());
    await run(id, submission(id), QUESTURA);
    const assess: ReferralCommand = { type: 'AssessReferral', data: { indicatorsConfirmed: true, at: '2026-11-24T10:00:00.000Z' } };
    await expect(run(id, assess, CEIS)).rejects.toBeInstanceOf(IllegalReferralTransition);
    await expect(run(id, { type: 'AcknowledgeReferral', data: { at: '2026-11-24T10:00:00.000Z' } }, OUTSIDER)).rejects.toBeInstanceOf(NotPermitted);
    await expect(run(randomUUID(), { type: 'AcknowledgeReferral', data: { at: '2026-11-24T10:00:00.000Z' } }, CEIS)).rejects.toBeInstanceOf(ReferralNotFound);
    expect(await store.readStream(referralStream(id))).toHaveLength(2);
  });

  it('judges a referral by the agreement version it was submitted under, after an amendment', async () => {
    const id = submissionReferralId(QUESTURA.agencyId, randomUUID());
    await run(id, submission(id), QUESTURA);
    const amended: Execution<AgreementEvent> = await bus.execute(
      new ExecuteAgreementCommand(
        LUCCA_AGREEMENT_ID,
        { type: 'AmendAgreement', data: { terms: { ...LUCCA_PROTOCOL_TERMS, title: `${LUCCA_PROTOCOL_TERMS.title} (amended)` }, at: '2026-11-24T09:30:00.000Z' } },
        PROVINCIA,
        origin(PROVINCIA),
      ),
    );
    expect(amended.events.map((e) => e.type)).toEqual(['AgreementAmended']);
    const acknowledged = await run(id, { type: 'AcknowledgeReferral', data: { at: '2026-11-24T10:00:00.000Z' } }, CEIS);
    expect(acknowledged.events.map((e) => e.type)).toEqual(['ReferralAcknowledged']);
    // The agreement was folded before the amendment; a new submission still sees the amended version.
    const later = submissionReferralId(QUESTURA.agencyId, randomUUID());
    expect((await run(later, submission(later), QUESTURA)).state).toMatchObject({ stage: 'routed', agreementVersion: 2 });
  });

  it('refuses a submission once the agreement is suspended, though it was folded while active', async () => {
    const before = submissionReferralId(QUESTURA.agencyId, randomUUID());
    await run(before, submission(before), QUESTURA);
    await bus.execute(new ExecuteAgreementCommand(LUCCA_AGREEMENT_ID, { type: 'SuspendAgreement', data: { reason: 'review', at: '2026-11-24T11:00:00.000Z' } }, PROVINCIA, origin(PROVINCIA)));
    try {
      const after = submissionReferralId(QUESTURA.agencyId, randomUUID());
      await expect(run(after, submission(after), QUESTURA)).rejects.toBeInstanceOf(AgreementNotInForce);
      expect(await store.readStream(referralStream(after))).toEqual([]);
    } finally {
      await bus.execute(new ExecuteAgreementCommand(LUCCA_AGREEMENT_ID, { type: 'ReinstateAgreement', data: { at: '2026-11-24T11:30:00.000Z' } }, PROVINCIA, origin(PROVINCIA)));
    }
  });

  it('answers each command with the state a reload of the stream folds', async () => {
    const id = submissionReferralId(QUESTURA.agencyId, randomUUID());
    const submitted = await run(id, submission(id), QUESTURA);
    const acknowledged = await run(id, { type: 'AcknowledgeReferral', data: { at: '2026-11-24T10:00:00.000Z' } }, CEIS);
    const reload = async () => (await new CommandExecutor(store).load(referralStream(id), REFERRAL_MODEL)).state;
    expect(acknowledged.state).toEqual(await reload());
    expect(submitted.state).toMatchObject({ stage: 'routed', recipientAgencyId: 'ceis-lucca' });
    expect(acknowledged.version).toBe(3);
  });
});
