import { indicatorCatalogue, IndicatorDefinition } from '../catalogue/indicators';
import { DATA_CATEGORIES, DataCategory, EXPLOITATION_TYPES, ExploitationType, URGENCIES, Urgency } from '../catalogue/vocabulary';
import { REFERRAL_EVENT_TYPES, ReferralEventType } from '../referral/referral.events';
import { isNonEmptyText, isOneOf, Problems } from '../shared/domain-error';
import { Duration } from '../shared/duration';
import { instantMillis } from '../shared/instant';

/** PROVINCIA is not in the brief's list of agency kinds, but the Lucca protocol was promoted by one. */
export const AGENCY_KINDS = [
  'QUESTURA',
  'PREFETTURA',
  'COMMISSIONE_TERRITORIALE',
  'ASL',
  'COMUNE',
  'PROVINCIA',
  'NGO',
  'REGIONE',
  'PROCURA',
  'TRIBUNALE',
  'NUMERO_VERDE',
  'LABOUR_INSPECTORATE',
] as const;
export type AgencyKind = (typeof AGENCY_KINDS)[number];

/** A party's role in the protocol, as opposed to a user's role in the platform. */
export const PROTOCOL_ROLES = ['referrer', 'receiving-body', 'shelter', 'health', 'police', 'judicial', 'coordinator'] as const;
export type ProtocolRole = (typeof PROTOCOL_ROLES)[number];

export interface Party {
  agencyId: string;
  name: string;
  kind: AgencyKind;
  roles: readonly ProtocolRole[];
}

export interface Territory {
  region: string;
  provinces: readonly { code: string; name: string; municipalities: readonly string[] }[];
}

/** ISO instants; `until` is exclusive and absent for an open-ended protocol. */
export interface Validity {
  from: string;
  until?: string;
}

/** Every field present must match; an absent field matches anything. */
export interface RoutingMatch {
  municipalities?: readonly string[];
  /** Province codes of the agreement's territory (e.g. 'LU'). */
  provinces?: readonly string[];
  /** Matches when the referral names at least one of these. */
  exploitationTypes?: readonly ExploitationType[];
  minor?: boolean;
  urgency?: Urgency;
}

export interface RoutingRule {
  id: string;
  match: RoutingMatch;
  /** A receiving-body party. */
  to: string;
}

/**
 * "After `after` happens, `responsible` must cause one of `mustCause` within `within`" (shorter when
 * urgent). Event names are referral event types, so compliance can read them straight off the stream.
 * For 'referrer', 'receiving-body' and 'shelter' the responsible agency is the one holding that place in
 * the referral (its referrer, its current recipient, its placement's shelter); for other roles it is
 * every party with the role.
 */
export interface Obligation {
  id: string;
  description: string;
  after: ReferralEventType;
  responsible: ProtocolRole;
  mustCause: readonly ReferralEventType[];
  /** ISO-8601 duration of fixed length, e.g. 'PT24H', 'P10D'. */
  within: string;
  withinIfUrgent?: string;
  /** Only for referrals with these attributes, e.g. minors. */
  onlyIf?: { minor?: boolean };
}

/** What a protocol role may see of the subject record: some categories always, some only with consent. */
export interface DataSharingRule {
  role: ProtocolRole;
  always: readonly DataCategory[];
  withConsent: readonly DataCategory[];
}

export interface Consent {
  dataSharing: boolean;
}

/** One version's content. Never edited: an amendment is a new version with new terms. */
export interface AgreementTerms {
  title: string;
  territory: Territory;
  validity: Validity;
  parties: readonly Party[];
  routing: { rules: readonly RoutingRule[]; fallbackAgencyId: string };
  obligations: readonly Obligation[];
  dataSharing: readonly DataSharingRule[];
  /** Indicators this territory watches for beyond the base catalogue. */
  indicators?: readonly IndicatorDefinition[];
}

export const partyOf = (terms: AgreementTerms, agencyId: string): Party | undefined =>
  terms.parties.find((party) => party.agencyId === agencyId);

export const hasProtocolRole = (terms: AgreementTerms, agencyId: string, role: ProtocolRole): boolean =>
  partyOf(terms, agencyId)?.roles.includes(role) ?? false;

export const partiesWithRole = (terms: AgreementTerms, role: ProtocolRole): Party[] =>
  terms.parties.filter((party) => party.roles.includes(role));

