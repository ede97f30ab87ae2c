import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LinkJson, LinkRequest, linkJson, runLink } from '../../src/analyses/link.ts';
import { linkageRun, type LinkageRunResult } from '../../src/jobs/handlers/linkage-run.ts';
import { packClks } from '../../src/linkage/dice.ts';
import { encodeRecords, toBase64 } from '../../src/linkage/encode.ts';
import { parseSchema } from '../../src/linkage/schema.ts';
import { simulateWorld, WORLD_SCHEMA } from '../linkage/world.ts';
import { runCli } from '../support/run-cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'darkfigure-link-analysis-'));
const world = simulateWorld(11, 300, [0.5, 0.45, 0.4], ['cyrillic', 'mixed', 'ukrainian']);
const schema = parseSchema(WORLD_SCHEMA);
const clks = world.lists.map((l) => encodeRecords(schema, 'a secret only the list holders know', l.rows).clks);
const files = clks.map((c, i) => {
  const f = join(dir, `list${i}.jsonl`);
  writeFileSync(f, `${c.map((x) => JSON.stringify(toBase64(x))).join('\n')}\n`);
  return f;
});
const lists = files.map((_, i) => `list${i}.jsonl`);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('linkage: `link --json` is runLink on the same lists', () => {
  it('the histories, the sensitivity and the groups, field for field', async () => {
    const cli = await runCli([
      'link',
      ...files,
      '--threshold',
      '0.85',
      '--json',
      '--groups',
      '--kernel',
      'js',
      '--sensitivity',
      '0.8:0.9:0.05',
    ]);
    expect(cli.code, cli.err).toBe(0);
    const mine = LinkJson.parse(JSON.parse(cli.out));
    const direct = linkJson(
      lists,
      await runLink(
        { kind: 'clk', packed: clks.map(packClks) },
        LinkRequest.parse({ threshold: 0.85, kernel: 'js', grid: [0.8, 0.85, 0.9] }),
      ),
      true,
    );
    expect(direct.groups!.length).toBeGreaterThan(10);
    expect(direct.thresholdSensitivity.map((s) => s.threshold)).toEqual([0.8, 0.85, 0.9]);
    expect(mine).toEqual(direct);
  });

  it("with --dedupe the groups are every person's rows, as runLink gives them", async () => {
    const cli = await runCli(['link', ...files, '--threshold', '0.85', '--dedupe', '0.95', '--json']);
    expect(cli.code, cli.err).toBe(0);
    const direct = await runLink(
      { kind: 'clk', packed: clks.map(packClks) },
      LinkRequest.parse({ threshold: 0.85, dedupe: 0.95 }),
    );
    expect(JSON.parse(cli.out)).toEqual(linkJson(lists, direct, false));
  });

  it('refuses what the command refuses: no threshold, CLKs of different lengths', async () => {
    await expect(runLink({ kind: 'clk', packed: clks.map(packClks) }, LinkRequest.parse({}))).rejects.toThrow(
      /--threshold/,
    );
    const short = packClks([new Uint8Array(64)]);
    await expect(
      runLink({ kind: 'clk', packed: [packClks(clks[0]!), short] }, LinkRequest.parse({ threshold: 0.8 })),
    ).rejects.toThrow(/different lengths/);
    expect(LinkRequest.safeParse({ threshold: 0 }).success).toBe(false);
  });

  it("the entity service's run job links with the same analysis (its defaults)", async () => {
    const parties = clks.map((c) => ({
      count: c.length,
      size: c[0]!.length,
      clks: Buffer.concat(c).toString('base64'),
    }));
    const job = (await linkageRun({ parties, threshold: 0.85, resultType: 'groups', seed: 1 })) as LinkageRunResult;
    const direct = await runLink({ kind: 'clk', packed: clks.map(packClks) }, LinkRequest.parse({ threshold: 0.85 }));
    expect(job).toEqual({
      captureHistories: direct.captureHistories,
      thresholdSensitivity: direct.thresholdSensitivity,
      comparisons: direct.comparisons,
      groups: direct.groups,
    });
  });
});
