import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { IsInstant, IsOmittable } from '../agreements/dto/dto.constraints';

export const COMPLIANCE_FORMATS = ['json', 'csv'] as const;
export type ComplianceFormat = (typeof COMPLIANCE_FORMATS)[number];

/** The period selects obligation instances by the instant they were triggered: `from` inclusive, `to` exclusive. */
export class ComplianceQueryDto {
  @ApiPropertyOptional({ description: 'ISO-8601 instant with an offset; instances triggered at or after it', example: '2026-11-01T00:00:00Z' })
  @IsOmittable()
  @IsInstant()
  from?: string;

  @ApiPropertyOptional({ description: 'ISO-8601 instant with an offset; instances triggered before it. The report is as of min(to, now)', example: '2026-12-01T00:00:00Z' })
  @IsOmittable()
  @IsInstant()
  to?: string;

  @ApiPropertyOptional({ enum: COMPLIANCE_FORMATS, description: 'csv: one row per obligation and party (or send Accept: text/csv)' })
  @IsOmittable()
  @IsIn(COMPLIANCE_FORMATS)
  format?: ComplianceFormat;
}
