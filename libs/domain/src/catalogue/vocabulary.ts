import { ValidationFailed } from '../shared/domain-error';

/** Forms of exploitation, as the national action plan and the regional systems count them. */
export const EXPLOITATION_TYPES = ['sexual', 'labour', 'begging', 'forced-marriage', 'forced-illegal-activities'] as const;
export type ExploitationType = (typeof EXPLOITATION_TYPES)[number];

export const URGENCIES = ['urgent', 'ordinary'] as const;
export type Urgency = (typeof URGENCIES)[number];

/** SIRIT's categories: transgender people are counted as such, not folded into another gender. */
export const GENDERS = ['female', 'male', 'transgender'] as const;
export type Gender = (typeof GENDERS)[number];

/**
 * Coarse on purpose: events keep a category, never the nationality, which in a small territory can
 * identify a person. The categories still decide what matters (art. 18 residence permits concern
 * foreigners; EU citizens have their own rules).
 */
export const NATIONALITY_CATEGORIES = ['italian', 'eu', 'non-eu', 'stateless', 'unknown'] as const;
export type NationalityCategory = (typeof NATIONALITY_CATEGORIES)[number];

const EU_MEMBERS_OTHER_THAN_ITALY = [
  'AT', 'BE', 'BG', 'CY', 'CZ', 'DE', 'DK', 'EE', 'ES', 'FI', 'FR', 'GR', 'HR', 'HU', 'IE', 'LT', 'LU', 'LV', 'MT', 'NL', 'PL', 'PT',
  'RO', 'SE', 'SI', 'SK',
];

/** From an ISO 3166-1 alpha-2 code (or 'stateless' / 'unknown') to the category events may carry. */
export function nationalityCategoryOf(nationality: string): NationalityCategory {
  const code = nationality.trim().toUpperCase();
  if (code === 'STATELESS') return 'stateless';
  if (code === 'UNKNOWN') return 'unknown';
  if (!/^[A-Z]{2}$/.test(code)) {
    throw new ValidationFailed(
      'invalid-nationality',
      `Nationality must be an ISO 3166-1 alpha-2 code, 'stateless' or 'unknown', got "${nationality}"`,
    );
  }
  if (code === 'IT') return 'italian';
  return EU_MEMBERS_OTHER_THAN_ITALY.includes(code) ? 'eu' : 'non-eu';
}

/** What data-sharing rules are about: personal data lives in the encrypted subject record, in these categories. */
export const DATA_CATEGORIES = ['identity', 'contact', 'health', 'legal-status', 'exploitation-narrative'] as const;
export type DataCategory = (typeof DATA_CATEGORIES)[number];
