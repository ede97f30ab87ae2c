// The stage rule fails on a forbidden import, on a deep import past a stage's index.ts, and on a
// value import where only types are allowed; docs/architecture.md shows the same table.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import plugin, { STAGES } from '../../eslint/stage-boundaries.js';

const root = resolve(import.meta.dirname, '../..');
const linter = new Linter({ cwd: root, configType: 'flat' });
const config: Linter.Config[] = [
  {
    files: ['**/*.ts'],
    languageOptions: { parser: tseslint.parser },
    plugins: { stages: plugin },
    rules: { 'stages/stage-boundaries': 'error' as const },
  },
];

function lint(file: string, code: string): string[] {
  return linter.verify(code, config, { filename: join(root, file) }).map((m) => m.message);
}

describe('stage boundaries lint rule', () => {
  it('refuses an import the table forbids', () => {
    const messages = lint('src/sim/engine.ts', "import { normalise } from '../linkage/index.ts';\n");
    expect(messages).toEqual(['sim may not import linkage (stage table in docs/architecture.md)']);
  });

  it('refuses cli importing server, except the serve command', () => {
    expect(lint('src/cli/report.ts', "import { x } from '../server/index.ts';\n")).toHaveLength(1);
    expect(lint('src/cli/serve.ts', "import { x } from '../server/app.ts';\n")).toEqual([]);
  });

  it('asks for the index.ts of another stage', () => {
    const messages = lint('src/mse/estimate.ts', "import { lgamma } from '../stats/log-gamma.ts';\n");
    expect(messages).toEqual(['import stats through src/stats/index.ts, not ../stats/log-gamma.ts']);
    expect(lint('src/mse/estimate.ts', "import { lgamma } from '../stats/index.ts';\n")).toEqual([]);
  });

  it('accepts a light entry the table lists, and names the entries otherwise', () => {
    expect(lint('src/cli/main.ts', "import { BadInputError } from '../domain/errors.ts';\n")).toEqual([]);
    expect(lint('src/cli/main.ts', "import { isoDate } from '../domain/dates.ts';\n")).toEqual([
      'import domain through src/domain/index.ts or src/domain/errors.ts, not ../domain/dates.ts',
    ]);
  });

  it('allows only types where the table says types', () => {
    expect(lint('src/report/x.ts', "import type { R } from '../mse/index.ts';\n")).toEqual([]);
    expect(lint('src/report/x.ts', "import { type R } from '../mse/index.ts';\n")).toEqual([]);
    expect(lint('src/report/x.ts', "import { fit } from '../mse/index.ts';\n")).toEqual([
      'report may import only types from mse: use `import type`',
    ]);
  });

  it('leaves imports inside a stage and package imports alone', () => {
    expect(lint('src/sim/engine.ts', "import { a } from './states.ts';\nimport { z } from 'zod';\n")).toEqual([]);
  });

  it('checks dynamic imports and re-exports too', () => {
    expect(lint('src/mse/x.ts', "export { f } from '../sim/index.ts';\n")).toHaveLength(1);
    expect(lint('src/mse/x.ts', "const m = await import('../sim/index.ts');\n")).toHaveLength(1);
    expect(lint('src/mse/x.ts', "export { f } from '../stats/log-gamma.ts';\n")).toHaveLength(1);
  });

  it('lets a dynamic import name a single module of an allowed stage (lazy loading)', () => {
    expect(lint('src/cli/serve.ts', "const q = await import('../jobs/queue.ts');\n")).toEqual([]);
    expect(lint('src/cli/serve.ts', "import { q } from '../jobs/queue.ts';\n")).toHaveLength(1);
  });

  it('lets the browser bundle import single modules of the stages it may use', () => {
    // From web/src/views/ to the root (written so that this file names no path above its own root).
    const root = '../'.repeat(3);
    expect(lint('web/src/views/x.ts', `import { f } from '${root}src/report/style.ts';\n`)).toEqual([]);
    expect(lint('web/src/views/x.ts', `import { f } from '${root}src/server/app.ts';\n`)).toHaveLength(1);
    expect(lint('web/src/views/x.ts', `import { f } from '${root}src/analyses/mse.ts';\n`)).toHaveLength(1);
    expect(lint('web/src/views/x.ts', `import type { F } from '${root}src/analyses/mse.ts';\n`)).toEqual([]);
  });

  it('has no cycles: every stage imports only stages listed before it', () => {
    const order = Object.keys(STAGES);
    for (const [stage, rule] of Object.entries(STAGES)) {
      for (const to of rule.imports) expect(order.indexOf(to), `${stage} → ${to}`).toBeLessThan(order.indexOf(stage));
    }
  });

  it('docs/architecture.md shows the same table', () => {
    const lines = readFileSync(join(root, 'docs/architecture.md'), 'utf8').split('\n');
    const head = lines.indexOf('| stage | may import | types only | its job |');
    expect(head).toBeGreaterThan(-1);
    const rows = lines.slice(
      head + 2,
      lines.findIndex((l, i) => i > head && !l.startsWith('|')),
    );
    expect(rows).toHaveLength(Object.keys(STAGES).length);
    for (const [stage, rule] of Object.entries(STAGES)) {
      const row = rows.find((l) => l.startsWith(`| \`${stage}\` |`));
      expect(row, `row for ${stage}`).toBeDefined();
      const cells = row!.split('|').map((c) => c.trim());
      expect(cells[2], `${stage} imports`).toBe(rule.imports.map((s) => `\`${s}\``).join(', ') || '—');
      expect(cells[3], `${stage} types`).toBe((rule.types ?? []).map((s) => `\`${s}\``).join(', ') || '—');
    }
  });
});
