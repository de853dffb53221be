export * from './shared/actor';
export * from './shared/decider';
export * from './shared/domain-error';
export * from './shared/duration';
export * from './shared/instant';
export * from './shared/upcasting';

export * from './catalogue/vocabulary';
export * from './catalogue/indicators';

export * from './agreement/agreement.terms';
export * from './agreement/agreement.routing';
export * from './agreement/agreement.data-sharing';
export * from './agreement/agreement.obligations';
export * from './agreement/agreement.events';
export * from './agreement/agreement.commands';
export * from './agreement/agreement.errors';
export * from './agreement/agreement.state';
export * from './agreement/agreement.decider';

export * from './referral/referral.vocabulary';
export * from './referral/referral.events';
export * from './referral/referral.commands';
export * from './referral/referral.errors';
export * from './referral/referral.state';
export * from './referral/referral.permissions';
export * from './referral/referral.decider';

export * from './demo/lucca-protocol';

export * from './compliance/compliance.tracking';
export * from './compliance/compliance.report';
