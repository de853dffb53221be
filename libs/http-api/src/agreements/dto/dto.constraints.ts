import { DomainError, Duration, instantMillis, isNonEmptyText, nationalityCategoryOf } from '@app/domain';
import { buildMessage, isISO31661Alpha2, ValidateBy, ValidateIf, ValidationArguments, ValidationOptions } from 'class-validator';

/**
 * Shape rules shared by the request DTOs. Where the domain has a parser (instants, durations,
 * nationalities) the DTO calls it, so that the API accepts exactly what the domain accepts.
 */

/** Agreement ids appear in URLs and stream names. */
export const AGREEMENT_ID_PATTERN = /^[a-z0-9][a-z0-9-]{1,62}[a-z0-9]$/;
/** Agency ids, as the directory stores them (its table checks the same shape). */
export const AGENCY_ID_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;
/** The shape of the base catalogue's codes; an agreement's own indicators must have it too, or no referral could name them. */
export const INDICATOR_CODE_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Size limits no real protocol reaches; they only bound what one request can make the server hold. */
export const LIMITS = {
  id: 100,
  name: 500,
  text: 2000,
  list: 200,
  longList: 2000,
  /** Lists drawn from a domain vocabulary (roles, categories, event types). */
  vocabulary: 50,
} as const;

/**
 * Optional, but null is not "absent": the domain tests these fields with `=== undefined`, so a null
 * would fail there (or silently match nothing) instead of being a shape error here.
 */
export const IsOmittable = (options?: ValidationOptions): PropertyDecorator =>
  ValidateIf((_object: object, value: unknown) => value !== undefined, options);

/** Text with something other than white space in it, as the domain's `isNonEmptyText` requires. */
export const IsNonBlank = (options?: ValidationOptions): PropertyDecorator =>
  ValidateBy(
    {
      name: 'isNonBlank',
      validator: {
        validate: (value: unknown) => isNonEmptyText(value),
        defaultMessage: buildMessage((each) => `${each}$property must not be empty`, options),
      },
    },
    options,
  );

/**
 * Runs a domain parser; its own message says what is wrong (`label` names the field when the parser
 * does not).
 */
function domainParser(
  name: string,
  parse: (value: unknown, property: string) => unknown,
  label: (property: string, message: string) => string,
  options?: ValidationOptions,
): PropertyDecorator {
  const problemWith = (value: unknown, property: string): string | null => {
    try {
      parse(value, property);
      return null;
    } catch (error) {
      return error instanceof DomainError ? label(property, error.message) : `${property} is not valid`;
    }
  };
  return ValidateBy(
    {
      name,
      validator: {
        validate: (value: unknown, args?: ValidationArguments) => problemWith(value, args?.property ?? 'value') === null,
        defaultMessage: (args?: ValidationArguments) =>
          problemWith(args?.value, args?.property ?? 'value') ?? `${args?.property ?? 'value'} is not valid`,
      },
    },
    options,
  );
}

/** An ISO-8601 instant with an offset, and a real calendar day (the domain's `instantMillis`). */
export const IsInstant = (options?: ValidationOptions): PropertyDecorator =>
  domainParser('isInstant', (value, property) => instantMillis(value, property), (_property, message) => message, options);

/** A fixed-length ISO-8601 duration such as PT24H or P10D (the domain's `Duration.parse`). */
export const IsFixedDuration = (options?: ValidationOptions): PropertyDecorator =>
  domainParser('isFixedDuration', (value) => Duration.parse(value), (property, message) => `${property}: ${message}`, options);

/**
 * Not an ISO code, but the one the EU and Italian authorities use for Kosovo nationals; the domain
 * classifies it (as non-EU) like any other two-letter code.
 */
const USER_ASSIGNED_CODES = ['XK'];
const NO_COUNTRY = /^(?:stateless|unknown)$/i;

/** The nationalities `nationalityCategoryOf` can classify that are real codes, 'stateless' or 'unknown'. */
export function isNationality(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const known = isISO31661Alpha2(value) || USER_ASSIGNED_CODES.includes(value.toUpperCase()) || NO_COUNTRY.test(value);
  if (!known) return false;
  try {
    nationalityCategoryOf(value);
    return true;
  } catch {
    return false;
  }
}

/** The message never repeats the value: a nationality is personal data. */
export const IsNationality = (options?: ValidationOptions): PropertyDecorator =>
  ValidateBy(
    {
      name: 'isNationality',
      validator: {
        validate: (value: unknown) => isNationality(value),
        defaultMessage: buildMessage(
          (each) => `${each}$property must be an ISO 3166-1 alpha-2 country code (e.g. NG), 'stateless' or 'unknown'`,
          options,
        ),
      },
    },
    options,
  );

/** Read at validation time, not at start-up: a process that runs over New Year must not fall behind. */
export const IsNotAfterCurrentYear = (options?: ValidationOptions): PropertyDecorator =>
  ValidateBy(
    {
      name: 'isNotAfterCurrentYear',
      validator: {
        validate: (value: unknown) => typeof value === 'number' && value <= new Date().getUTCFullYear(),
        defaultMessage: buildMessage((each) => `${each}$property must not be later than ${new Date().getUTCFullYear()}`, options),
      },
    },
    options,
  );
