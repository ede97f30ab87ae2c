import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MSE_EMBED_MAX, mseEmbedQuery, mseRequestFromQuery } from '../../src/report/mse-embed.ts';
import { embedUrl } from '../../src/report/publish.ts';
import { MseRequest } from '../../src/analyses/mse.ts';

const KOREA = readFileSync(new URL('../fixtures/reference/mse/korea.json', import.meta.url), 'utf8');

describe('a capture–recapture request in an embed address', () => {
  it('carries a simulated world and reads back the same request, which the server accepts', () => {
    const req = { kind: 'world', N: 800, lists: 3, capture: 0.25, sigma: 1, seed: 7 } as const;
    const q = mseEmbedQuery(req)!;
    expect(q).toBe('kind=world&N=800&lists=3&capture=0.25&sigma=1&seed=7');
    expect(embedUrl('mse', 'mse-methods', q, 'https://df.example')).toBe(
      `https://df.example/embed/mse/mse-methods?${q}`,
    );
    const back = mseRequestFromQuery(new URLSearchParams(q));
    expect(back).toEqual(req);
    expect(MseRequest.parse(back)).toEqual(req);
  });

  it('carries uploaded pattern counts with their name and merge groups', () => {
    const q = mseEmbedQuery({ kind: 'upload', name: 'korea.json', text: KOREA, merge: 'A+B' })!;
    const back = mseRequestFromQuery(new URLSearchParams(q));
    expect(back).toEqual({ kind: 'upload', name: 'korea.json', text: KOREA, merge: 'A+B' });
    expect(MseRequest.safeParse(back).success).toBe(true);
  });

  it('gives no query for an upload too long for an address', () => {
    expect(mseEmbedQuery({ kind: 'upload', text: 'a,b\n'.repeat(MSE_EMBED_MAX) })).toBeUndefined();
  });

  it('refuses a query without a known kind, a number that is not one, or an upload without its text, naming the field', () => {
    expect(() => mseRequestFromQuery(new URLSearchParams(''))).toThrow('kind must be "world" or "upload", not missing');
    expect(() => mseRequestFromQuery(new URLSearchParams('kind=census'))).toThrow('not "census"');
    expect(() => mseRequestFromQuery(new URLSearchParams('kind=world&N=lots'))).toThrow(
      'N must be a number, not "lots"',
    );
    expect(() => mseRequestFromQuery(new URLSearchParams('kind=world&seed='))).toThrow('seed must be a number');
    expect(() => mseRequestFromQuery(new URLSearchParams('kind=upload&name=x'))).toThrow('text is missing');
  });
});
