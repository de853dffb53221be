import { EVENT_TYPE, PrefixesFilter, RegexFilter, STREAM_NAME } from '@eventstore/db-client';
import { escapeRegex, exactMatchRegex, matchesFilter, MATCH_NOTHING, subscriptionFilter } from './event-filter';

describe('regex escaping', () => {
  it('escapes every character with a meaning outside a character class', () => {
    expect(escapeRegex('a.b*c+d?e^f$g{h}i(j)k|l[m]n\\o')).toBe('a\\.b\\*c\\+d\\?e\\^f\\$g\\{h\\}i\\(j\\)k\\|l\\[m\\]n\\\\o');
  });

  it('leaves ordinary characters alone', () => {
    expect(escapeRegex('ReferralSubmitted-v2_x/y')).toBe('ReferralSubmitted-v2_x/y');
  });
});

describe('exact match regex for event types', () => {
  const regex = new RegExp(exactMatchRegex(['Referral.Submitted+v2', 'ConsentGiven']));

  it('matches each listed type', () => {
    expect(regex.test('Referral.Submitted+v2')).toBe(true);
    expect(regex.test('ConsentGiven')).toBe(true);
  });

  it.each([
    'ReferralXSubmittedv2',
    'Referral.Submittedv2',
    'Referral.Submitted++v2',
    'Referral.Submitted+v2x',
    'xReferral.Submitted+v2',
    'ConsentGivenAgain',
    'PreConsentGiven',
    'Referral.Submitted+v2|ConsentGiven',
    '',
  ])('does not match %p', (type) => {
    expect(regex.test(type)).toBe(false);
  });

  it('matches nothing for an empty list', () => {
    expect(exactMatchRegex([])).toBe(MATCH_NOTHING);
    const nothing = new RegExp(MATCH_NOTHING);
    expect(['', 'a', '$all'].some((s) => nothing.test(s))).toBe(false);
  });
});

describe('subscription filter', () => {
  it('filters event types on the server with the exact-match regex', () => {
    const filter = subscriptionFilter({ eventTypes: ['A.B', 'C'] }) as RegexFilter;
    expect(filter.filterOn).toBe(EVENT_TYPE);
    expect(filter.regex).toBe('^(?:A\\.B|C)$');
  });

  it('filters stream prefixes on the server as prefixes, not as a regex', () => {
    const filter = subscriptionFilter({ streamPrefixes: ['referral-', 'case.'] }) as PrefixesFilter;
    expect(filter.filterOn).toBe(STREAM_NAME);
    expect(filter.prefixes).toEqual(['referral-', 'case.']);
  });

  it('selects no stream for an empty prefix list', () => {
    const filter = subscriptionFilter({ streamPrefixes: [] }) as RegexFilter;
    expect(filter.filterOn).toBe(STREAM_NAME);
    expect(filter.regex).toBe(MATCH_NOTHING);
  });

  it('without a filter of ours still excludes system event types', () => {
    const filter = subscriptionFilter(undefined) as RegexFilter;
    expect(filter.filterOn).toBe(EVENT_TYPE);
    const regex = new RegExp(filter.regex);
    expect(regex.test('ReferralSubmitted')).toBe(true);
    expect(regex.test('$metadata')).toBe(false);
    expect(regex.test('$>')).toBe(false);
  });
});

describe('client-side filter', () => {
  it('keeps everything without a filter', () => {
    expect(matchesFilter(undefined, 'any-stream', 'AnyType')).toBe(true);
  });

  it('compares event types exactly', () => {
    const filter = { eventTypes: ['Referral.Submitted+v2'] };
    expect(matchesFilter(filter, 's', 'Referral.Submitted+v2')).toBe(true);
    expect(matchesFilter(filter, 's', 'ReferralXSubmitted+v2')).toBe(false);
    expect(matchesFilter(filter, 's', 'Referral.Submitted+v2 ')).toBe(false);
  });

  it('compares stream prefixes literally', () => {
    const filter = { streamPrefixes: ['referral.', 'case-'] };
    expect(matchesFilter(filter, 'referral.1', 'T')).toBe(true);
    expect(matchesFilter(filter, 'case-9', 'T')).toBe(true);
    expect(matchesFilter(filter, 'referralX1', 'T')).toBe(false);
    expect(matchesFilter(filter, 'x-case-9', 'T')).toBe(false);
    expect(matchesFilter({ streamPrefixes: [] }, 'case-9', 'T')).toBe(false);
  });
});
