import {
  AGENCY_KINDS,
  AgencyKind,
  AgreementTerms,
  DATA_CATEGORIES,
  DataCategory,
  DataSharingRule,
  EXPLOITATION_TYPES,
  ExploitationType,
  IndicatorDefinition,
  IndicatorSource,
  Obligation,
  Party,
  PROTOCOL_ROLES,
  ProtocolRole,
  REFERRAL_EVENT_TYPES,
  ReferralEventType,
  RoutingMatch,
  RoutingRule,
  Territory,
  URGENCIES,
  Urgency,
  Validity,
} from '@app/domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsObject,
  IsString,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { AGREEMENT_ID_PATTERN, INDICATOR_CODE_PATTERN, IsFixedDuration, IsInstant, IsNonBlank, IsOmittable, LIMITS } from './dto.constraints';

/*
 * Shape only. What needs the whole terms (unique ids, a coordinator among the parties, rules routing
 * to receiving bodies, an urgent deadline no longer than the ordinary one, validity ending after it
 * starts) is the domain's `validateTerms`, which lists every problem at once.
 */

/** The domain has this vocabulary only as a type; the assignment below fails to compile if they drift apart. */
const INDICATOR_SOURCES = ['ilo', 'sexual-exploitation', 'forced-begging', 'asylum-guidelines', 'agreement'] as const;
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const _indicatorSourcesMatch: Same<(typeof INDICATOR_SOURCES)[number], IndicatorSource> = true;

export class ProvinceDto implements Readonly<Territory['provinces'][number]> {
  @ApiProperty({ example: 'LU', maxLength: LIMITS.id, description: 'Province code, as routing rules name it' })
  @IsString()
  @MaxLength(LIMITS.id)
  code: string;

  @ApiProperty({ example: 'Lucca', maxLength: LIMITS.name })
  @IsString()
  @MaxLength(LIMITS.name)
  name: string;

  @ApiProperty({ type: [String], example: ['Lucca', 'Viareggio'], maxItems: LIMITS.longList })
  @IsArray()
  @ArrayMaxSize(LIMITS.longList)
  @IsString({ each: true })
  @MaxLength(LIMITS.name, { each: true })
  municipalities: string[];
}

export class TerritoryDto implements Territory {
  @ApiProperty({ example: 'Toscana', maxLength: LIMITS.name })
  @IsString()
  @MaxLength(LIMITS.name)
  region: string;

  @ApiProperty({ type: () => ProvinceDto, isArray: true, maxItems: LIMITS.list })
  @IsArray()
  @ArrayMaxSize(LIMITS.list)
  @ValidateNested({ each: true })
  @Type(() => ProvinceDto)
  provinces: ProvinceDto[];
}

export class ValidityDto implements Validity {
  @ApiProperty({ format: 'date-time', example: '2007-01-01T00:00:00+01:00', description: 'ISO-8601 instant with an offset' })
  @IsInstant()
  from: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Exclusive; absent for an open-ended protocol' })
  @IsOmittable()
  @IsInstant()
  until?: string;
}

export class PartyDto implements Party {
  @ApiProperty({ example: 'questura-lucca', maxLength: LIMITS.id })
  @IsNonBlank()
  @MaxLength(LIMITS.id)
  agencyId: string;

  @ApiProperty({ example: 'Questura di Lucca', maxLength: LIMITS.name })
  @IsNonBlank()
  @MaxLength(LIMITS.name)
  name: string;

  @ApiProperty({ enum: [...AGENCY_KINDS], enumName: 'AgencyKind' })
  @IsIn([...AGENCY_KINDS])
  kind: AgencyKind;

