// Lines per stage and the import table between stages, for docs/architecture.md and
// before/after comparisons (`npx tsx scripts/stage-table.ts [root]`).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, dirname, sep } from 'node:path';
import { EXCEPTIONS, STAGES } from '../eslint/stage-boundaries.js';

const root = resolve(process.argv.slice(2).find((a) => !a.startsWith('--')) ?? '.');

// `--rules`: the stage table that eslint/stage-boundaries.js enforces, as docs/architecture.md shows it.
if (process.argv.includes('--rules')) {
  const list = (xs: string[] | undefined) => (xs?.length ? xs.map((x) => `\`${x}\``).join(', ') : '—');
  console.log('| stage | may import | types only | its job |\n| --- | --- | --- | --- |');
  for (const [s, r] of Object.entries(STAGES))
    console.log(`| \`${s}\` | ${list(r.imports)} | ${list(r.types)} | ${r.job} |`);
  console.log('\nExceptions, one file each:\n');
  for (const e of EXCEPTIONS) console.log(`- \`${e.from}\` → \`${e.to}\`: ${e.why}`);
  process.exit(0);
}
const src = join(root, 'src');

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return walk(p);
    return /\.(ts|mjs)$/.test(name) ? [p] : [];
  });
}

function stageOf(file: string): string | undefined {
  const rel = relative(root, file).split(sep);
  if (rel[0] === 'web') return 'web';
  if (rel[0] === 'src') return rel[1];
  return undefined;
}

const files = [...walk(src), ...walk(join(root, 'web', 'src'))];
const lines = new Map<string, number>();
const imports = new Map<string, Map<string, Set<string>>>();
const importRe =
  /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|new URL\(\s*['"]([^'"]+)['"]/g;
for (const file of files) {
  const stage = stageOf(file);
  if (!stage || stage.includes('.')) continue;
  const text = readFileSync(file, 'utf8');
  lines.set(stage, (lines.get(stage) ?? 0) + text.split('\n').length - (text.endsWith('\n') ? 1 : 0));
  for (const m of text.matchAll(importRe)) {
    const spec = m[1] ?? m[2] ?? m[3];
    if (!spec || !spec.startsWith('.')) continue;
    const target = stageOf(resolve(dirname(file), spec));
    if (!target || target === stage || target.includes('.')) continue;
    const row = imports.get(stage) ?? new Map<string, Set<string>>();
    imports.set(stage, row);
    const set = row.get(target) ?? new Set<string>();
    set.add(file);
    row.set(target, set);
  }
}

const order = Object.keys(STAGES);
const stages = [...order.filter((s) => lines.has(s)), ...[...lines.keys()].filter((s) => !order.includes(s)).sort()];
console.log('| stage | lines |\n| --- | ---: |');
for (const s of stages) console.log(`| \`${s}\` | ${(lines.get(s) ?? 0).toLocaleString('en-GB')} |`);
console.log(`| total | ${[...lines.values()].reduce((a, b) => a + b, 0).toLocaleString('en-GB')} |\n`);
console.log(`| from → to | ${stages.join(' | ')} |`);
console.log(`| --- | ${stages.map(() => '---:').join(' | ')} |`);
for (const from of stages) {
  const row = imports.get(from);
  if (!row) continue;
  console.log(`| \`${from}\` | ${stages.map((to) => row.get(to)?.size ?? '').join(' | ')} |`);
}
