import {
  CLOSURE_OUTCOMES,
  ClosureOutcome,
  PLACEMENT_DECISIONS,
  PLACEMENT_DECLINE_REASONS,
  PlacementDeclineReason,
  PlacementDecision,
  PROGRAMME_TYPES,
  ProgrammeType,
  TRANSFER_REASONS,
  TransferReason,
} from '@app/domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsString, MaxLength, ValidateBy, ValidateIf } from 'class-validator';
import { IsNonBlank, LIMITS } from '../../agreements/dto/dto.constraints';

export class AssessmentDto {
  @ApiProperty({ description: 'Whether the interview confirmed the indicators of trafficking' })
  @IsBoolean()
  indicatorsConfirmed: boolean;

  @ApiPropertyOptional({ maxLength: 4000, nullable: true, description: 'Kept in the encrypted subject record, never in events' })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  notes?: string | null;
}

export class PlacementRequestDto {
  @ApiPropertyOptional({
    maxLength: LIMITS.id,
    nullable: true,
    description: "Absent: the recipient if it runs a shelter, else the agreement's only shelter",
  })
  @IsOptional()
  @IsNonBlank()
  @MaxLength(LIMITS.id)
  shelterAgencyId?: string | null;
}

const declined = (dto: PlacementDecisionDto) => dto.decision === 'declined';

export class PlacementDecisionDto {
  @ApiProperty({ enum: [...PLACEMENT_DECISIONS], enumName: 'PlacementDecision' })
  @IsIn([...PLACEMENT_DECISIONS])
  decision: PlacementDecision;

  /** Required with a decline; the domain refuses one with an acceptance ('reason-not-applicable'), and so does this. */
  @ApiPropertyOptional({
    enum: [...PLACEMENT_DECLINE_REASONS],
    enumName: 'PlacementDeclineReason',
    nullable: true,
    description: 'Required when declined; must be absent when accepted',
  })
  @ValidateIf((dto: PlacementDecisionDto, reason: unknown) => declined(dto) || reason != null)
  @IsIn([...PLACEMENT_DECLINE_REASONS], {
    message: `reason must be one of the following values: ${PLACEMENT_DECLINE_REASONS.join(', ')}`,
  })
  @ValidateBy({
    name: 'onlyWithDecline',
    validator: {
      validate: (_reason: unknown, args) => args !== undefined && declined(args.object as PlacementDecisionDto),
      defaultMessage: () => 'reason is given only with a decline',
    },
  })
  reason?: PlacementDeclineReason | null;
}

export class ProgrammeDto {
  @ApiProperty({ enum: [...PROGRAMME_TYPES], enumName: 'ProgrammeType' })
  @IsIn([...PROGRAMME_TYPES])
  type: ProgrammeType;
}

export class TransferDto {
  @ApiProperty({ example: 'numero-verde-toscana', maxLength: LIMITS.id, description: 'A receiving body of the agreement' })
  @IsNonBlank()
  @MaxLength(LIMITS.id)
  toAgencyId: string;

  @ApiProperty({ enum: [...TRANSFER_REASONS], enumName: 'TransferReason' })
  @IsIn([...TRANSFER_REASONS])
  reason: TransferReason;
}

export class ConsentDto {
  @ApiProperty({ description: 'Whether the person agreed to share their data beyond what the agreement always shares' })
  @IsBoolean()
  dataSharing: boolean;
}

export class CloseDto {
  @ApiProperty({ enum: [...CLOSURE_OUTCOMES], enumName: 'ClosureOutcome' })
  @IsIn([...CLOSURE_OUTCOMES])
  outcome: ClosureOutcome;
}
