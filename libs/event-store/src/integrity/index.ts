export * from './event-hash';
export * from './chain-verifier';
export * from './hash-chained-event-store';
export * from './verify-event-store';
