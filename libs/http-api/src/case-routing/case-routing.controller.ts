import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { RequestValidationFailed } from '@app/platform';
import { CaseCounts, CasePage, CaseRoutingQueries, CaseViewer, decodeCursor, InboxItem } from '@app/projections';
import { AuthenticatedUser } from '../auth/authenticated-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { ReferralAccess } from '../referrals/referral-access';
import { InboxQueryDto, ReferralListQueryDto } from './dto/case-routing-query.dto';

/**
 * Case routing, read from the read models (the referral-cases projection), so answers trail the
 * event store by the projection's lag. Every answer is limited to what the caller may see of a
 * referral by the referral API's rule, and carries no personal data.
 */
@ApiTags('case routing')
@ApiBearerAuth()
@Controller('api/v1')
export class CaseRoutingController {
  constructor(
    private readonly queries: CaseRoutingQueries,
    private readonly access: ReferralAccess,
  ) {}

  /** Referrals waiting on the caller's agency, the soonest obligation deadline first. */
  @Get('inbox')
  async inbox(@CurrentUser() user: AuthenticatedUser, @Query() query: InboxQueryDto): Promise<{ items: InboxItem[] }> {
    return { items: await this.queries.inbox(await this.viewerOf(user), query.limit ?? 100) };
  }

  @Get('referrals')
  async list(@CurrentUser() user: AuthenticatedUser, @Query() query: ReferralListQueryDto): Promise<CasePage> {
    const cursor = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
    if (cursor === null) throw new RequestValidationFailed([{ field: 'cursor', messages: ['cursor must be the nextCursor of a previous page'] }]);
    const { status, agreementId, holder, urgency } = query;
    return this.queries.list(await this.viewerOf(user), { status, agreementId, holder, urgency }, { cursor, limit: query.limit ?? 50 });
  }

  /** Registered before the referral API's `referrals/:id`, so `counts` is never read as an id. */
  @Get('referrals/counts')
  async counts(@CurrentUser() user: AuthenticatedUser): Promise<CaseCounts> {
    return this.queries.counts(await this.viewerOf(user));
  }

  /** Auditors and admins oversee their agency's region, as for the referral API. */
  private async viewerOf(user: AuthenticatedUser): Promise<CaseViewer> {
    return { agencyId: user.agencyId, overseenRegion: await this.access.regionOf(user) };
  }
}
