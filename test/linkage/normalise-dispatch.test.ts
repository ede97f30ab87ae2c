// Encoding and clear linking normalise through one dispatcher: they agree on every value, and a date
// neither can read is bad input in both (it used to be hashed-refused by one and compared as text by the other).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BadInputError } from '../../src/domain/errors.ts';
import { applyNormalisation, encodeRecords } from '../../src/linkage/encode.ts';
import { FsSettings, prepareTables } from '../../src/linkage/fellegi-sunter.ts';
import { normaliseValue, UnreadableValueError } from '../../src/linkage/normalise.ts';
import { parseSchema, type HashedFeature } from '../../src/linkage/schema.ts';

const schema = parseSchema({
  version: 3,
  'x-darkfigure-normalisation-version': 1,
  clkConfig: { l: 256, kdf: { type: 'HKDF', keySize: 64 } },
  features: [
    {
      identifier: 'name',
      'x-darkfigure-normalise': 'nameKey',
      format: { type: 'string' },
      hashing: { comparison: { type: 'ngram', n: 2 }, strategy: { bitsPerFeature: 100 } },
    },
    {
      identifier: 'dob',
      'x-darkfigure-normalise': 'isoDate',
      format: { type: 'date', format: '%Y-%m-%d' },
      hashing: { comparison: { type: 'ngram', n: 1, positional: true }, strategy: { bitsPerFeature: 100 } },
    },
  ],
});
const settings = FsSettings.parse({
  comparisons: [
    { column: 'name', normalise: 'nameKey', levels: [{ type: 'exact' }] },
    { column: 'dob', normalise: 'isoDate', levels: [{ type: 'exact' }] },
  ],
  blockingRules: [['dob']],
});

describe('one normalisation dispatcher', () => {
  it('a day that does not exist is an unreadable value, not text', () => {
    expect(() => normaliseValue('31.02.2020', 'isoDate')).toThrow(UnreadableValueError);
    expect(normaliseValue(' ', 'isoDate')).toBe('');
    expect(normaliseValue('29.02.2020', 'isoDate')).toBe('2020-02-29');
  });

  it('encode and clear linking both refuse the bad date, naming the field', () => {
    const { issues } = encodeRecords(schema, 'a secret of enough bytes', [['Ivan Petrov', '31.02.2020']]);
    expect(issues).toEqual([
      expect.objectContaining({
        record: 0,
        field: 'dob',
        message: expect.stringContaining('not a recognisable calendar date'),
      }),
    ]);
    const table = {
      columns: ['name', 'dob'],
      rows: [
        ['Ivan Petrov', '1990-01-01'],
        ['Ivan Petrov', '31.02.2020'],
      ],
      file: 'a.csv',
      lines: [2, 5],
    };
    let err: unknown;
    try {
      prepareTables([table], settings);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(BadInputError);
    expect((err as BadInputError).issues).toEqual([
      {
        file: 'a.csv',
        line: 5,
        column: 2,
        field: 'dob',
        message: expect.stringContaining('not a recognisable calendar date'),
      },
    ]);
    // Without a file the table is named by its place.
    expect(() => prepareTables([{ columns: table.columns, rows: table.rows }], settings)).toThrow(/not a recognisable/);
  });

  it('what clear linking compares is what encoding hashes (property)', () => {
    const day = fc
      .date({ min: new Date('1900-01-01'), max: new Date('2020-12-31'), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10));
    const written = day.chain((iso) =>
      fc.constantFrom(iso, iso.replace(/-/g, ''), `${iso.slice(8)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`),
    );
    const name = fc.constantFrom('Юлия Воробьёва', 'IULIIA VOROBEVA', 'Yuliya Vorob`yova', 'Ivan  Petrov', 'Dmitrii');
    fc.assert(
      fc.property(name, written, (n, d) => {
        const p = prepareTables([{ columns: ['name', 'dob'], rows: [[n, d]] }], settings);
        expect(p.values[0]![0]).toBe(applyNormalisation(n, schema.features[0] as HashedFeature));
        expect(p.values[1]![0]).toBe(applyNormalisation(d, schema.features[1] as HashedFeature));
      }),
      { numRuns: 200 },
    );
  });
});