/** Throws ValidationFailed listing every inconsistency, so a coordinator fixes a draft in one go. */
export function validateTerms(terms: AgreementTerms): void {
  const problems = new Problems();
  problems.check(isNonEmptyText(terms.title), 'title is empty');
  validateValidity(terms.validity, problems);

  const ids = terms.parties.map((party) => party.agencyId);
  problems.check(new Set(ids).size === ids.length, 'an agency appears twice among the parties');
  for (const party of terms.parties) {
    problems.check(isNonEmptyText(party.agencyId) && isNonEmptyText(party.name), 'every party needs an agency id and a name');
    problems.check(isOneOf(AGENCY_KINDS, party.kind), `${party.agencyId}: unknown agency kind "${party.kind}"`);
    problems.check(party.roles.length > 0, `${party.agencyId}: has no protocol role`);
    for (const role of party.roles) problems.check(isOneOf(PROTOCOL_ROLES, role), `${party.agencyId}: unknown protocol role "${role}"`);
  }
  for (const role of ['coordinator', 'referrer', 'receiving-body'] as const) {
    problems.check(partiesWithRole(terms, role).length > 0, `no party has the ${role} role`);
  }

  const receiving = (agencyId: string) => hasProtocolRole(terms, agencyId, 'receiving-body');
  const ruleIds = terms.routing.rules.map((rule) => rule.id);
  problems.check(new Set(ruleIds).size === ruleIds.length, 'two routing rules share an id');
  for (const rule of terms.routing.rules) {
    problems.check(receiving(rule.to), `routing rule ${rule.id}: ${rule.to} is not a receiving-body party`);
    for (const type of rule.match.exploitationTypes ?? []) {
      problems.check(isOneOf(EXPLOITATION_TYPES, type), `routing rule ${rule.id}: unknown exploitation type "${type}"`);
    }
    if (rule.match.urgency !== undefined) {
      problems.check(isOneOf(URGENCIES, rule.match.urgency), `routing rule ${rule.id}: unknown urgency "${rule.match.urgency}"`);
    }
  }
  problems.check(receiving(terms.routing.fallbackAgencyId), `fallback ${terms.routing.fallbackAgencyId} is not a receiving-body party`);

  const obligationIds = terms.obligations.map((obligation) => obligation.id);
  problems.check(new Set(obligationIds).size === obligationIds.length, 'two obligations share an id');
  for (const obligation of terms.obligations) validateObligation(obligation, problems);

  const sharedRoles = terms.dataSharing.map((rule) => rule.role);
  problems.check(new Set(sharedRoles).size === sharedRoles.length, 'a protocol role has two data-sharing rules');
  for (const rule of terms.dataSharing) {
    problems.check(isOneOf(PROTOCOL_ROLES, rule.role), `data sharing: unknown protocol role "${rule.role}"`);
    for (const category of [...rule.always, ...rule.withConsent]) {
      problems.check(isOneOf(DATA_CATEGORIES, category), `data sharing for ${rule.role}: unknown category "${category}"`);
    }
    problems.check(
      !rule.always.some((category) => rule.withConsent.includes(category)),
      `data sharing for ${rule.role}: a category cannot be both always visible and consent-bound`,
    );
  }

  const codes = indicatorCatalogue(terms.indicators).map((indicator) => indicator.code);
  problems.check(new Set(codes).size === codes.length, 'an added indicator reuses an existing code');

  problems.throwIfAny('invalid-terms', 'Agreement terms are invalid');
}

function validateValidity(validity: Validity, problems: Problems): void {
  const from = millisOrNull(validity.from);
  const until = validity.until === undefined ? undefined : millisOrNull(validity.until);
  problems.check(from !== null, 'validity.from is not an ISO instant');
  problems.check(until !== null, 'validity.until is not an ISO instant');
  if (from !== null && until != null) problems.check(from < until, 'validity ends before it starts');
}

function validateObligation(obligation: Obligation, problems: Problems): void {
  const known = (type: string) => (REFERRAL_EVENT_TYPES as string[]).includes(type);
  const label = `obligation ${obligation.id}`;
  problems.check(known(obligation.after), `${label}: "${obligation.after}" is not a referral event type`);
  problems.check(obligation.mustCause.length > 0, `${label}: names no event that fulfils it`);
  for (const type of obligation.mustCause) problems.check(known(type), `${label}: "${type}" is not a referral event type`);
  problems.check(isOneOf(PROTOCOL_ROLES, obligation.responsible), `${label}: unknown protocol role "${obligation.responsible}"`);
  const within = durationOrNull(obligation.within);
  problems.check(within !== null, `${label}: within "${obligation.within}" is not a fixed-length ISO-8601 duration`);
  if (obligation.withinIfUrgent !== undefined) {
    const urgent = durationOrNull(obligation.withinIfUrgent);
    problems.check(urgent !== null, `${label}: withinIfUrgent "${obligation.withinIfUrgent}" is not a fixed-length ISO-8601 duration`);
    if (within && urgent) problems.check(!urgent.isLongerThan(within), `${label}: the urgent deadline is longer than the ordinary one`);
  }
}

function millisOrNull(text: string): number | null {
  try {
    return instantMillis(text);
  } catch {
    return null;
  }
}

function durationOrNull(text: string): Duration | null {
  try {
    return Duration.parse(text);
  } catch {
    return null;
  }
}
