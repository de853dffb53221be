import {
  AGENCY_KINDS,
  AgreementTerms,
  DATA_CATEGORIES,
  Duration,
  EXPLOITATION_TYPES,
  instantMillis,
  LUCCA_PROTOCOL_TERMS,
  PROTOCOL_ROLES,
  REFERRAL_EVENT_TYPES,
  URGENCIES,
  validateTerms,
} from '@app/domain';
import { BadRequestException, Body, Controller, Post } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Test } from '@nestjs/testing';
import {
  AgreementTermsDto,
  AmendAgreementDto,
  CreateAgreementDto,
  ObligationDto,
  PartyDto,
  RoutingMatchDto,
  SuspendAgreementDto,
  ValidityDto,
} from './agreement-terms.dto';
import { accept, json, rejection } from '../../testing/validation-pipe.helpers';


/** A JSON body to break on purpose: any path can be read and overwritten with anything. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- these bodies are wrong on purpose
type Draft = Record<string, any>;

/** A deep copy of the demo terms with one change applied. */
function termsWith(change: (terms: Draft) => void): Record<string, unknown> {
  const terms = json(LUCCA_PROTOCOL_TERMS) as Draft;
  change(terms);
  return terms;
}

describe('AgreementTermsDto', () => {
  it('passes the demo terms through unchanged, as DTO instances all the way down', async () => {
    const terms = await accept(AgreementTermsDto, json(LUCCA_PROTOCOL_TERMS));

    expect(json(terms)).toEqual(LUCCA_PROTOCOL_TERMS);
    expect(terms).toBeInstanceOf(AgreementTermsDto);
    expect(terms.parties[0]).toBeInstanceOf(PartyDto);
    expect(terms.validity).toBeInstanceOf(ValidityDto);
    expect(terms.routing.rules[0].match).toBeInstanceOf(RoutingMatchDto);
    expect(terms.obligations[0]).toBeInstanceOf(ObligationDto);
    // What the pipe hands the controller is what the domain validates.
    expect(() => validateTerms(terms)).not.toThrow();
  });

  it('accepts every optional part the domain knows', async () => {
    const full = termsWith((terms) => {
      terms.validity.until = '2030-01-01T00:00:00Z';
      terms.routing.rules.push({
        id: 'urgent-minors',
        match: { municipalities: ['Viareggio'], provinces: ['LU'], exploitationTypes: ['sexual', 'begging'], minor: true, urgency: 'urgent' },
        to: 'ceis-lucca',
      });
      terms.obligations.push({ ...terms.obligations[0], id: 'minors', within: 'P1W', withinIfUrgent: 'P1DT12H', onlyIf: { minor: true } });
      terms.indicators = [
        { code: 'caporalato', label: 'Recruited by a gangmaster', source: 'agreement', exploitationTypes: ['labour'] },
        { code: 'night-transport', label: 'Driven to work at night', source: 'agreement' },
      ];
    });

    const terms = await accept(AgreementTermsDto, full);

    expect(json(terms)).toEqual(full);
    expect(() => validateTerms(terms)).not.toThrow();
  });

  it('rejects unknown fields at the top and in nested objects, naming their path', async () => {
    const messages = await rejection(
      AgreementTermsDto,
      termsWith((terms) => {
        terms.version = 2;
        terms.parties[1].email = 'questura@example.org';
        terms.routing.rules[0].match.region = 'Toscana';
        terms.obligations[0].onlyIf = { adult: true };
      }),
    );

    expect(messages).toEqual(
      expect.arrayContaining([
        'property version should not exist',
        'parties.1.property email should not exist',
        'routing.rules.0.match.property region should not exist',
        'obligations.0.onlyIf.property adult should not exist',
      ]),
    );
    expect(messages).toHaveLength(4);
  });

  it.each<[string, (terms: Draft) => void, string, readonly string[]]>([
    ['agency kind', (t) => (t.parties[0].kind = 'CARABINIERI'), 'parties.0.kind must be one of the following values: ', AGENCY_KINDS],
    ['protocol role', (t) => (t.parties[0].roles = ['referrer', 'observer']), 'parties.0.each value in roles must be one of the following values: ', PROTOCOL_ROLES],
    [
      'routed exploitation type',
      (t) => (t.routing.rules[0].match.exploitationTypes = ['organ-removal']),
      'routing.rules.0.match.each value in exploitationTypes must be one of the following values: ',
      EXPLOITATION_TYPES,
    ],
    ['routed urgency', (t) => (t.routing.rules[0].match.urgency = 'very'), 'routing.rules.0.match.urgency must be one of the following values: ', URGENCIES],
    ['trigger event', (t) => (t.obligations[0].after = 'ReferralLost'), 'obligations.0.after must be one of the following values: ', REFERRAL_EVENT_TYPES],
    ['responsible role', (t) => (t.obligations[0].responsible = 'mayor'), 'obligations.0.responsible must be one of the following values: ', PROTOCOL_ROLES],
    [
      'fulfilling event',
      (t) => (t.obligations[0].mustCause = ['ReferralAcknowledged', 'PhoneCall']),
      'obligations.0.each value in mustCause must be one of the following values: ',
      REFERRAL_EVENT_TYPES,
    ],
    ['data-sharing role', (t) => (t.dataSharing[0].role = 'press'), 'dataSharing.0.role must be one of the following values: ', PROTOCOL_ROLES],
    [
      'data category',
      (t) => (t.dataSharing[0].withConsent = ['biometrics']),
      'dataSharing.0.each value in withConsent must be one of the following values: ',
      DATA_CATEGORIES,
    ],
  ])('rejects an unknown %s and lists exactly the domain vocabulary', async (_name, change, prefix, vocabulary) => {
    expect(await rejection(AgreementTermsDto, termsWith(change))).toEqual([prefix + vocabulary.join(', ')]);
  });

  it('rejects an indicator source outside the catalogue sources', async () => {
    const messages = await rejection(
      AgreementTermsDto,
      termsWith((t) => (t.indicators = [{ code: 'caporalato', label: 'Gangmaster', source: 'hearsay' }])),
    );
    expect(messages).toEqual(['indicators.0.source must be one of the following values: ilo, sexual-exploitation, forced-begging, asylum-guidelines, agreement']);
  });

  it('rejects an added indicator whose code no referral could name', async () => {
    const messages = await rejection(
      AgreementTermsDto,
      termsWith((t) => (t.indicators = [{ code: 'Caporalato!', label: 'Gangmaster', source: 'agreement' }])),
    );
    expect(messages).toEqual(['indicators.0.code must be lowercase letters and digits in words joined by dashes']);
  });

  describe('instants, as the domain reads them', () => {
    const candidates = [
      '2007-01-01T00:00:00+01:00',
      '2026-03-01T09:00Z',
      '2026-03-01T09:00:00.123456Z',
      '2007-01-01',
      '2007-01-01T00:00:00',
      '2026-02-30T00:00:00Z',
      '2026-03-01T25:00:00Z',
      '1 January 2007',
      '',
    ];

    it.each(candidates)('%j: the DTO accepts it exactly when instantMillis does', async (from) => {
      const domainAccepts = (() => {
        try {
          instantMillis(from);
          return true;
        } catch {
          return false;
        }
      })();
      const outcome = await accept(ValidityDto, { from }).then(
        () => [] as string[],
        (error: BadRequestException) => (error.getResponse() as { message: string[] }).message,
      );

      expect(outcome.length === 0).toBe(domainAccepts);
      if (!domainAccepts) expect(outcome).toEqual([`from must be an ISO-8601 instant with an offset, got ${JSON.stringify(from)}`]);
    });

    it('rejects a null end: absent means open-ended, null means nothing to the domain', async () => {
      expect(await rejection(ValidityDto, { from: '2007-01-01T00:00:00Z', until: null })).toEqual([
        'until must be an ISO-8601 instant with an offset, got null',
      ]);
    });
  });

  describe('durations, as the domain parses them', () => {
    const candidates = ['PT24H', 'P10D', 'P1W', 'P1DT12H', 'PT90M', 'PT30S', 'P1M', 'P1Y', 'PT0H', 'P', 'PT', 'P1DT', '24h', 'pt24h', 'P1.5D'];

    it.each(candidates)('%j: the DTO accepts it exactly when Duration.parse does', async (within) => {
      const obligation = { ...LUCCA_PROTOCOL_TERMS.obligations[2], within };
      const outcome = await accept(ObligationDto, obligation).then(
        () => [] as string[],
        (error: BadRequestException) => (error.getResponse() as { message: string[] }).message,
      );

      expect(outcome.length === 0).toBe(Duration.isValid(within));
    });

    it("explains a refused duration with the domain's reason", async () => {
      const calendar = await rejection(ObligationDto, { ...LUCCA_PROTOCOL_TERMS.obligations[2], within: 'P1M' });
      expect(calendar).toEqual(['within: "P1M": years and months have no fixed length; use weeks, days, hours or minutes']);

      const zero = await rejection(ObligationDto, { ...LUCCA_PROTOCOL_TERMS.obligations[0], withinIfUrgent: 'PT0M' });
      expect(zero).toEqual(['withinIfUrgent: PT0M is zero long: a deadline needs time']);
    });
  });

  it('requires what the domain requires: a non-blank title, a role per party, an event that fulfils each obligation', async () => {
    const messages = await rejection(
      AgreementTermsDto,
      termsWith((t) => {
        t.title = '   ';
        t.parties[0].roles = [];
        t.parties[1].name = '';
        t.obligations[0].mustCause = [];
      }),
    );
    expect(messages.sort()).toEqual([
      'obligations.0.mustCause must contain at least 1 elements',
      'parties.0.roles must contain at least 1 elements',
      'parties.1.name must not be empty',
      'title must not be empty',
    ]);
  });

  it('rejects null for parts the domain treats as absent only when undefined', async () => {
    const messages = await rejection(
      AgreementTermsDto,
      termsWith((t) => {
        t.indicators = null;
        t.routing.rules[0].match.municipalities = null;
        t.obligations[0].onlyIf = null;
      }),
    );
    expect(messages).toEqual(
      expect.arrayContaining([
        'indicators must be an array',
        'obligations.0.onlyIf must be an object',
        'routing.rules.0.match.municipalities must be an array',
      ]),
    );
    expect(messages.every((message) => /\b(indicators|onlyIf|municipalities)\b/.test(message))).toBe(true);
  });

  it('rejects missing parts and parts of the wrong kind', async () => {
    const messages = await rejection(
      AgreementTermsDto,
      termsWith((t) => {
        delete t.territory;
        t.routing = 'numero-verde-toscana';
        t.parties[0] = 'provincia-lucca';
      }),
    );
    expect(messages).toEqual(
      expect.arrayContaining([
        'territory must be an object',
        'routing must be an object',
        'parties.each value in nested property parties must be either object or array',
      ]),
    );
  });

  it('bounds the size of what one request can carry', async () => {
    const party = LUCCA_PROTOCOL_TERMS.parties[1];
    const messages = await rejection(
      AgreementTermsDto,
      termsWith((t) => {
        t.parties = Array.from({ length: 201 }, (_, i) => ({ ...party, agencyId: `agency-${i}` }));
        t.title = 'x'.repeat(2001);
      }),
    );
    expect(messages.sort()).toEqual(['parties must contain no more than 200 elements', 'title must be shorter than or equal to 2000 characters']);
  });
});

