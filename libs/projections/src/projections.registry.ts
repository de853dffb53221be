import type { Projection } from './engine/projection';
import { ReferralCasesProjection } from './referral-cases/referral-cases.projection';
import { ProtocolComplianceProjection } from './protocol-compliance/protocol-compliance.projection';

/** Every projection the projector runs and `projections:rebuild` knows, by name. One line each. */
export function createProjections(): Projection[] {
  return [
    new ReferralCasesProjection(),
    new ProtocolComplianceProjection(),
  ];
}

export function projectionNames(): string[] {
  return createProjections().map((projection) => projection.name);
}

/** The named projection, or undefined when there is none by that name. */
export function projectionNamed(name: string): Projection | undefined {
  return createProjections().find((projection) => projection.name === name);
}
