// Every citation in the model's parameters, scenarios and calibration resolves to something a reader of
// the repository can open: a section of docs/model.md, a row of data/figures.json or data/sources.json, a
// well-formed public URL, or a file that exists in the repository. And the generated parts of
// docs/model.md equal what the code says today.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PARAMS, calibrationTable, simulate, resolveScenario, type SimResult } from '../../src/sim/index.ts';
import { blockNames, figureIds, fillBlocks, mechanisms, readInputs } from '../../scripts/model-tables.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const read = (p: string) => readFileSync(join(ROOT, p), 'utf8');

const modelDoc = read('docs/model.md');
const figures = new Set((JSON.parse(read('data/figures.json')) as Array<{ id: string }>).map((f) => f.id));
const sources = new Set((JSON.parse(read('data/sources.json')) as Array<{ id: string }>).map((s) => s.id));
const observations = new Set(read('data/observations.jsonl').split('\n').filter((l) => l.trim()).map((l) => (JSON.parse(l) as { id: string }).id));
const scenarioFiles = readdirSync(join(ROOT, 'scenarios')).filter((f) => f.endsWith('.json')).sort();
const scenarioNames = new Set(scenarioFiles.map((f) => f.replace(/\.json$/, '')));

/** Section numbers that docs/model.md has a heading for ("## §4 Leaving and after" → "4"). */
const sections = new Set([...modelDoc.matchAll(/^#{2,3} §(\d+)\b/gm)].map((m) => m[1]));

/** What one citation string fails to resolve; an empty list when everything in it can be opened. */
function unresolved(text: string): string[] {
  const bad: string[] = [];
  // Sections: every "§N" is a section of docs/model.md; "§8 <name>" names a bundled scenario.
  for (const m of text.matchAll(/§(\d+)(?:\s+([a-z][a-z-]*[a-z]))?/g)) {
    if (!sections.has(m[1])) bad.push(`§${m[1]}: no such section in docs/model.md`);
    if (m[1] === '8' && m[2] && !scenarioNames.has(m[2])) bad.push(`§8 ${m[2]}: no scenarios/${m[2]}.json`);
  }
  // A section sign must belong to docs/model.md, never to another document.
  for (const m of text.matchAll(/([\w./-]+\.md)\s+§/g)) if (m[1] !== 'docs/model.md') bad.push(`${m[1]} §: sections are cited as "docs/model.md §N"`);
  for (const id of figureIds(text)) if (!figures.has(id)) bad.push(`${id}: not a row of data/figures.json`);
  for (const m of text.matchAll(/\b[a-z][a-z0-9]*(?:-[a-z0-9]+)*-\d{4}(?:-\d{2}){0,2}\b/g)) {
    // An observation id cites its row of data/observations.jsonl (which names its source).
    if (!sources.has(m[0]) && !observations.has(m[0])) bad.push(`${m[0]}: not a row of data/sources.json or data/observations.jsonl`);
  }
  for (const m of text.matchAll(/\bhttps?:\/\/[^\s)'"]+/g)) {
    try {
      const u = new URL(m[0]);
      if (!u.hostname.includes('.')) bad.push(`${m[0]}: not a public host`);
    } catch {
      bad.push(`${m[0]}: not a well-formed URL`);
    }
  }
  // Local files: must exist in the repository, relative to its root, and never climb out of it.
  const noUrls = text.replace(/\bhttps?:\/\/\S+/g, ' ');
  for (const m of noUrls.matchAll(/(?<![\w/])((?:\.\.?\/)?[\w.-]+(?:\/[\w.-]+)*\.(?:md|txt|ts|json|jsonl|csv))\b/g)) {
    if (m[1]!.startsWith('..') || !existsSync(join(ROOT, m[1]!))) bad.push(`${m[1]}: no such file in the repository`);
  }
  // Seed articles are cited by their row of data/sources.json, never by a bare article code or file name.
  for (const m of text.matchAll(/(?<![\w.,])00\d(?![\w.,])|\b00\d_[0-9a-f]+/g)) bad.push(`${m[0]}: an article code, not a source id`);
  return bad;
}

/** Does the string cite anything at all (a section, figure, source or URL)? */
const citesSomething = (text: string) =>
  /§\d/.test(text) || figureIds(text).length > 0 || /\b[a-z][a-z0-9-]*-\d{4}\b/.test(text) || /https?:\/\//.test(text);

interface Scenario { name: string; description: string; interventions?: Array<{ note?: string }> }

describe('citations resolve', () => {
  it('the checker finds what it must find', () => {
    expect(unresolved('docs/model.md §4 p_catch; S21; mt-2023-12-05; https://re-russia.net/en/analytics/097/')).toEqual([]);
    expect(unresolved('docs/model.md §4; §8 border-closed; H06–H10')).toEqual([]);
    expect(unresolved('model.md §4')).toContain('model.md: no such file in the repository'); // not at the root
    expect(unresolved('docs/model.md §42')).toHaveLength(1);
    expect(unresolved('figures.md §4 (legal table)')).toHaveLength(2); // another document's section, and a missing file
    expect(unresolved('§8 border-open')).toHaveLength(1);
    expect(unresolved('S99; X01')).toEqual(['S99: not a row of data/figures.json']);
    expect(unresolved('H01–H99')).toContain('H99: not a row of data/figures.json');
    expect(unresolved('nobody-2023-01-01')).toHaveLength(1);
    expect(unresolved('see 002 (no rotation)')).toHaveLength(1);
    expect(unresolved('read from 002_61b17f061d53921f.txt')).not.toEqual([]);
    expect(unresolved(['..', 'outside', 'model.md'].join('/'))).toHaveLength(1); // a path that climbs out of the repository
    expect(unresolved('http://bad host/x')).toHaveLength(1);
    // Numbers and law names that look like codes are not citations.
    expect(unresolved('0.002 per day; ~300,000 men; 270-FZ; 365-FZ; art. 337 part 2.1; 2022-09-24')).toEqual([]);
  });

  it('docs/model.md has the numbered sections §1–§9 the code cites, each with an anchor', () => {
    for (let n = 1; n <= 9; n++) {
      expect(sections.has(String(n)), `§${n}`).toBe(true);
      expect(modelDoc).toContain(`<a id="s${n}"></a>`);
    }
  });

  it('every parameter cites evidence, and every citation in it resolves', () => {
    const bad: string[] = [];
    for (const [k, s] of Object.entries(PARAMS)) {
      if (!citesSomething(s.source)) bad.push(`${k}: cites nothing`);
      for (const b of unresolved(s.source)) bad.push(`${k}: ${b}`);
    }
    expect(bad).toEqual([]);
  });

  it('every scenario description and intervention note resolves', () => {
    const bad: string[] = [];
    for (const f of scenarioFiles) {
      const sc = JSON.parse(read(`scenarios/${f}`)) as Scenario;
      expect(sc.name, f).toBe(f.replace(/\.json$/, ''));
      const texts = [sc.description, ...(sc.interventions ?? []).map((iv) => iv.note ?? '')];
      for (const t of texts) for (const b of unresolved(t)) bad.push(`scenarios/${f}: ${b}`);
    }
    expect(bad).toEqual([]);
  });

  it('the calibration description resolves and each target names a bundled observation', () => {
    const cal = JSON.parse(read('calibration/default.json')) as {
      description: string;
      priors: Array<{ name: string; evidence?: string }>;
      targets: Array<{ id: string; observation?: string; from?: string[]; partShare?: { observations: string[] }; note?: string }>;
      notModelled?: Array<{ observation: string; reason: string }>;
    };
    const bad = unresolved(cal.description);
    for (const t of cal.targets) {
      const ids = [...(t.observation ? [t.observation] : []), ...(t.from ?? []), ...(t.partShare?.observations ?? [])];
      if (!ids.length) bad.push(`${t.id}: names no observation`);
      for (const id of ids) if (!observations.has(id)) bad.push(`${t.id}: observation ${id} is not in data/observations.jsonl`);
      for (const b of unresolved(t.note ?? '')) bad.push(`${t.id}: ${b}`);
    }
    for (const p of cal.priors) {
      if (!p.evidence) bad.push(`prior ${p.name}: no evidence stated`);
      for (const b of unresolved(p.evidence ?? '')) bad.push(`prior ${p.name}: ${b}`);
    }
    for (const n of cal.notModelled ?? []) if (!observations.has(n.observation)) bad.push(`notModelled: observation ${n.observation} is not in data/observations.jsonl`);
    expect(bad).toEqual([]);
  });

  it("the calibration table's figure refs are rows of data/figures.json", () => {
    // A small run is enough: the refs do not depend on the numbers.
    const scenario = resolveScenario({ name: 'tiny', description: 'citations test' }, 'test', '2022-02-24', '2024-06-30');
    const r: SimResult = simulate({ seed: 1, agents: 2_000, start: '2022-02-24', end: '2024-06-30', scenario, keepEvents: true });
    const rows = calibrationTable(r);
    expect(rows.length).toBeGreaterThan(10);
    const bad = rows.flatMap((row) => [
      ...(figureIds(row.ref).length === 0 ? [`${row.id}: ref "${row.ref}" names no figure`] : []),
      ...unresolved(row.ref).map((b) => `${row.id}: ${b}`),
    ]);
    expect(bad).toEqual([]);
  });

  it('every "docs/model.md §N" in the code, the docs, the data notes and the scenarios resolves', () => {
    const files: string[] = ['README.md', 'data/README.md', 'calibration/default.json', ...scenarioFiles.map((f) => `scenarios/${f}`)];
    const walk = (dir: string): void => {
      for (const e of readdirSync(join(ROOT, dir), { withFileTypes: true })) {
        const p = `${dir}/${e.name}`;
        if (e.isDirectory()) walk(p);
        else if (/\.(ts|md|mjs)$/.test(e.name)) files.push(p);
      }
    };
    for (const d of ['src', 'docs', 'web/src', 'bench', 'scripts']) if (existsSync(join(ROOT, d))) walk(d);
    const bad: string[] = [];
    for (const f of files) {
      read(f).split('\n').forEach((line, i) => {
        for (const m of line.matchAll(/model\.md\s+§(\d+)/g)) if (!sections.has(m[1])) bad.push(`${f}:${i + 1}: §${m[1]}`);
      });
    }
    expect(bad).toEqual([]);
  });
});

describe('the design documents link only to what the repository has', () => {
  it('every relative link in docs/model.md, docs/architecture.md, docs/simulation.md and data/README.md opens', () => {
    const bad: string[] = [];
    for (const doc of ['docs/model.md', 'docs/architecture.md', 'docs/simulation.md', 'data/README.md']) {
      const text = read(doc);
      const dir = doc.split('/').slice(0, -1).join('/');
      for (const m of text.matchAll(/\]\(([^)\s]+)\)/g)) {
        const target = m[1]!;
        if (/^https?:\/\//.test(target)) continue;
        const [path, anchor] = target.split('#');
        if (path === '') {
          if (!text.includes(`id="${anchor}"`)) bad.push(`${doc}: no anchor #${anchor}`);
          continue;
        }
        const resolved = join(dir, path!);
        if (resolved.startsWith('..') || !existsSync(join(ROOT, resolved))) bad.push(`${doc}: ${target}`);
      }
    }
    expect(bad).toEqual([]);
  });
});

describe('docs/model.md agrees with the code', () => {
  it('has one generated parameter table for every mechanism, plus the registry, the scenarios and the sources cited', () => {
    const names = blockNames(modelDoc);
    expect([...names].sort()).toEqual([...mechanisms(), 'registry', 'calibration-priors', 'calibration-targets', 'scenarios', 'cited'].sort());
    expect(new Set(names).size).toBe(names.length);
  });

  it('its generated tables equal what scripts/model-tables.ts makes from the code (run it with --write to update)', () => {
    expect(fillBlocks(modelDoc, readInputs(ROOT))).toBe(modelDoc);
  });

  it('each parameter row shows the default and range that the code has', () => {
    // Independent of the generator: read the rows back and compare them with PARAMS.
    const rows = new Map<string, string[]>();
    for (const m of modelDoc.matchAll(/^\| `([\w.]+)` \| ([^|]+) \| ([^|]+) \|/gm)) rows.set(m[1]!, [m[2]!.trim(), m[3]!.trim()]);
    for (const [k, s] of Object.entries(PARAMS)) {
      const row = rows.get(k);
      expect(row, k).toBeDefined();
      expect(Number(row![0]), k).toBe(s.default);
      const [lo, hi] = row![1]!.replace(/, whole$/, '').split(' – ').map(Number);
      expect([lo, hi], k).toEqual([s.min, s.max]);
      expect(row![1]!.endsWith(', whole'), k).toBe(Boolean(s.integer));
    }
  });
});
