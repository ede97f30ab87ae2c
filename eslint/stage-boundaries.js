// The stage table of docs/architecture.md as a lint rule: a file in one stage may import another
// stage only if the table allows it, and only through that stage's index.ts. Plain JS so that
// eslint.config.js loads it without a build step.
import { dirname, relative, resolve, sep } from 'node:path';

/**
 * stage → what it may import. `imports`: values and types; `types`: `import type` only; `entries`:
 * the files other stages import it through (index.ts unless a light entry keeps a measured start
 * path fast: bench/cli-start.bench.ts). Order is bottom-up: no stage imports one listed after it,
 * so the graph has no cycles.
 */
export const STAGES = {
  domain: {
    imports: [],
    // errors.ts: the CLI's entry imports BadInputError alone, so that `--help` does not load zod.
    entries: ['index.ts', 'errors.ts'],
    job: 'vocabulary: observations, series, sources, estimates, dates, errors; text helpers',
  },
  stats: { imports: [], job: 'small numeric helpers shared by the estimators' },
  random: { imports: ['stats'], job: 'seeded generators, the Rng interface and samplers' },
  store: { imports: ['domain'], job: 'persistence behind repositories (SQLite or PostgreSQL), migrations' },
  indicators: { imports: ['domain', 'stats'], job: 'plain derived figures' },
  nowcast: { imports: ['domain', 'stats', 'random', 'indicators'], job: 'reporting-delay correction' },
  mse: { imports: ['domain', 'stats', 'random'], job: 'capture–recapture estimators' },
  linkage: {
    imports: ['domain', 'stats', 'random'],
    // encoding.ts: what a list holder's `darkfigure encode` needs, without the matching kernels.
    entries: ['index.ts', 'encoding.ts'],
    job: 'record linkage and privacy-preserving encodings',
  },
  sim: { imports: ['domain', 'stats', 'random'], job: 'the desertion model: engine, mechanisms, observation layer' },
  calibrate: { imports: ['domain', 'stats', 'random', 'sim'], job: 'fitting the model to the figures (ABC-SMC)' },
  report: {
    imports: ['domain', 'stats', 'indicators'],
    types: ['nowcast', 'mse', 'linkage', 'sim', 'calibrate', 'analyses'],
    job: 'what is shown: chart definitions, views, CSV, HTML, SVG; no I/O',
  },
  jobs: {
    imports: ['domain', 'stats', 'random', 'nowcast', 'mse', 'linkage', 'sim', 'calibrate', 'report'],
    job: 'the one worker pool and worker entry, the Redis queue, and the handlers they run',
  },
  ingest: {
    imports: ['domain', 'stats', 'store', 'linkage', 'jobs'],
    job: 'readers: the bundled dataset, observation files, court exports',
  },
  analyses: {
    imports: [
      'domain',
      'stats',
      'random',
      'store',
      'indicators',
      'ingest',
      'nowcast',
      'mse',
      'linkage',
      'sim',
      'calibrate',
      'jobs',
      'report',
    ],
    job: 'one function per analysis: a zod-validated request in, a zod-described result out',
  },
  server: {
    imports: ['domain', 'stats', 'store', 'indicators', 'ingest', 'jobs', 'report', 'analyses', 'linkage'],
    job: 'the HTTP API (Hono route modules) and the dashboard files',
  },
  cli: {
    imports: ['domain', 'stats', 'store', 'indicators', 'ingest', 'jobs', 'report', 'analyses', 'linkage'],
    job: 'one file per command: parse flags, call an analysis, print',
  },
  web: {
    imports: ['domain', 'report', 'linkage'],
    types: ['analyses'],
    // The browser bundle takes single modules, so that no Node-only module behind an index.ts
    // (file reads, worker threads) is pulled into it.
    leafImports: true,
    job: 'the dashboard (Vite); talks to the server over HTTP',
  },
};

/** Single files allowed to cross a line the table draws, each with its reason. */
export const EXCEPTIONS = [{ from: 'src/cli/serve.ts', to: 'server', why: '`darkfigure serve` starts the server' }];

function stageOf(root, file) {
  const rel = relative(root, file).split(sep);
  if (rel[0] === 'web' && rel[1] === 'src') return 'web';
  if (rel[0] === 'src' && rel.length > 2 && rel[1] in STAGES) return rel[1];
  return undefined;
}

const rule = {
  meta: {
    type: 'problem',
    docs: { description: 'imports between stages follow the stage table of docs/architecture.md' },
    schema: [],
    messages: {
      forbidden: '{{from}} may not import {{to}} (stage table in docs/architecture.md)',
      typeOnly: '{{from}} may import only types from {{to}}: use `import type`',
      viaIndex: 'import {{to}} through {{entries}}, not {{path}}',
    },
  },
  create(context) {
    const root = context.cwd;
    const file = context.filename;
    const from = stageOf(root, file);
    if (!from) return {};
    const fromRel = relative(root, file).split(sep).join('/');
    function check(node, source, typeOnly, lazy = false) {
      if (!source || typeof source.value !== 'string' || !source.value.startsWith('.')) return;
      const target = resolve(dirname(file), source.value);
      const to = stageOf(root, target);
      if (!to || to === from) return;
      if (EXCEPTIONS.some((e) => e.from === fromRel && e.to === to)) return;
      const rule = STAGES[from];
      const values = rule.imports.includes(to);
      const types = values || (rule.types ?? []).includes(to);
      if (!types) return context.report({ node, messageId: 'forbidden', data: { from, to } });
      if (!values && !typeOnly) return context.report({ node, messageId: 'typeOnly', data: { from, to } });
      // A dynamic import may name a single module: that is how heavy parts load only when used.
      if (lazy || rule.leafImports) return;
      const targetRel = relative(root, target).split(sep).join('/');
      const entries = STAGES[to].entries ?? ['index.ts'];
      if (!entries.some((e) => targetRel === `src/${to}/${e}`)) {
        const list = entries.map((e) => `src/${to}/${e}`).join(' or ');
        context.report({ node, messageId: 'viaIndex', data: { to, entries: list, path: source.value } });
      }
    }
    const isTypeOnly = (node) =>
      node.importKind === 'type' ||
      node.exportKind === 'type' ||
      (node.specifiers?.length > 0 && node.specifiers.every((s) => s.importKind === 'type' || s.exportKind === 'type'));
    return {
      ImportDeclaration: (node) => check(node, node.source, isTypeOnly(node)),
      ExportNamedDeclaration: (node) => node.source && check(node, node.source, isTypeOnly(node)),
      ExportAllDeclaration: (node) => check(node, node.source, node.exportKind === 'type'),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node, node.source, false, true),
      TSImportType: (node) => {
        const lit = node.argument?.literal ?? node.argument;
        if (lit && lit.type === 'Literal') check(node, lit, true);
      },
    };
  },
};

export default { meta: { name: 'darkfigure-stages' }, rules: { 'stage-boundaries': rule } };