describe('CreateAgreementDto', () => {
  it('accepts a slug id with the terms', async () => {
    const dto = await accept(CreateAgreementDto, { agreementId: 'lucca-2007', terms: json(LUCCA_PROTOCOL_TERMS) });
    expect(dto.agreementId).toBe('lucca-2007');
    expect(dto.terms).toBeInstanceOf(AgreementTermsDto);
    expect(json(dto.terms)).toEqual(LUCCA_PROTOCOL_TERMS);
  });

  it.each(['Lucca-2007', 'lucca 2007', 'lu', 'x'.repeat(65), '-lucca', 'lucca-', 'lucca_2007'])('rejects the id %j', async (agreementId) => {
    expect(await rejection(CreateAgreementDto, { agreementId, terms: json(LUCCA_PROTOCOL_TERMS) })).toEqual([
      'agreementId must be 3 to 64 lowercase letters, digits and dashes, starting and ending with a letter or digit',
    ]);
  });

  it('validates the nested terms and rejects unknown fields beside them', async () => {
    const messages = await rejection(CreateAgreementDto, {
      agreementId: 'lucca-2007',
      status: 'active',
      terms: termsWith((t) => (t.parties[0].kind = 'CARABINIERI')),
    });
    expect(messages).toEqual(['property status should not exist', `terms.parties.0.kind must be one of the following values: ${AGENCY_KINDS.join(', ')}`]);
  });

  it('requires the terms', async () => {
    expect(await rejection(CreateAgreementDto, { agreementId: 'lucca-2007' })).toEqual(['terms must be an object']);
  });
});

