// Every command that takes a secret refuses one under 16 bytes and warns when others can read its file;
// no message ever shows any of the secret.
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { readSecretFile } from '../../src/cli/secret-file.ts';
import { BadInputError } from '../../src/domain/errors.ts';
import { MIN_SECRET_BYTES, secretProblem } from '../../src/linkage/keys.ts';
import { runCli } from '../support/run-cli.ts';
import { CORPUS } from '../court/corpus.ts';

const dir = mkdtempSync(join(tmpdir(), 'df-secret-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => vi.unstubAllEnvs());

let n = 0;
function secretFile(content: string | Uint8Array, mode = 0o600): string {
  const f = join(dir, `s${n++}`);
  writeFileSync(f, content);
  chmodSync(f, mode);
  return f;
}

describe('secret files', () => {
  it('a secret is accepted iff it has at least 16 bytes after one trailing newline (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 0, maxLength: 40 }), fc.constantFrom('', '\n', '\r\n'), (bytes, eol) => {
        // The secret's own last bytes must not look like the newline being stripped.
        const body = bytes.filter((b) => b !== 0x0a && b !== 0x0d);
        const f = secretFile(Buffer.concat([Buffer.from(body), Buffer.from(eol)]));
        const warnings: string[] = [];
        let got: Uint8Array | BadInputError;
        try {
          got = readSecretFile(f, '--secret-file', (l) => warnings.push(l));
        } catch (e) {
          got = e as BadInputError;
        }
        if (body.length >= MIN_SECRET_BYTES)
          expect(Buffer.from(got as Uint8Array).equals(Buffer.from(body))).toBe(true);
        else {
          expect(got).toBeInstanceOf(BadInputError);
          expect((got as BadInputError).issues[0]).toMatchObject({ file: f, field: '--secret-file' });
        }
        expect(warnings).toEqual([]);
        expect(secretProblem(body) === null).toBe(body.length >= MIN_SECRET_BYTES);
      }),
      { numRuns: 300 },
    );
  });

  it('warns when group or others may read the file, and never echoes the secret', () => {
    for (const mode of [0o644, 0o640, 0o604, 0o660]) {
      const warnings: string[] = [];
      readSecretFile(secretFile('a long enough secret value', mode), '--secret-file', (l) => warnings.push(l));
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toContain(`mode ${mode.toString(8)}`);
      expect(warnings[0]).not.toContain('secret value');
    }
    const short = secretFile('hunter2\n');
    const err = (() => {
      try {
        readSecretFile(short);
      } catch (e) {
        return e as Error;
      }
    })();
    expect(err?.message).toContain('7 byte(s); at least 16');
    expect(err?.message).not.toContain('hunter2');
  });

  it('an unreadable secret file is bad input naming the file and the flag; CRLF and LF are both trimmed once', () => {
    const missing = join(dir, 'no-such-secret');
    let err: unknown;
    try {
      readSecretFile(missing, '--linkage-secret-file');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(BadInputError);
    expect((err as BadInputError).issues).toEqual([
      { file: missing, line: 0, field: '--linkage-secret-file', message: 'cannot read the secret file: ENOENT' },
    ]);
    const body = 'sixteen bytes!!!';
    expect(Buffer.from(readSecretFile(secretFile(`${body}\r\n`))).toString()).toBe(body);
    expect(Buffer.from(readSecretFile(secretFile(`${body}\n\n`))).toString()).toBe(`${body}\n`);
  });

  it('encode and import court (name and linkage secrets) refuse a 1-byte secret with exit 2, writing nothing', async () => {
    const one = secretFile('x\n');
    const schema = join(dir, 'schema.json');
    writeFileSync(schema, '{}');
    const csv = join(dir, 'people.csv');
    writeFileSync(csv, 'name\nsomeone\n');
    let r = await runCli(['encode', '--schema', schema, '--secret-file', one, csv]);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');

    vi.stubEnv('DARKFIGURE_DB', join(dir, 'store.db'));
    r = await runCli(['import', 'court', CORPUS, '--secret-file', one]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--secret-file.*at least 16/);
    const good = secretFile('a court secret of more than sixteen bytes');
    r = await runCli([
      'import',
      'court',
      CORPUS,
      '--secret-file',
      good,
      '--linkage-schema',
      schema,
      '--linkage-secret-file',
      one,
    ]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--linkage-secret-file.*at least 16/);
    r = await runCli([
      'import',
      'court',
      CORPUS,
      '--secret-file',
      secretFile('a court secret of more than sixteen bytes', 0o644),
      '--json',
    ]);
    expect(r.code).toBe(0);
    expect(r.err).toContain('can be read by other users');
  });
});
