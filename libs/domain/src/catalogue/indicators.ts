import { ExploitationType } from './vocabulary';

export type IndicatorSource = 'ilo' | 'sexual-exploitation' | 'forced-begging' | 'asylum-guidelines' | 'agreement';

export interface IndicatorDefinition {
  /** Stable key stored in events; labels may be reworded, codes never. */
  code: string;
  label: string;
  source: IndicatorSource;
  /** The forms of exploitation it is typical of; absent when it applies to all. */
  exploitationTypes?: readonly ExploitationType[];
}

const ilo = (code: string, label: string): IndicatorDefinition => ({ code, label, source: 'ilo' });

/**
 * The starting catalogue: the ILO's eleven indicators of forced labour, then the ones operators and the
 * asylum-commission guidelines use for sexual exploitation and forced begging. Agreements add their own.
 */
export const BASE_INDICATORS: readonly IndicatorDefinition[] = [
  ilo('abuse-of-vulnerability', 'Abuse of vulnerability'),
  ilo('deception', 'Deception'),
  ilo('restriction-of-movement', 'Restriction of movement'),
  ilo('isolation', 'Isolation'),
  ilo('physical-and-sexual-violence', 'Physical and sexual violence'),
  ilo('intimidation-and-threats', 'Intimidation and threats'),
  ilo('retention-of-identity-documents', 'Retention of identity documents'),
  ilo('withholding-of-wages', 'Withholding of wages'),
  ilo('debt-bondage', 'Debt bondage'),
  ilo('abusive-working-and-living-conditions', 'Abusive working and living conditions'),
  ilo('excessive-overtime', 'Excessive overtime'),
  {
    code: 'third-party-control-of-earnings',
    label: 'Earnings handed over to or controlled by a third party',
    source: 'sexual-exploitation',
    exploitationTypes: ['sexual', 'begging'],
  },
  {
    code: 'ritual-oath-or-threats-to-family',
    label: 'Bound by a ritual oath, or family in the country of origin threatened',
    source: 'sexual-exploitation',
    exploitationTypes: ['sexual'],
  },
  {
    code: 'moved-between-places-by-others',
    label: 'Moved between cities, streets or venues by others',
    source: 'sexual-exploitation',
    exploitationTypes: ['sexual', 'begging'],
  },
  {
    code: 'daily-earnings-quota',
    label: 'A daily amount of money to hand over',
    source: 'forced-begging',
    exploitationTypes: ['begging', 'sexual'],
  },
  {
    code: 'dropped-off-and-watched',
    label: 'Dropped off, watched and collected by others',
    source: 'forced-begging',
    exploitationTypes: ['begging'],
  },
  { code: 'minor-without-guardian', label: 'Minor without a parent or guardian', source: 'asylum-guidelines' },
  { code: 'coached-account', label: 'Stereotyped or coached account of the journey', source: 'asylum-guidelines' },
  { code: 'accompanied-by-controller', label: 'Accompanied by someone who speaks or answers for them', source: 'asylum-guidelines' },
];

export function indicatorCatalogue(extensions: readonly IndicatorDefinition[] = []): readonly IndicatorDefinition[] {
  return [...BASE_INDICATORS, ...extensions];
}

export function unknownIndicators(codes: readonly string[], catalogue: readonly IndicatorDefinition[]): string[] {
  const known = new Set(catalogue.map((indicator) => indicator.code));
  return codes.filter((code) => !known.has(code));
}
