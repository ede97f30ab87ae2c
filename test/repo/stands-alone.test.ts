// A clone must build, run and test with nothing beside it: no tracked file may point outside the repository.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { outsideReferences } from './outside-references.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

function trackedFiles(): string[] {
  const out = execFileSync('git', ['ls-files', '-z'], { cwd: ROOT, encoding: 'utf8' });
  return out.split('\0').filter(Boolean);
}

const BINARY = /\.(png|jpe?g|gif|ico|pdf|woff2?|db|wasm)$/i;
const skip = (f: string): boolean => BINARY.test(f) || f === 'package-lock.json';

describe('the repository stands alone', () => {
  it('finds the references it is meant to find (the checker itself)', () => {
    // The examples are assembled so that this file itself names no outside folder.
    const up = '..';
    const sh = ['sha', 'red'].join('');
    expect(outsideReferences(`see ${up}/${sh}/data/mse/korea.json`)).toEqual([`${up}/${sh}/data/mse/korea.json`]);
    expect(outsideReferences(`new URL('${up}/${up}/${up}/${sh}/x', import.meta.url)`)).toHaveLength(1);
    expect(outsideReferences(`read /work/${sh}/reference/figures.md`)).toHaveLength(1);
    const home = ['', 'home', 'someone', 'notes.txt'].join('/');
    expect(outsideReferences(`cat ${home} and /tmp/x`)).toEqual([home]);
    expect(outsideReferences(`the research notes in ${sh}/reference/figures.md`)).toHaveLength(1);
    // Ordinary relative imports, URLs, system paths a tool legitimately names, and prose stay clean.
    expect(
      outsideReferences("import { x } from '../../src/a.ts'; https://example.org/a/b /usr/bin/chromium /dev/null"),
    ).toEqual([]);
    expect(outsideReferences('a shared secret; SharedArrayBuffer; shared by the list holders')).toEqual([]);
  });

  it('no tracked file refers to the research folder beside the clone or to another path outside the repository', () => {
    const bad: string[] = [];
    for (const f of trackedFiles()) {
      if (skip(f)) continue;
      const text = readFileSync(join(ROOT, f), 'utf8');
      text.split('\n').forEach((line, i) => {
        for (const hit of outsideReferences(line)) bad.push(`${f}:${i + 1}: ${hit}`);
      });
    }
    expect(bad).toEqual([]);
  });

  it('relative paths in tracked files never climb above the repository root', () => {
    const bad: string[] = [];
    const rel = /(?<![\w.])((?:\.\.\/)+)[\w@.-][\w@./-]*/g;
    for (const f of trackedFiles()) {
      if (skip(f)) continue;
      const depth = f.split('/').length - 1;
      // A code example in a Markdown page stands for a file elsewhere in the tree: its imports resolve
      // from there, so fenced blocks of .md files are left to the outside-reference check above.
      let fenced = false;
      // `new URL('../x', import.meta.url)` and imports resolve from the file's folder; deeper climbs leave the clone.
      readFileSync(join(ROOT, f), 'utf8')
        .split('\n')
        .forEach((line, i) => {
          if (f.endsWith('.md') && line.trimStart().startsWith('```')) fenced = !fenced;
          if (fenced) return;
          for (const m of line.matchAll(rel)) if (m[1]!.length / 3 > depth) bad.push(`${f}:${i + 1}: ${m[0]}`);
        });
    }
    expect(bad).toEqual([]);
  });
});
