// CONTRIBUTING.md sends readers to real files: every repository path it writes in backticks must exist,
// so a moved or renamed module shows up here instead of as a dead end in a recipe.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DOC = 'CONTRIBUTING.md';

interface PathMention {
  path: string;
  line: number;
  /** Marked "(new)" after the backticks: a file a recipe asks you to create. */
  isNew: boolean;
}

/** Does the text between backticks look like a path in the repository (a/b.ext or a/b/)? */
function looksLikePath(s: string): boolean {
  if (/\s/.test(s) || s.includes('://') || !s.includes('/') || /^[/#.~-]/.test(s)) return false;
  if (!/^[\w.@<>*-]+(\/[\w.@<>*-]+)*\/?$/.test(s)) return false;
  return s.endsWith('/') || /\.[A-Za-z0-9]+$/.test(s.split('/').at(-1)!);
}

/** Paths written in inline code, outside fenced code blocks (code there is an example, not a pointer). */
function pathMentions(markdown: string): PathMention[] {
  const out: PathMention[] = [];
  let fenced = false;
  markdown.split('\n').forEach((text, i) => {
    if (/^\s*```/.test(text)) {
      fenced = !fenced;
      return;
    }
    if (fenced) return;
    for (const m of text.matchAll(/`([^`]+)`(\s*\(new\))?/g)) {
      if (looksLikePath(m[1]!)) out.push({ path: m[1]!, line: i + 1, isNew: m[2] !== undefined });
    }
  });
  return out;
}

/** The folder that must exist for a mention: the whole path, or for a new file or a pattern, the folder above it. */
function mustExist(p: PathMention): { where: string; dir: boolean } {
  const parts = p.path.replace(/\/$/, '').split('/');
  const wild = parts.findIndex((s) => /[<>*]/.test(s));
  if (wild >= 0) return { where: parts.slice(0, wild).join('/'), dir: true };
  if (p.isNew) return { where: parts.slice(0, -1).join('/'), dir: true };
  return { where: parts.join('/'), dir: p.path.endsWith('/') };
}

function problem(p: PathMention): string | undefined {
  const { where, dir } = mustExist(p);
  const full = join(ROOT, where);
  if (!where || !existsSync(full))
    return `${DOC}:${p.line}: \`${p.path}\`${p.isNew ? ' (new)' : ''}: ${where || 'its folder'} does not exist`;
  if (dir && !statSync(full).isDirectory()) return `${DOC}:${p.line}: \`${p.path}\`: ${where} is not a folder`;
  return undefined;
}

describe('CONTRIBUTING.md', () => {
  it('the checker picks out paths and only paths (the checker itself)', () => {
    const sample = [
      'Edit `src/mse/two-list.ts` and `src/mse/`; create `src/nowcast/multiplier.ts` (new).',
      'Not paths: `npm run lint`, `#/court`, `/api/mse`, `POST /api/mse`, `--method <name>`, `a/b`, `https://x.org/a.ts`, `README.md`.',
      'A pattern: `src/<stage>/index.ts`.',
      '```ts',
      "import { x } from '../not/checked.ts'; // `inside/a/fence.ts`",
      '```',
    ].join('\n');
    expect(pathMentions(sample)).toEqual([
      { path: 'src/mse/two-list.ts', line: 1, isNew: false },
      { path: 'src/mse/', line: 1, isNew: false },
      { path: 'src/nowcast/multiplier.ts', line: 1, isNew: true },
      { path: 'src/<stage>/index.ts', line: 3, isNew: false },
    ]);
    const found = pathMentions(sample).map(problem);
    expect(found.slice(0, 2)).toEqual([undefined, undefined]);
    expect(found[3]).toBeUndefined(); // src/ exists
    expect(problem({ path: 'src/mse/no-such-file.ts', line: 9, isNew: false })).toMatch(
      /:9: `src\/mse\/no-such-file.ts`: .* does not exist/,
    );
    expect(problem({ path: 'src/no-such-stage/new.ts', line: 2, isNew: true })).toMatch(
      /src\/no-such-stage does not exist/,
    );
    expect(problem({ path: 'src/no-such-stage/<name>.ts', line: 3, isNew: false })).toMatch(/does not exist/);
    expect(problem({ path: 'package.json/', line: 4, isNew: false })).toMatch(/not a folder/);
  });

  it('every repository path it writes in backticks exists (a new file: its folder)', () => {
    const mentions = pathMentions(readFileSync(join(ROOT, DOC), 'utf8'));
    // The recipes name dozens of files; a handful would mean the extraction broke.
    expect(mentions.length).toBeGreaterThan(40);
    expect(mentions.filter((m) => m.isNew).length).toBeGreaterThan(0);
    expect(mentions.map(problem).filter(Boolean)).toEqual([]);
  });
});
