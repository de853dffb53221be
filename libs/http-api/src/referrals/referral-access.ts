import { Injectable } from '@nestjs/common';
import { Agreement, agreementVersion, Referral } from '@app/domain';
import { DirectoryService } from '@app/directory';
import { ServiceError, ServicePatterns } from '@app/platform';
import type { LoadedAgreement, LoadedReferral } from '@app/referrals';
import { AuthenticatedUser } from '../auth/authenticated-user';
import { WriteSideClient } from '../write-side/write-side.client';
import { maySeeReferral } from './referral-view';

export interface VisibleReferral {
  referral: Referral;
  version: number;
  agreement: { terms: Agreement['versions'][number]['terms'] };
}

export const referralNotFound = () => new ServiceError('NOT_FOUND', 'No such referral', { reason: 'referral-not-found' });

/** Loads a referral for a caller, and answers 404 when the caller may not know it exists (see `maySeeReferral`). */
@Injectable()
export class ReferralAccess {
  constructor(
    private readonly writeSide: WriteSideClient,
    private readonly directory: DirectoryService,
  ) {}

  /** A referral the caller's agency is not party to answers 404, exactly like one that does not exist. */
  async load(user: AuthenticatedUser, id: string): Promise<VisibleReferral> {
    const loaded = await this.writeSide.request<LoadedReferral>(ServicePatterns.loadReferral, { referralId: id });
    if (loaded.state.stage === 'none') throw referralNotFound();
    const referral = loaded.state;
    const agreement = await this.writeSide.request<LoadedAgreement>(ServicePatterns.loadAgreement, { agreementId: referral.agreementId });
    const terms = agreementVersion(agreement.state, referral.agreementVersion).terms;
    if (!maySeeReferral(user, referral, terms, await this.regionOf(user))) throw referralNotFound();
    return { referral, version: loaded.version, agreement: { terms } };
  }

  /** Only auditors and admins oversee a region; for everyone else the lookup is skipped. */
  private async regionOf(user: AuthenticatedUser): Promise<string | null> {
    if (!user.roles.includes('AUDITOR') && !user.roles.includes('ADMIN')) return null;
    return (await this.directory.findAgency(user.agencyId))?.territory.region ?? null;
  }
}
