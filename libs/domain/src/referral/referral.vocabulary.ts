/** art. 13 L. 228/2003, art. 18 D.Lgs 286/1998 (judicial or social path), or the asylum-integrated path. */
export const PROGRAMME_TYPES = ['art-13', 'art-18-judicial', 'art-18-social', 'asylum-integrated'] as const;
export type ProgrammeType = (typeof PROGRAMME_TYPES)[number];

export const PLACEMENT_DECISIONS = ['accepted', 'declined'] as const;
export type PlacementDecision = (typeof PLACEMENT_DECISIONS)[number];

export const PLACEMENT_DECLINE_REASONS = ['no-capacity', 'not-eligible', 'out-of-territory', 'person-declined'] as const;
export type PlacementDeclineReason = (typeof PLACEMENT_DECLINE_REASONS)[number];

/** Codes rather than free text: a free-text reason in an immutable event is where personal data leaks in. */
export const TRANSFER_REASONS = ['safety', 'other-territory', 'specialised-service', 'capacity', 'person-request', 'other'] as const;
export type TransferReason = (typeof TRANSFER_REASONS)[number];

export const CLOSURE_OUTCOMES = [
  'social-inclusion',
  'assisted-voluntary-return',
  'transferred-out',
  'lost-contact',
  'declined-by-person',
  'indicators-not-confirmed',
] as const;
export type ClosureOutcome = (typeof CLOSURE_OUTCOMES)[number];
