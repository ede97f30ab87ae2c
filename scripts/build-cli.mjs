// Compile the CLI, the server and their worker entry points to dist/ (run by `npm run build:cli`
// and by npm's prepare hook at install), so a command starts on plain JavaScript instead of
// compiling TypeScript through tsx on every run.
//
// One output file per source file, imports left relative (".ts" → ".js") and packages external:
// dist/ mirrors src/ at the same depth, so paths a module builds from import.meta.url
// (the data/ and web/dist/ folders two levels up, "./worker.mjs") resolve as they do from the sources, and a
// command's modules are loaded only when that command runs. The plain .mjs worker entries are compiled
// too, minus the tsx registration they need on the sources.
import { build } from 'esbuild';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const src = join(root, 'src');
const out = join(root, 'dist');

const files = readdirSync(src, { recursive: true, withFileTypes: true })
  .filter((d) => d.isFile())
  .map((d) => join(d.parentPath, d.name))
  .filter((f) => !f.endsWith('.d.ts') && !f.endsWith('.test.ts'));
const tsFiles = files.filter((f) => f.endsWith('.ts'));
const mjsFiles = files.filter((f) => f.endsWith('.mjs'));

/** Every relative import stays an import of the sibling output file (JSON data is inlined: Node 20
 *  needs an import attribute that an external import would lose). */
const keepRelative = {
  name: 'keep-relative',
  setup(b) {
    b.onResolve({ filter: /^\.\.?\// }, (args) =>
      args.kind === 'entry-point' || args.path.endsWith('.json')
        ? undefined
        : { path: args.path.replace(/\.ts$/, '.js'), external: true },
    );
  },
};

/** The .mjs entries register tsx to import .ts siblings; compiled siblings need no loader. */
const dropTsxRegistration = {
  name: 'drop-tsx-registration',
  setup(b) {
    b.onLoad({ filter: /\.mjs$/ }, (args) => ({
      contents: readFileSync(args.path, 'utf8').replace(
        /^import \{ register \} from 'tsx\/esm\/api';\s*\n\s*register\(\);\s*$/m,
        '',
      ),
      loader: 'js',
    }));
  },
};

const common = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  outbase: src,
  outdir: out,
  logLevel: 'warning',
  legalComments: 'none',
};
const t0 = performance.now();
// Stamped with the start: a source saved while the build runs counts as newer than the build.
const startedAt = Date.now();
rmSync(out, { recursive: true, force: true });
const built = [
  await build({ ...common, entryPoints: tsFiles, plugins: [keepRelative], metafile: true }),
  await build({
    ...common,
    entryPoints: mjsFiles,
    outExtension: { '.js': '.mjs' },
    plugins: [dropTsxRegistration, keepRelative],
    metafile: true,
  }),
];
// Files outside src/ compiled into the output (JSON data): bin/ checks them for changes too.
const inlined = [...new Set(built.flatMap((r) => Object.keys(r.metafile.inputs)))].filter(
  (f) => !f.startsWith('src/') && !f.includes('node_modules'),
);
mkdirSync(out, { recursive: true });
// bin/darkfigure.js runs dist/ only if no source is newer than this stamp.
writeFileSync(
  join(out, 'build.json'),
  `${JSON.stringify({ builtAt: startedAt, files: tsFiles.length + mjsFiles.length, inlined })}\n`,
);
console.log(
  `darkfigure: compiled ${tsFiles.length + mjsFiles.length} modules from ${relative(root, src)}/ to ${relative(root, out)}/ in ${Math.round(performance.now() - t0)} ms`,
);
