import { csvDocument, csvField } from './csv';

describe('CSV fields', () => {
  it('quote commas, quotes and line breaks, doubling quotes', () => {
    expect(csvField('Ce.I.S. - Gruppo "Giovani e Comunità"')).toBe('"Ce.I.S. - Gruppo ""Giovani e Comunità"""');
    expect(csvField('Lucca, Toscana')).toBe('"Lucca, Toscana"');
    expect(csvField('two\r\nlines')).toBe('"two\r\nlines"');
    expect(csvField('plain')).toBe('plain');
    expect(csvField('cr\r')).toBe('"cr\r"');
  });

  it('write numbers as they are and nothing for null', () => {
    expect(csvField(0.2857)).toBe('0.2857');
    expect(csvField(-1)).toBe('-1');
    expect(csvField(null)).toBe('');
  });

  it('keep text a spreadsheet would run as a formula from running', () => {
    expect(csvField('=HYPERLINK("http://x")')).toBe('"\'=HYPERLINK(""http://x"")"');
    expect(csvField('+39 0583')).toBe("'+39 0583");
    expect(csvField('@sum')).toBe("'@sum");
    expect(csvField('-1+2')).toBe("'-1+2");
  });

  it('make a document of rows, every line ending in CRLF', () => {
    expect(csvDocument([['a', 1, null], ['b,c', -2, 'x']])).toBe('a,1,\r\n"b,c",-2,x\r\n');
    expect(csvDocument([])).toBe('');
  });
});
