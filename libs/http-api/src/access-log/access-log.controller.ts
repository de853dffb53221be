import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AccessLogPage, AccessLogStore } from '@app/audit';
import { ServiceError } from '@app/platform';
import { AuthenticatedUser, isOverseer } from '../auth/authenticated-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { ReferralAccess } from '../referrals/referral-access';
import { ACCESS_LOG_PAGE, AccessLogQueryDto } from './access-log-query.dto';

/**
 * Who read which referral, for the auditors (and admins) of a region: the entries about referrals of
 * their region's agreements, newest first. Everyone else is refused with 403: the log names people
 * and cases, and is not for the parties themselves.
 */
@ApiTags('audit')
@ApiBearerAuth()
@Controller('api/v1/audit/access-log')
export class AccessLogController {
  constructor(
    private readonly accessLog: AccessLogStore,
    private readonly access: ReferralAccess,
  ) {}

  @Get()
  async list(@CurrentUser() user: AuthenticatedUser, @Query() query: AccessLogQueryDto): Promise<AccessLogPage> {
    if (!isOverseer(user)) {
      throw new ServiceError('NOT_PERMITTED', 'Only auditors and admins may read the access log', { reason: 'not-an-auditor' });
    }
    const from = query.from ? new Date(query.from) : undefined;
    const to = query.to ? new Date(query.to) : undefined;
    if (from && to && from.getTime() >= to.getTime()) {
      throw new ServiceError('VALIDATION_FAILED', 'from must be before to', { reason: 'empty-period' });
    }
    const region = await this.access.regionOf(user);
    if (region === null) return { entries: [], nextCursor: null };
    return this.accessLog.query({ ...query, region, from, to, limit: query.limit ?? ACCESS_LOG_PAGE.default });
  }
}
