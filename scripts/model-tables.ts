/**
 * The generated parts of docs/model.md, made from the code so that the document cannot drift from it:
 * the registry of mechanisms and one parameter table per mechanism (from src/sim/mechanisms/index.ts), the
 * bundled scenarios (from scenarios/*.json) and the list of figures and sources the parameters cite (from data/).
 *
 *   npx tsx scripts/model-tables.ts            # print every generated block
 *   npx tsx scripts/model-tables.ts --write    # rewrite the generated blocks of docs/model.md in place
 *
 * A block is the text between `<!-- generated:NAME -->` and `<!-- /generated -->`. NAME is a mechanism
 * (the prefix of its parameter keys, e.g. `border`), `registry`, `scenarios`, or `cited`.
 * test/data/citations.test.ts fails when docs/model.md differs from what this script writes.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { PARAMS } from '../src/sim/params.ts';
import { MECHANISMS } from '../src/sim/mechanisms/index.ts';
import type { ParamSpec } from '../src/sim/params-spec.ts';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const MODEL_DOC = join(ROOT, 'docs/model.md');

/** What the generated blocks are made from, besides the ParamSpecs. */
export interface TableInputs {
  scenarios: Array<{
    name: string;
    description: string;
    params: Record<string, number>;
    interventions: Array<{ date: string; params: Record<string, number>; note?: string }>;
  }>;
  figures: Array<{ id: string; value: string; unit?: string; period: string; sources: string[] }>;
  sources: Array<{
    id: string;
    organisation: string;
    outlet?: string;
    title?: string;
    url?: string;
    published?: string;
    accessed?: string;
  }>;
  calibration: {
    priors: Array<{ name: string; low: number; high: number; scale?: string; evidence?: string }>;
    targets: Array<{
      id: string;
      summary: string;
      observation?: string;
      value?: number;
      qualifier?: string;
      from?: string[];
      relSd?: number;
      partShare?: { low: number; high: number; observations: string[] };
      note?: string;
    }>;
    notModelled?: Array<{ observation: string; reason: string }>;
  };
}

export function readInputs(root = ROOT): TableInputs {
  const dir = join(root, 'scenarios');
  const scenarios = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as TableInputs['scenarios'][number])
    .map((s) => ({ ...s, params: s.params ?? {}, interventions: s.interventions ?? [] }));
  const figures = JSON.parse(readFileSync(join(root, 'data/figures.json'), 'utf8')) as TableInputs['figures'];
  const sources = JSON.parse(readFileSync(join(root, 'data/sources.json'), 'utf8')) as TableInputs['sources'];
  const calibration = JSON.parse(
    readFileSync(join(root, 'calibration/default.json'), 'utf8'),
  ) as TableInputs['calibration'];
  return { scenarios, figures, sources, calibration };
}

/** Mechanism names in registry order. */
export function mechanisms(): string[] {
  return MECHANISMS.map((m) => m.name);
}

/** A number as written in the code, without exponent notation (5e-7 → 0.0000005). */
export function fmt(n: number): string {
  const s = String(n);
  return s.includes('e') ? n.toFixed(20).replace(/\.?0+$/, '') : s;
}

const cell = (s: string) => s.replace(/\|/g, '\\|');

/** The evidence column: the ParamSpec's own words, with "docs/model.md §N" shortened to "§N" inside that document. */
const evidence = (s: ParamSpec) => cell(s.source.replace(/docs\/model\.md /g, ''));

export function paramTable(mechanism: string): string {
  const m = MECHANISMS.find((x) => x.name === mechanism);
  if (!m) throw new Error(`no mechanism "${mechanism}" in the registry`);
  const rows = Object.entries(m.params as Record<string, ParamSpec>).map(([k, s]) => [`${mechanism}.${k}`, s] as const);
  const lines = [
    '| parameter | default | range | unit | what it sets | evidence |',
    '| --- | ---: | --- | --- | --- | --- |',
    ...rows.map(
      ([k, s]) =>
        `| \`${k}\` | ${fmt(s.default)} | ${fmt(s.min)} – ${fmt(s.max)}${s.integer ? ', whole' : ''} | ${cell(s.unit)} | ${cell(s.description)} | ${evidence(s)} |`,
    ),
  ];
  return lines.join('\n');
}

const list = (xs: readonly string[]) => (xs.length ? xs.map((x) => `\`${x}\``).join(', ') : '—');