describe('AmendAgreementDto', () => {
  it('accepts new terms and nothing else', async () => {
    const amended: AgreementTerms = { ...LUCCA_PROTOCOL_TERMS, title: 'Protocollo di Lucca, seconda versione' };
    expect(json(await accept(AmendAgreementDto, { terms: json(amended) }))).toEqual({ terms: amended });
    expect(await rejection(AmendAgreementDto, { terms: json(amended), version: 2 })).toEqual(['property version should not exist']);
  });
});

describe('SuspendAgreementDto', () => {
  it('accepts a reason of 1 to 500 characters', async () => {
    expect(await accept(SuspendAgreementDto, { reason: 'Under review' })).toEqual({ reason: 'Under review' });
    expect(await accept(SuspendAgreementDto, { reason: 'x'.repeat(500) })).toBeInstanceOf(SuspendAgreementDto);
  });

  it.each([
    ['blank', ' \n', 'reason must not be empty'],
    ['too long', 'x'.repeat(501), 'reason must be shorter than or equal to 500 characters'],
    ['missing', undefined, 'reason must not be empty'],
  ])('rejects a %s reason', async (_name, reason, message) => {
    expect(await rejection(SuspendAgreementDto, { reason })).toContain(message);
  });
});

describe('OpenAPI', () => {
  @Controller('agreements')
  class ProbeController {
    @Post()
    create(@Body() _body: CreateAgreementDto) {}

    @Post('amend')
    amend(@Body() _body: AmendAgreementDto) {}

    @Post('suspend')
    suspend(@Body() _body: SuspendAgreementDto) {}
  }

  it('describes the terms with the domain vocabularies and marks only the optional parts optional', async () => {
    const moduleRef = await Test.createTestingModule({ controllers: [ProbeController] }).compile();
    const app = moduleRef.createNestApplication({ logger: false });
    await app.init();
    try {
      const document = SwaggerModule.createDocument(app, new DocumentBuilder().build());
      const schemas = document.components!.schemas! as Record<string, { required?: string[]; enum?: string[] }>;

      expect(schemas.AgencyKind.enum).toEqual([...AGENCY_KINDS]);
      expect(schemas.ProtocolRole.enum).toEqual([...PROTOCOL_ROLES]);
      expect(schemas.ReferralEventType.enum).toEqual([...REFERRAL_EVENT_TYPES]);
      expect(schemas.DataCategory.enum).toEqual([...DATA_CATEGORIES]);
      expect(schemas.AgreementTermsDto.required).toEqual(['title', 'territory', 'validity', 'parties', 'routing', 'obligations', 'dataSharing']);
      expect(schemas.ValidityDto.required).toEqual(['from']);
      expect(schemas.RoutingMatchDto.required).toBeUndefined();
      expect(schemas.ObligationDto.required).toEqual(['id', 'description', 'after', 'responsible', 'mustCause', 'within']);
    } finally {
      await app.close();
    }
  });
});
