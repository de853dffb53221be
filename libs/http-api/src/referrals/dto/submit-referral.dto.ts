import { EXPLOITATION_TYPES, ExploitationType, Gender, GENDERS, URGENCIES, Urgency } from '@app/domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import {
  AGREEMENT_ID_PATTERN,
  INDICATOR_CODE_PATTERN,
  IsNationality,
  IsNonBlank,
  IsNotAfterCurrentYear,
  LIMITS,
} from '../../agreements/dto/dto.constraints';
import { ConsentDto } from './referral-actions.dto';

const NAME_MAX = 100;

/**
 * Who the person is. Only `minor`, `gender` and the category of `nationality` reach the events; the
 * rest goes to the encrypted subject record.
 */
export class SubjectDto {
  @ApiProperty({ minLength: 1, maxLength: NAME_MAX })
  @IsNonBlank()
  @MaxLength(NAME_MAX)
  firstName: string;

  @ApiProperty({ minLength: 1, maxLength: NAME_MAX })
  @IsNonBlank()
  @MaxLength(NAME_MAX)
  lastName: string;

  /** Often only estimated; null when nobody knows it, as the subject record allows. */
  @ApiProperty({ type: 'integer', minimum: 1900, nullable: true, description: 'Not later than the current year; null when unknown' })
  @ValidateIf((_subject: SubjectDto, year: unknown) => year !== null)
  @IsInt()
  @Min(1900)
  @IsNotAfterCurrentYear()
  birthYear: number | null;

  @ApiProperty({ example: 'NG', description: "ISO 3166-1 alpha-2 country code, 'stateless' or 'unknown'" })
  @IsNationality()
  nationality: string;

  @ApiProperty({ enum: [...GENDERS], enumName: 'Gender' })
  @IsIn([...GENDERS])
  gender: Gender;

  @ApiProperty()
  @IsBoolean()
  minor: boolean;
}

export class SubmitReferralDto {
  @ApiProperty({ example: 'lucca-2007', pattern: AGREEMENT_ID_PATTERN.source })
  @IsString()
  @Matches(AGREEMENT_ID_PATTERN, { message: 'agreementId is not an agreement id' })
  agreementId: string;

  @ApiProperty({ type: () => SubjectDto })
  @IsObject()
  @ValidateNested()
  @Type(() => SubjectDto)
  subject: SubjectDto;

  @ApiProperty({ enum: [...EXPLOITATION_TYPES], enumName: 'ExploitationType', isArray: true, minItems: 1, uniqueItems: true })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(EXPLOITATION_TYPES.length)
  @ArrayUnique()
  @IsIn([...EXPLOITATION_TYPES], { each: true })
  exploitationTypes: ExploitationType[];

  /** Codes of the base catalogue or of the agreement's own indicators; which exist is the decider's question. */
  @ApiProperty({
    type: [String],
    uniqueItems: true,
    maxItems: LIMITS.list,
    example: ['deception', 'debt-bondage'],
    description: 'Indicator codes of the catalogue: the base one plus those the agreement adds',
  })
  @IsArray()
  @ArrayMaxSize(LIMITS.list)
  @ArrayUnique()
  @IsString({ each: true })
  @MaxLength(LIMITS.id, { each: true })
  @Matches(INDICATOR_CODE_PATTERN, { each: true, message: 'each value in indicators must be an indicator code such as debt-bondage' })
  indicators: string[];

  @ApiProperty({ enum: [...URGENCIES], enumName: 'Urgency' })
  @IsIn([...URGENCIES])
  urgency: Urgency;

  @ApiProperty({ type: () => ConsentDto })
  @IsObject()
  @ValidateNested()
  @Type(() => ConsentDto)
  consent: ConsentDto;

  @ApiPropertyOptional({ example: 'Viareggio', maxLength: LIMITS.name, nullable: true, description: 'Where the person was met' })
  @IsOptional()
  @IsString()
  @MaxLength(LIMITS.name)
  municipality?: string | null;
}