/** What the engine calls on each mechanism: its hooks, found by binding them to the defaults. */
function hookNames(m: (typeof MECHANISMS)[number]): string[] {
  const defaults = Object.fromEntries(Object.entries(PARAMS).map(([k, s]) => [k, s.default]));
  const bound = (m.hooks as (p: unknown) => Record<string, unknown>)(m.resolve(defaults));
  const names = Object.keys(bound).filter((k) => typeof bound[k] === 'function');
  if (Object.keys(m.transitions).length) names.push(`transitions (${Object.keys(m.transitions).join(', ')})`);
  if ('dayEnd' in m && m.dayEnd) names.push('dayEnd');
  return names;
}

/** The registry (src/sim/mechanisms/index.ts), in order: what each mechanism does, declares and hooks into. */
export function registryTable(): string {
  return [
    '| # | mechanism | what it does | states | flags | flows | hooks |',
    '| ---: | --- | --- | --- | --- | --- | --- |',
    ...MECHANISMS.map(
      (m, i) =>
        `| ${i + 1} | \`${m.name}\` | ${cell(m.summary)} | ${list(m.states)} | ${list(m.flags)} | ${list(m.flows)} | ${cell(hookNames(m).join(', ') || 'none: its functions are called directly')} |`,
    ),
  ].join('\n');
}

const changes = (p: Record<string, number>) =>
  Object.entries(p)
    .map(([k, v]) => `\`${k}\` = ${fmt(v)}`)
    .join(', ');

export function scenarioTable(inp: TableInputs): string {
  const lines = ['| scenario | what it changes | description |', '| --- | --- | --- |'];
  for (const s of inp.scenarios) {
    const parts: string[] = [];
    if (Object.keys(s.params).length) parts.push(`from the start: ${changes(s.params)}`);
    for (const iv of s.interventions) parts.push(`${iv.date}: ${changes(iv.params)}`);
    lines.push(`| \`${s.name}\` | ${cell(parts.join('; ') || 'nothing (the defaults)')} | ${cell(s.description)} |`);
  }
  return lines.join('\n');
}

/** Figure ids named in a text: single ids (S21, M19) and ranges of one series (H06–H10 is H06 to H10). */
export function figureIds(text: string): string[] {
  const ids = [...text.matchAll(/\b[SMPRJLIH]\d{2}\b/g)].map((m) => m[0]);
  for (const m of text.matchAll(/\b([SMPRJLIH])(\d{2})[–-]\1(\d{2})\b/g)) {
    for (let i = Number(m[2]) + 1; i < Number(m[3]); i++) ids.push(`${m[1]}${String(i).padStart(2, '0')}`);
  }
  return [...new Set(ids)];
}

/** Figure ids and source ids named in a citation string that the catalogues know. */
export function citedIds(
  text: string,
  known: { figures: Set<string>; sources: Set<string> },
): { figures: string[]; sources: string[] } {
  const figures = figureIds(text).filter((id) => known.figures.has(id));
  const sources = [...text.matchAll(/\b[a-z][a-z0-9]*(?:-[a-z0-9]+)*-\d{4}(?:-\d{2}){0,2}\b/g)]
    .map((m) => m[0])
    .filter((id) => known.sources.has(id));
  return { figures, sources };
}

/** The figures and sources the parameters cite, each with what a reader needs to find it. */
export function citedList(inp: TableInputs): string {
  const known = { figures: new Set(inp.figures.map((f) => f.id)), sources: new Set(inp.sources.map((s) => s.id)) };
  const figs = new Set<string>();
  const srcs = new Set<string>();
  for (const s of Object.values(PARAMS)) {
    const c = citedIds(s.source, known);
    c.figures.forEach((f) => figs.add(f));
    c.sources.forEach((x) => srcs.add(x));
  }
  const figById = new Map(inp.figures.map((f) => [f.id, f]));
  const srcById = new Map(inp.sources.map((s) => [s.id, s]));
  for (const id of figs) for (const s of figById.get(id)!.sources) srcs.add(s);
  const order = (a: string, b: string) => a.localeCompare(b, 'en', { numeric: true });
  const figLines = [...figs].sort(order).map((id) => {
    const f = figById.get(id)!;
    return `| ${id} | ${cell(f.value)}${f.unit ? ` ${cell(f.unit)}` : ''} | ${cell(f.period)} | ${f.sources.map((s) => `\`${s}\``).join(', ')} |`;
  });
  const srcLines = [...srcs].sort(order).map((id) => {
    const s = srcById.get(id)!;
    const who = s.outlet && s.outlet !== s.organisation ? `${s.organisation}, in ${s.outlet}` : s.organisation;
    const date = s.published ?? (s.accessed ? `accessed ${s.accessed}` : 'undated');
    return `| \`${id}\` | ${cell(who)} | ${cell(s.title ?? '—')} | ${date} | ${s.url ?? '—'} |`;
  });
  return [
    'Figures (rows of `data/figures.json`):',
    '',
    '| figure | value | period | sources |',
    '| --- | --- | --- | --- |',
    ...figLines,
    '',
    'Sources (rows of `data/sources.json`):',
    '',
    '| source | who | title | date | URL |',
    '| --- | --- | --- | --- | --- |',
    ...srcLines,
  ].join('\n');
}

