import { IsIn, IsOptional } from 'class-validator';
import { IsInstant } from '../agreements/dto/dto.constraints';

export class ReferralStateQueryDto {
  /** ISO-8601 with an offset, e.g. 2026-11-03T09:30:00Z. */
  @IsInstant()
  at: string;
}

export const HISTORY_EXPORT_FORMATS = ['json', 'csv'] as const;

export class HistoryExportQueryDto {
  /** Defaults to json. */
  @IsOptional()
  @IsIn(HISTORY_EXPORT_FORMATS)
  format?: (typeof HISTORY_EXPORT_FORMATS)[number];
}
