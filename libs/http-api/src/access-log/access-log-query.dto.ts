import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import { AGENCY_ID_PATTERN, IsInstant } from '../agreements/dto/dto.constraints';

export const ACCESS_LOG_PAGE = { default: 50, max: 200 } as const;

export class AccessLogQueryDto {
  @IsOptional()
  @IsUUID()
  referralId?: string;

  @IsOptional()
  @IsUUID()
  userId?: string;

  @IsOptional()
  @Matches(AGENCY_ID_PATTERN, { message: 'agencyId must be an agency id such as questura-lucca' })
  @MaxLength(100)
  agencyId?: string;

  /** Inclusive, ISO-8601 with an offset. */
  @IsOptional()
  @IsInstant()
  from?: string;

  /** Exclusive, ISO-8601 with an offset. */
  @IsOptional()
  @IsInstant()
  to?: string;

  /** The `nextCursor` of the previous page. */
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{1,100}$/, { message: 'cursor must be a nextCursor this API returned' })
  cursor?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(ACCESS_LOG_PAGE.max)
  limit?: number;
}