/** The calibration's priors, each with the evidence its range comes from (calibration/default.json). */
export function priorTable(inp: TableInputs): string {
  return [
    '| parameter | prior | scale | evidence for the range |',
    '| --- | --- | --- | --- |',
    ...inp.calibration.priors.map(
      (p) =>
        `| \`${p.name}\` (prior) | ${fmt(p.low)} – ${fmt(p.high)} | ${p.scale ?? 'linear'} | ${cell(p.evidence ?? 'not stated')} |`,
    ),
  ].join('\n');
}

/** The calibration's targets: the figure, the statistic, and how the figure is brought to the model's definition. */
export function targetTable(inp: TableInputs): string {
  const c = inp.calibration;
  return [
    '| target | figure | model statistic | definition |',
    '| --- | --- | --- | --- |',
    ...c.targets.map((t) => {
      const fig = t.observation
        ? `\`${t.observation}\``
        : `${t.qualifier ?? ''}${fmt(t.value ?? 0)} from ${(t.from ?? []).map((f) => `\`${f}\``).join(', ')}`;
      const def = [
        t.partShare
          ? `divided by ${fmt(t.partShare.low)}–${fmt(t.partShare.high)}% (${t.partShare.observations.map((o) => `\`${o}\``).join(', ')})`
          : '',
        t.note ?? '',
      ]
        .filter(Boolean)
        .join('; ');
      return `| \`${t.id}\` | ${fig} | \`${t.summary}\` | ${cell(def || 'as published')} |`;
    }),
    ...(c.notModelled?.length
      ? [
          '',
          'Figures that bear on the total but have no model statistic:',
          '',
          '| figure | why not used |',
          '| --- | --- |',
          ...c.notModelled.map((n) => `| \`${n.observation}\` | ${cell(n.reason)} |`),
        ]
      : []),
  ].join('\n');
}

export function block(name: string, inp: TableInputs): string {
  if (name === 'calibration-priors') return priorTable(inp);
  if (name === 'calibration-targets') return targetTable(inp);
  if (name === 'scenarios') return scenarioTable(inp);
  if (name === 'registry') return registryTable();
  if (name === 'cited') return citedList(inp);
  return paramTable(name);
}

const BLOCK = /(<!-- generated:([\w-]+) -->\n)([\s\S]*?)(<!-- \/generated -->)/g;

/** Names of the generated blocks in a document, in order. */
export function blockNames(doc: string): string[] {
  return [...doc.matchAll(BLOCK)].map((m) => m[2]!);
}

/** The document with every generated block remade from the code and data. */
export function fillBlocks(doc: string, inp: TableInputs): string {
  return doc.replace(
    BLOCK,
    (_m, open: string, name: string, _old: string, close: string) => `${open}${block(name, inp)}\n${close}`,
  );
}

function main(): void {
  const inp = readInputs();
  if (process.argv.includes('--write')) {
    const doc = readFileSync(MODEL_DOC, 'utf8');
    const next = fillBlocks(doc, inp);
    writeFileSync(MODEL_DOC, next);
    process.stdout.write(
      `docs/model.md: ${blockNames(doc).length} generated blocks${next === doc ? ', unchanged' : ' rewritten'}\n`,
    );
    return;
  }
  for (const name of ['registry', ...mechanisms(), 'calibration-priors', 'calibration-targets', 'scenarios', 'cited'])
    process.stdout.write(`<!-- generated:${name} -->\n${block(name, inp)}\n<!-- /generated -->\n\n`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
