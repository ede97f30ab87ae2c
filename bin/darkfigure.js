#!/usr/bin/env node
// Runs the compiled CLI (dist/, built at install by npm's prepare hook: scripts/build-cli.mjs) when it
// is at least as new as every source file, so a command starts on plain JavaScript. Otherwise (no
// build, or a source edited since: a stale build must never run) the TypeScript sources through tsx,
// as does DARKFIGURE_SOURCES=1; DARKFIGURE_SOURCES=0 runs dist/ even if stale.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

function buildIsFresh() {
  let build;
  try {
    build = JSON.parse(readFileSync(join(root, 'dist', 'build.json'), 'utf8'));
  } catch {
    return false;
  }
  const { builtAt, inlined = [] } = build;
  if (typeof builtAt !== 'number') return false;
  try {
    // About 300 files: a few milliseconds. `inlined`: data files compiled into the build.
    for (const f of inlined) if (statSync(join(root, f)).mtimeMs > builtAt) return false;
    for (const d of readdirSync(join(root, 'src'), { recursive: true, withFileTypes: true }))
      if (d.isFile() && statSync(join(d.parentPath, d.name)).mtimeMs > builtAt) return false;
  } catch {
    return false;
  }
  return true;
}

let main;
const choice = process.env.DARKFIGURE_SOURCES;
if (choice === '0' || (choice !== '1' && buildIsFresh())) {
  ({ main } = await import('../dist/cli/main.js'));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../src/cli/main.ts'));
}
process.exitCode = await main(process.argv);
