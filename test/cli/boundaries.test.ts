import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../../src/', import.meta.url));

/** Every relative import target of the .ts files under a folder of src/, as paths relative to src/. */
function importsUnder(folder: string): Array<{ file: string; target: string }> {
  const out: Array<{ file: string; target: string }> = [];
  for (const d of readdirSync(join(SRC, folder), { recursive: true, withFileTypes: true })) {
    if (!d.isFile() || !d.name.endsWith('.ts')) continue;
    const path = join(d.parentPath, d.name);
    const text = readFileSync(path, 'utf8');
    for (const m of text.matchAll(/(?:from|import)\s*\(?\s*'(\.[^']+)'/g))
      out.push({ file: path.slice(SRC.length), target: join(d.parentPath, m[1]!).slice(SRC.length) });
  }
  return out;
}

describe('the CLI and the server share analyses, not each other', () => {
  it('no cli file imports the server, except `serve` starting it', () => {
    const bad = importsUnder('cli').filter((i) => i.target.startsWith('server/') && i.file !== 'cli/serve.ts');
    expect(bad).toEqual([]);
    // and the check sees imports at all
    expect(importsUnder('cli').some((i) => i.target.startsWith('analyses/'))).toBe(true);
  });

  it('no server file imports the CLI', () => {
    expect(importsUnder('server').filter((i) => i.target.startsWith('cli/'))).toEqual([]);
    expect(importsUnder('server').some((i) => i.target.startsWith('analyses/'))).toBe(true);
  });
});
