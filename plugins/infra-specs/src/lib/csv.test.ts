import { makeSpec } from '../__testUtils__/specs';
import { driftingSpec, unverifiedSpec } from '../__testUtils__/evidence';
import { csvField, specsToCsv, toCsv } from './csv';

/** A small RFC 4180 reader, to check that what we write reads back the same. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  return rows;
}

describe('csvField', () => {
  it('quotes only when needed and doubles quotes', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(' padded ')).toBe('" padded "');
    expect(csvField(null)).toBe('');
    expect(csvField(undefined)).toBe('');
  });

  it('writes numbers as numbers, negative ones included', () => {
    expect(csvField(-200)).toBe('-200');
    expect(csvField(12.5)).toBe('12.5');
    expect(csvField(Number.NaN)).toBe('');
  });

  it('defuses text a spreadsheet would run as a formula', () => {
    expect(csvField('=HYPERLINK("http://x")')).toBe(
      '"\'=HYPERLINK(""http://x"")"',
    );
    expect(csvField('+1')).toBe("'+1");
    expect(csvField('-cmd')).toBe("'-cmd");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
  });
});

describe('toCsv / specsToCsv', () => {
  it('ends every line with CRLF', () => {
    expect(
      toCsv([
        ['a', 1],
        ['b', null],
      ]),
    ).toBe('a,1\r\nb,\r\n');
  });

  it('writes the estimate and the drift beside the claim', () => {
    const rows = parseCsv(specsToCsv([driftingSpec(), unverifiedSpec()]));
    const column = (name: string) => rows[0].indexOf(name);
    expect(rows[0].slice(9, 14)).toEqual([
      'Monthly cost delta',
      'Currency',
      'Estimated monthly cost delta',
      'Estimate currency',
      'Cost drift',
    ]);
    expect(rows[1].slice(9, 14)).toEqual([
      '350',
      'USD',
      '610.46',
      'USD',
      'Over claim',
    ]);
    expect(rows[2][column('Estimated monthly cost delta')]).toBe('');
    expect(rows[2][column('Cost drift')]).toBe('');
  });

  it('writes a header and one row per spec that reads back the same', () => {
    const specs = [
      makeSpec({
        document: {
          id: 'SPEC-0042',
          title: 'Upgrade EKS, "carefully"\nin two steps',
          status: 'in-review',
          cost: { monthlyDelta: -200, currency: 'USD' },
          openClarifications: ['Which region?'],
          diagnostics: [
            { severity: 'error', line: 3, code: 'x', message: 'bad' },
            { severity: 'warning', line: 4, code: 'y', message: 'meh' },
          ],
        },
      }),
      makeSpec({
        document: {
          id: 'SPEC-0043',
          title: '=cmd|calc',
          impact: { rollback: null, downtime: 'maintenance-window' },
          cost: { monthlyDelta: null, currency: null },
        },
      }),
    ];
    const rows = parseCsv(specsToCsv(specs));
    expect(rows).toHaveLength(3);
    expect(rows[0][0]).toBe('ID');
    expect(rows[1]).toEqual([
      'SPEC-0042',
      'Upgrade EKS, "carefully"\nin two steps',
      'In review',
      'Infrastructure change',
      'component:default/payments-api',
      'group:default/payments-team',
      'Medium',
      'Easy',
      'None',
      '-200',
      'USD',
      '',
      '',
      '',
      '1',
      '4',
      '1',
      '1',
      '2026-02-01',
      'https://github.com/acme/payments/blob/main/docs/specs/SPEC-0042.md',
    ]);
    expect(rows[2][1]).toBe("'=cmd|calc");
    expect(rows[2][7]).toBe('');
    expect(rows[2][8]).toBe('Maintenance window');
    expect(rows[2][9]).toBe('');
  });
});
