import { ExploitationType, Urgency } from '../catalogue/vocabulary';
import { AgreementTerms, RoutingMatch, Territory } from './agreement.terms';

export interface RoutingFacts {
  municipality: string | null;
  province: string | null;
  exploitationTypes: readonly ExploitationType[];
  minor: boolean;
  urgency: Urgency;
}

export interface RoutingChoice {
  agencyId: string;
  /** null: the fallback party. */
  ruleId: string | null;
}

const normaliseName = (name: string) =>
  name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').trim().replace(/\s+/g, ' ').toLowerCase();

/**
 * Names as compared: without accents, case or extra spaces. Every submission compares its
 * municipality with each of the territory's (dozens per province), so the territory's names,
 * which repeat from one submission to the next, are normalised once; the memo is bounded, since
 * the names asked about come from requests too.
 */
const normalised = new Map<string, string>();
const MAX_NORMALISED = 10_000;

function normalise(name: string): string {
  let value = normalised.get(name);
  if (value === undefined) {
    value = normaliseName(name);
    if (normalised.size >= MAX_NORMALISED) normalised.clear();
    normalised.set(name, value);
  }
  return value;
}

/**
 * Where a municipality lies in the agreement's territory. A municipality outside it is not an error:
 * such referrals happen, and they go to whichever rule ignores territory, or to the fallback.
 */
export function locate(
  territory: Territory,
  municipality: string | null | undefined,
): { municipality: string | null; province: string | null } {
  const wanted = municipality == null ? '' : normalise(municipality);
  if (municipality == null || wanted === '') return { municipality: null, province: null };
  for (const province of territory.provinces) {
    const known = province.municipalities.find((name) => normalise(name) === wanted);
    if (known) return { municipality: known, province: province.code };
  }
  return { municipality: municipality.trim(), province: null };
}

export function matches(match: RoutingMatch, facts: RoutingFacts): boolean {
  const within = (list: readonly string[] | undefined, value: string | null) => {
    if (list === undefined) return true;
    if (value === null) return false;
    const wanted = normalise(value);
    return list.some((item) => normalise(item) === wanted);
  };
  return (
    within(match.municipalities, facts.municipality) &&
    within(match.provinces, facts.province) &&
    (match.exploitationTypes === undefined || match.exploitationTypes.some((type) => facts.exploitationTypes.includes(type))) &&
    (match.minor === undefined || match.minor === facts.minor) &&
    (match.urgency === undefined || match.urgency === facts.urgency)
  );
}

/** Every party that may receive the referral, best first: matching rules in order, then the fallback. */
export function routingCandidates(terms: AgreementTerms, facts: RoutingFacts): RoutingChoice[] {
  const choices: RoutingChoice[] = terms.routing.rules
    .filter((rule) => matches(rule.match, facts))
    .map((rule) => ({ agencyId: rule.to, ruleId: rule.id }));
  choices.push({ agencyId: terms.routing.fallbackAgencyId, ruleId: null });
  return choices.filter((choice, index) => choices.findIndex((other) => other.agencyId === choice.agencyId) === index);
}

/**
 * First match wins; after a decline, the next candidate not yet tried. null when every candidate has
 * been tried, and the referral goes back to its referrer.
 */
export function route(terms: AgreementTerms, facts: RoutingFacts, alreadyTried: readonly string[] = []): RoutingChoice | null {
  return routingCandidates(terms, facts).find((choice) => !alreadyTried.includes(choice.agencyId)) ?? null;
}