  @ApiProperty({ enum: [...PROTOCOL_ROLES], enumName: 'ProtocolRole', isArray: true, minItems: 1 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(LIMITS.vocabulary)
  @IsIn([...PROTOCOL_ROLES], { each: true })
  roles: ProtocolRole[];
}

/** Every field present must match; an absent field matches anything. */
export class RoutingMatchDto implements RoutingMatch {
  @ApiPropertyOptional({ type: [String], maxItems: LIMITS.longList })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(LIMITS.longList)
  @IsString({ each: true })
  @MaxLength(LIMITS.name, { each: true })
  municipalities?: string[];

  @ApiPropertyOptional({ type: [String], example: ['LU'], maxItems: LIMITS.list, description: 'Province codes of the territory' })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(LIMITS.list)
  @IsString({ each: true })
  @MaxLength(LIMITS.id, { each: true })
  provinces?: string[];

  @ApiPropertyOptional({ enum: [...EXPLOITATION_TYPES], enumName: 'ExploitationType', isArray: true })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(LIMITS.vocabulary)
  @IsIn([...EXPLOITATION_TYPES], { each: true })
  exploitationTypes?: ExploitationType[];

  @ApiPropertyOptional()
  @IsOmittable()
  @IsBoolean()
  minor?: boolean;

  @ApiPropertyOptional({ enum: [...URGENCIES], enumName: 'Urgency' })
  @IsOmittable()
  @IsIn([...URGENCIES])
  urgency?: Urgency;
}

export class RoutingRuleDto implements RoutingRule {
  @ApiProperty({ example: 'province-of-lucca', maxLength: LIMITS.id })
  @IsString()
  @MaxLength(LIMITS.id)
  id: string;

  @ApiProperty({ type: () => RoutingMatchDto })
  @IsObject()
  @ValidateNested()
  @Type(() => RoutingMatchDto)
  match: RoutingMatchDto;

  @ApiProperty({ example: 'ceis-lucca', maxLength: LIMITS.id, description: 'A receiving-body party' })
  @IsString()
  @MaxLength(LIMITS.id)
  to: string;
}

export class RoutingDto implements Readonly<AgreementTerms['routing']> {
  @ApiProperty({ type: () => RoutingRuleDto, isArray: true, maxItems: LIMITS.list, description: 'First match wins' })
  @IsArray()
  @ArrayMaxSize(LIMITS.list)
  @ValidateNested({ each: true })
  @Type(() => RoutingRuleDto)
  rules: RoutingRuleDto[];

  @ApiProperty({ example: 'numero-verde-toscana', maxLength: LIMITS.id, description: 'A receiving-body party' })
  @IsString()
  @MaxLength(LIMITS.id)
  fallbackAgencyId: string;
}

export class ObligationConditionDto implements NonNullable<Obligation['onlyIf']> {
  @ApiPropertyOptional()
  @IsOmittable()
  @IsBoolean()
  minor?: boolean;
}

export class ObligationDto implements Obligation {
  @ApiProperty({ example: 'acknowledge-routed', maxLength: LIMITS.id })
  @IsString()
  @MaxLength(LIMITS.id)
  id: string;

  @ApiProperty({ maxLength: LIMITS.text })
  @IsString()
  @MaxLength(LIMITS.text)
  description: string;

  @ApiProperty({ enum: REFERRAL_EVENT_TYPES, enumName: 'ReferralEventType' })
  @IsIn(REFERRAL_EVENT_TYPES)
  after: ReferralEventType;

  @ApiProperty({ enum: [...PROTOCOL_ROLES], enumName: 'ProtocolRole' })
  @IsIn([...PROTOCOL_ROLES])
  responsible: ProtocolRole;

  @ApiProperty({ enum: REFERRAL_EVENT_TYPES, enumName: 'ReferralEventType', isArray: true, minItems: 1 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(LIMITS.vocabulary)
  @IsIn(REFERRAL_EVENT_TYPES, { each: true })
  mustCause: ReferralEventType[];

  @ApiProperty({ example: 'PT24H', description: 'ISO-8601 duration of fixed length: weeks, days, hours, minutes, seconds' })
  @IsFixedDuration()
  within: string;

  @ApiPropertyOptional({ example: 'PT2H', description: 'Replaces `within` for urgent referrals; not longer than it' })
  @IsOmittable()
  @IsFixedDuration()
  withinIfUrgent?: string;

  @ApiPropertyOptional({ type: () => ObligationConditionDto, description: 'Only for referrals with these attributes' })
  @IsOmittable()
  @IsObject()
  @ValidateNested()
  @Type(() => ObligationConditionDto)
  onlyIf?: ObligationConditionDto;
}

export class DataSharingRuleDto implements DataSharingRule {
  @ApiProperty({ enum: [...PROTOCOL_ROLES], enumName: 'ProtocolRole' })
  @IsIn([...PROTOCOL_ROLES])
  role: ProtocolRole;

  @ApiProperty({ enum: [...DATA_CATEGORIES], enumName: 'DataCategory', isArray: true })
  @IsArray()
  @ArrayMaxSize(LIMITS.vocabulary)
  @IsIn([...DATA_CATEGORIES], { each: true })
  always: DataCategory[];

  @ApiProperty({ enum: [...DATA_CATEGORIES], enumName: 'DataCategory', isArray: true })
  @IsArray()
  @ArrayMaxSize(LIMITS.vocabulary)
  @IsIn([...DATA_CATEGORIES], { each: true })
  withConsent: DataCategory[];
}

export class IndicatorDefinitionDto implements IndicatorDefinition {
  @ApiProperty({ example: 'caporalato', pattern: INDICATOR_CODE_PATTERN.source, maxLength: LIMITS.id })
  @IsString()
  @MaxLength(LIMITS.id)
  @Matches(INDICATOR_CODE_PATTERN, { message: 'code must be lowercase letters and digits in words joined by dashes' })
  code: string;

  @ApiProperty({ example: 'Recruited by a gangmaster', maxLength: LIMITS.name })
  @IsString()
  @MaxLength(LIMITS.name)
  label: string;

  @ApiProperty({ enum: [...INDICATOR_SOURCES], enumName: 'IndicatorSource', example: 'agreement' })
  @IsIn([...INDICATOR_SOURCES])
  source: IndicatorSource;

  @ApiPropertyOptional({
    enum: [...EXPLOITATION_TYPES],
    enumName: 'ExploitationType',
    isArray: true,
    description: 'The forms of exploitation it is typical of; absent when it applies to all',
  })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(LIMITS.vocabulary)
  @IsIn([...EXPLOITATION_TYPES], { each: true })
  exploitationTypes?: ExploitationType[];
}

/** One version's content; an amendment sends the whole new terms. */
export class AgreementTermsDto implements AgreementTerms {
  @ApiProperty({ maxLength: LIMITS.text })
  @IsNonBlank()
  @MaxLength(LIMITS.text)
  title: string;

  @ApiProperty({ type: () => TerritoryDto })
  @IsObject()
  @ValidateNested()
  @Type(() => TerritoryDto)
  territory: TerritoryDto;

  @ApiProperty({ type: () => ValidityDto })
  @IsObject()
  @ValidateNested()
  @Type(() => ValidityDto)
  validity: ValidityDto;

  @ApiProperty({ type: () => PartyDto, isArray: true, maxItems: LIMITS.list })
  @IsArray()
  @ArrayMaxSize(LIMITS.list)
  @ValidateNested({ each: true })
  @Type(() => PartyDto)
  parties: PartyDto[];

  @ApiProperty({ type: () => RoutingDto })
  @IsObject()
  @ValidateNested()
  @Type(() => RoutingDto)
  routing: RoutingDto;

  @ApiProperty({ type: () => ObligationDto, isArray: true, maxItems: LIMITS.list })
  @IsArray()
  @ArrayMaxSize(LIMITS.list)
  @ValidateNested({ each: true })
  @Type(() => ObligationDto)
  obligations: ObligationDto[];

  @ApiProperty({ type: () => DataSharingRuleDto, isArray: true, maxItems: LIMITS.vocabulary })
  @IsArray()
  @ArrayMaxSize(LIMITS.vocabulary)
  @ValidateNested({ each: true })
  @Type(() => DataSharingRuleDto)
  dataSharing: DataSharingRuleDto[];

  @ApiPropertyOptional({
    type: () => IndicatorDefinitionDto,
    isArray: true,
    maxItems: LIMITS.list,
    description: 'Indicators this territory watches for beyond the base catalogue',
  })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(LIMITS.list)
  @ValidateNested({ each: true })
  @Type(() => IndicatorDefinitionDto)
  indicators?: IndicatorDefinitionDto[];
}

export class CreateAgreementDto {
  @ApiProperty({ example: 'lucca-2007', pattern: AGREEMENT_ID_PATTERN.source, minLength: 3, maxLength: 64 })
  @IsString()
  @Matches(AGREEMENT_ID_PATTERN, {
    message: 'agreementId must be 3 to 64 lowercase letters, digits and dashes, starting and ending with a letter or digit',
  })
  agreementId: string;

  @ApiProperty({ type: () => AgreementTermsDto })
  @IsObject()
  @ValidateNested()
  @Type(() => AgreementTermsDto)
  terms: AgreementTermsDto;
}

export class AmendAgreementDto {
  @ApiProperty({ type: () => AgreementTermsDto })
  @IsObject()
  @ValidateNested()
  @Type(() => AgreementTermsDto)
  terms: AgreementTermsDto;
}

export class SuspendAgreementDto {
  @ApiProperty({ minLength: 1, maxLength: 500, example: 'Funding lapsed; parties renegotiating' })
  @IsNonBlank()
  @MaxLength(500)
  reason: string;
}
