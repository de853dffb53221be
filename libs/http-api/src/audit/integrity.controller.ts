import { Controller, Get, Query, Req } from '@nestjs/common';
import type { Request } from 'express';
import { ApiBearerAuth, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';
import { ChainVerification, verifyStreamChain } from '@app/event-store';
import { referralStream } from '@app/referrals';
import { AuthenticatedUser } from '../auth/authenticated-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { ReferralAccess } from '../referrals/referral-access';

export class VerifyReferralQuery {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  referralId: string;
}

/**
 * Tamper evidence of one referral: its stream's hash chain, verified event by event. Whoever may see
 * the referral may verify it (its parties; auditors and admins of the agreement's region).
 */
@ApiTags('audit')
@ApiBearerAuth()
@Controller('api/v1/audit')
export class IntegrityController {
  constructor(private readonly access: ReferralAccess) {}

  @Get('verify')
  async verify(@CurrentUser() user: AuthenticatedUser, @Query() query: VerifyReferralQuery, @Req() request: Request): Promise<ChainVerification> {
    // The chain verified is the very stream the access decision was made on.
    const { events } = await this.access.loadStream(user, query.referralId, { kind: 'verify', request });
    return verifyStreamChain(referralStream(query.referralId), events);
  }
}
