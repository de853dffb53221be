import { IllegalTransition, NotFound } from '../shared/domain-error';
import { ReferralCommandType } from './referral.commands';

export class ReferralNotFound extends NotFound {
  constructor() {
    super('referral-not-found', 'No such referral');
  }
}

export class IllegalReferralTransition extends IllegalTransition {
  constructor(command: ReferralCommandType, stage: string, reason: string) {
    super(reason, `${command} is not allowed now: the referral is ${stage} (${reason})`, { command, stage });
  }
}
