import { Actor, byActor, hasRole } from '../shared/actor';
import { Decider } from '../shared/decider';
import { isNonEmptyText, NotPermitted, ValidationFailed } from '../shared/domain-error';
import { normaliseInstant } from '../shared/instant';
import { AgreementCommand } from './agreement.commands';
import { AgreementEvent } from './agreement.events';
import { AgreementNotFound, IllegalAgreementTransition } from './agreement.errors';
import { Agreement, AgreementState, AgreementStatus, evolveAgreement, initialAgreementState } from './agreement.state';
import { AgreementTerms, hasProtocolRole, validateTerms } from './agreement.terms';

export interface AgreementContext {
  actor: Actor;
}

/** Statuses each command may start from; anything else is an IllegalAgreementTransition. */
const ALLOWED_FROM: Record<Exclude<AgreementCommand['type'], 'DraftAgreement'>, readonly AgreementStatus[]> = {
  AmendAgreement: ['drafted', 'active', 'suspended'],
  ActivateAgreement: ['drafted'],
  SuspendAgreement: ['active'],
  ReinstateAgreement: ['suspended'],
  TerminateAgreement: ['drafted', 'active', 'suspended'],
};

/**
 * Checks run in this order: the agreement exists, the transition is legal from its status, the actor
 * may make it, the input is valid. Only a COORDINATOR of an agency that coordinates the protocol (in
 * the current version, or in the new terms when drafting) writes agreements.
 */
export function decideAgreement(command: AgreementCommand, state: AgreementState, { actor }: AgreementContext): AgreementEvent[] {
  const at = normaliseInstant(command.data.at);
  const by = byActor(actor);

  if (command.type === 'DraftAgreement') {
    if (state.status !== 'none') throw new IllegalAgreementTransition(command.type, state.status, 'already-drafted');
    assertCoordinator(actor, command.data.terms, command.type);
    if (!isNonEmptyText(command.data.agreementId)) throw new ValidationFailed('invalid-agreement-id', 'agreementId is empty');
    validateTerms(command.data.terms);
    return [{ type: 'AgreementDrafted', data: { agreementId: command.data.agreementId, version: 1, terms: command.data.terms, at, by } }];
  }

  if (state.status === 'none') throw new AgreementNotFound();
  if (!ALLOWED_FROM[command.type].includes(state.status)) {
    throw new IllegalAgreementTransition(command.type, state.status, `agreement-${state.status}`);
  }
  assertCoordinator(actor, current(state), command.type);
  const base = { agreementId: state.agreementId, at, by };

  switch (command.type) {
    case 'AmendAgreement':
      validateTerms(command.data.terms);
      return [{ type: 'AgreementAmended', data: { ...base, version: state.versions.length + 1, terms: command.data.terms } }];
    case 'ActivateAgreement':
      return [{ type: 'AgreementActivated', data: { ...base, version: state.versions.length } }];
    case 'SuspendAgreement':
      if (!isNonEmptyText(command.data.reason)) throw new ValidationFailed('reason-required', 'A suspension needs a reason');
      return [{ type: 'AgreementSuspended', data: { ...base, reason: command.data.reason.trim() } }];
    case 'ReinstateAgreement':
      return [{ type: 'AgreementReinstated', data: base }];
    case 'TerminateAgreement':
      return [{ type: 'AgreementTerminated', data: base }];
  }
}

const current = (agreement: Agreement): AgreementTerms => agreement.versions[agreement.versions.length - 1].terms;

function assertCoordinator(actor: Actor, terms: AgreementTerms, command: AgreementCommand['type']): void {
  if (!hasRole(actor, 'COORDINATOR') || !hasProtocolRole(terms, actor.agencyId, 'coordinator')) {
    throw new NotPermitted('requires-coordinator', `${command} needs a COORDINATOR of an agency that coordinates the protocol`, {
      command,
    });
  }
}

export const agreementDecider: Decider<AgreementCommand, AgreementEvent, AgreementState, AgreementContext> = {
  initialState: initialAgreementState,
  evolve: evolveAgreement,
  decide: decideAgreement,
};
