import { IllegalTransition, NotFound } from '../shared/domain-error';
import { AgreementCommandType } from './agreement.commands';

export class AgreementNotFound extends NotFound {
  constructor(detail = 'No such agreement') {
    super('agreement-not-found', detail);
  }
}

export class IllegalAgreementTransition extends IllegalTransition {
  constructor(command: AgreementCommandType, status: string, reason: string) {
    super(reason, `${command} is not allowed: the agreement is ${status} (${reason})`, { command, status });
  }
}

/** Submitting under an agreement that is not active, or outside its validity. */
export class AgreementNotInForce extends IllegalTransition {
  constructor(agreementId: string, reason: 'agreement-not-active' | 'outside-validity') {
    super(reason, `Agreement ${agreementId} is not in force (${reason})`, { agreementId });
  }
}
