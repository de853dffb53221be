import { DATA_CATEGORIES, DataCategory, Gender, GENDERS, isNonEmptyText, isOneOf, nationalityCategoryOf, Problems, ValidationFailed } from '@app/domain';

/** Who the subject is. Events carry only `minor`, `gender` and the nationality's category. */
export interface SubjectIdentity {
  firstName: string;
  lastName: string;
  /** Often only estimated for the people referred; null when nobody knows. */
  birthYear: number | null;
  /** ISO 3166-1 alpha-2 code, 'stateless' or 'unknown'. */
  nationality: string;
  gender: Gender;
  minor: boolean;
}

/** A category that is, for now, a note in the operator's words. An object so it can gain fields without a format change. */
export interface FreeTextCategory {
  text: string;
}

/**
 * The subject's personal data, one property per data category of the agreements' data-sharing rules
 * (`DATA_CATEGORIES`), so a reader is given exactly the categories it may see (`revealCategories`).
 */
export interface PersonalDataRecord {
  identity: SubjectIdentity;
  contact?: FreeTextCategory;
  health?: FreeTextCategory;
  'legal-status'?: FreeTextCategory;
  'exploitation-narrative'?: FreeTextCategory;
}

/** What a reader receives: only the categories it may see (identity included only if it may see it). */
export type RevealedPersonalData = Partial<PersonalDataRecord>;

// Fails to compile when the domain's categories and the record's properties drift apart.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const _categoriesMatch: Same<keyof PersonalDataRecord, DataCategory> = true;

export function revealCategories(record: PersonalDataRecord, categories: readonly DataCategory[]): RevealedPersonalData {
  const revealed: Record<string, unknown> = {};
  for (const category of DATA_CATEGORIES) {
    if (categories.includes(category) && record[category] !== undefined) revealed[category] = structuredClone(record[category]);
  }
  return revealed;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Subject references are UUIDs, compared and authenticated (as GCM additional data) in lower case, so
 * that the same reference spelt in upper case still opens its record.
 */
export function canonicalSubjectRef(subjectRef: unknown): string {
  if (typeof subjectRef !== 'string' || !UUID.test(subjectRef)) {
    throw new ValidationFailed('invalid-subject-ref', 'A subject reference must be a UUID');
  }
  return subjectRef.toLowerCase();
}

const NAME_MAX = 200;
const TEXT_MAX = 20_000;
const FREE_TEXT_CATEGORIES = DATA_CATEGORIES.filter((category) => category !== 'identity');

/**
 * Checks the shape of a record before it is sealed: the data that goes in is exactly what a later
 * reader gets out, with no stray properties. Problems name fields, never their values.
 */
export function validatePersonalDataRecord(input: unknown): PersonalDataRecord {
  const problems = new Problems();
  if (!isObject(input)) {
    problems.add('the record must be an object');
    problems.throwIfAny('invalid-personal-data', 'Personal data');
  }
  const record = input as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    problems.check(isOneOf(DATA_CATEGORIES, key), `"${key}" is not a data category (${DATA_CATEGORIES.join(', ')})`);
  }

  const identity = record.identity;
  if (!isObject(identity)) {
    problems.add('identity is required');
  } else {
    const allowed = ['firstName', 'lastName', 'birthYear', 'nationality', 'gender', 'minor'];
    for (const key of Object.keys(identity)) problems.check(allowed.includes(key), `identity.${key} is not a field of identity`);
    for (const field of ['firstName', 'lastName'] as const) {
      const value = identity[field];
      problems.check(isNonEmptyText(value) && value.length <= NAME_MAX, `identity.${field} must be non-empty text of at most ${NAME_MAX} characters`);
    }
    const birthYear = identity.birthYear;
    problems.check(
      birthYear === null || (Number.isInteger(birthYear) && (birthYear as number) >= 1900 && (birthYear as number) <= 2100),
      'identity.birthYear must be a year (1900–2100) or null',
    );
    problems.check(isNationality(identity.nationality), "identity.nationality must be an ISO 3166-1 alpha-2 code, 'stateless' or 'unknown'");
    problems.check(isOneOf(GENDERS, identity.gender), `identity.gender must be one of ${GENDERS.join(', ')}`);
    problems.check(typeof identity.minor === 'boolean', 'identity.minor must be true or false');
  }

  for (const category of FREE_TEXT_CATEGORIES) {
    const value = record[category];
    if (value === undefined) continue;
    problems.check(
      isObject(value) && Object.keys(value).length === 1 && typeof value.text === 'string' && value.text.length <= TEXT_MAX,
      `${category} must be { text } with at most ${TEXT_MAX} characters`,
    );
  }
  problems.throwIfAny('invalid-personal-data', 'Personal data');
  return record as unknown as PersonalDataRecord;
}

function isNationality(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  try {
    nationalityCategoryOf(value);
    return true;
  } catch {
    return false;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
