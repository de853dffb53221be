import { ValidationFailed } from '../shared/domain-error';
import { BASE_INDICATORS, indicatorCatalogue, unknownIndicators } from './indicators';
import { nationalityCategoryOf } from './vocabulary';

describe('indicator catalogue', () => {
  it("holds the ILO's eleven indicators of forced labour", () => {
    expect(BASE_INDICATORS.filter((indicator) => indicator.source === 'ilo')).toHaveLength(11);
  });

  it('adds indicators for sexual exploitation, forced begging and from the asylum guidelines', () => {
    const codes = BASE_INDICATORS.map((indicator) => indicator.code);
    expect(codes).toEqual(expect.arrayContaining(['third-party-control-of-earnings', 'ritual-oath-or-threats-to-family', 'minor-without-guardian', 'daily-earnings-quota']));
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('is extended per agreement', () => {
    const catalogue = indicatorCatalogue([{ code: 'caporalato', label: 'Recruited by a gangmaster', source: 'agreement' }]);
    expect(unknownIndicators(['caporalato', 'deception', 'bad-vibes'], catalogue)).toEqual(['bad-vibes']);
    expect(unknownIndicators(['caporalato'], BASE_INDICATORS)).toEqual(['caporalato']);
  });
});

describe('nationalityCategoryOf', () => {
  it.each([
    ['IT', 'italian'],
    ['ro', 'eu'],
    ['NG', 'non-eu'],
    ['AL', 'non-eu'],
    ['stateless', 'stateless'],
    ['unknown', 'unknown'],
  ])('puts %s in %s', (code, category) => {
    expect(nationalityCategoryOf(code)).toBe(category);
  });

  it('refuses what is not a country code', () => {
    expect(() => nationalityCategoryOf('Nigeria')).toThrow(ValidationFailed);
  });
});
