import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { ReferralStage, URGENCIES, Urgency } from '@app/domain';
import { AGENCY_ID_PATTERN, AGREEMENT_ID_PATTERN, LIMITS } from '../../agreements/dto/dto.constraints';

export const REFERRAL_STATUSES: readonly ReferralStage[] = ['routed', 'acknowledged', 'returned', 'closed', 'cancelled'];

export class ReferralListQueryDto {
  @ApiPropertyOptional({ enum: REFERRAL_STATUSES })
  @IsOptional()
  @IsIn(REFERRAL_STATUSES)
  status?: ReferralStage;

  @ApiPropertyOptional({ example: 'lucca-2007' })
  @IsOptional()
  @Matches(AGREEMENT_ID_PATTERN, { message: 'agreementId must be an agreement id (lower-case letters, digits and dashes)' })
  agreementId?: string;

  @ApiPropertyOptional({ description: 'The agency holding the referral now', example: 'ceis-lucca' })
  @IsOptional()
  @MaxLength(LIMITS.id)
  @Matches(AGENCY_ID_PATTERN, { message: 'holder must be an agency id (lower-case letters, digits and dashes)' })
  holder?: string;

  @ApiPropertyOptional({ enum: URGENCIES })
  @IsOptional()
  @IsIn(URGENCIES)
  urgency?: Urgency;

  @ApiPropertyOptional({ description: 'The `nextCursor` of the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
}

export class InboxQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}
