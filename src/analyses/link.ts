import { z } from 'zod';
import { BadInputError } from '../domain/index.ts';
import { allPairsParallel } from '../jobs/index.ts';
import {
  type PackedClks,
  type FsSettings,
  type Table,
  linkClear,
  linkDedupedLists,
  linkLists,
  type LinkResult,
} from '../linkage/index.ts';

export type { LinkResult };

const unit = z.number().gt(0).max(1);

/**
 * How lists are linked (`darkfigure link`): the threshold (a Dice similarity, or with clear-text linkage
 * a match probability, then defaulting to the settings' own), the group merge rule, the Dice kernel, LSH
 * blocking, the sensitivity grid ([] for none), and a first pass that merges repeats within each list.
 */
export const LinkRequest = z.strictObject({
  threshold: unit.optional(),
  mergeThreshold: unit.default(0.5),
  kernel: z.enum(['wasm', 'js']).default('wasm'),
  blocking: z
    .strictObject({
      tables: z.number().int().min(1),
      bitsPerTable: z.number().int().min(1).max(30),
      seed: z.number().int(),
    })
    .optional(),
  /** Worker threads for all-pairs comparison (without blocking). */
  threads: z.number().int().min(1).default(1),
  grid: z.array(unit).max(1001).optional(),
  dedupe: unit.optional(),
});
export type LinkRequest = z.output<typeof LinkRequest>;

/** The lists to link, already read: CLKs (packed), or clear-text tables with Fellegi–Sunter settings. */
export type LinkInputs =
  { kind: 'clk'; packed: PackedClks[]; files?: string[] } | { kind: 'clear'; tables: Table[]; settings: FsSettings };

/** `link --json`: the list names, the capture histories, the threshold sensitivity, and the groups when asked for. */
export const LinkJson = z.object({
  lists: z.array(z.string()),
  captureHistories: z.record(z.string(), z.number().int()),
  thresholdSensitivity: z.array(z.object({ threshold: z.number(), linkedPeople: z.number().int() })),
  groups: z.array(z.array(z.tuple([z.number().int(), z.number().int()]))).optional(),
});
export type LinkJson = z.output<typeof LinkJson>;

const argIssue = (field: string, message: string) => new BadInputError([{ file: 'argument', line: 0, field, message }]);

/**
 * The linkage analysis: matching, grouping and the threshold sensitivity of lists already read. With
 * `dedupe`, the groups are every person's rows (repeats within one list included). Bad input throws BadInputError.
 */
export async function runLink(inputs: LinkInputs, req: LinkRequest): Promise<LinkResult> {
  if (inputs.kind === 'clear') {
    for (const t of inputs.tables)
      for (const c of inputs.settings.comparisons)
        if (!t.columns.includes(c.column))
          throw new BadInputError([
            {
              file: t.file ?? 'table',
              line: 1,
              field: c.column,
              message: `no column "${c.column}" (the settings compare it)`,
            },
          ]);
    return linkClear(inputs.tables, inputs.settings, req.threshold ?? inputs.settings.threshold);
  }
  if (req.threshold === undefined)
    throw argIssue('--threshold', 'link needs --threshold T (a Dice similarity such as 0.8)');
  const { packed } = inputs;
  if (new Set(packed.map((p) => p.words64)).size > 1)
    throw new BadInputError([
      {
        file: inputs.files?.[1] ?? 'list 2',
        line: 1,
        message: 'the files hold CLKs of different lengths (encoded with different schemas?)',
      },
    ]);
  const { threads, kernel } = req;
  const opts = {
    threshold: req.threshold,
    grid: req.grid,
    mergeThreshold: req.mergeThreshold,
    kernel,
    blocking: req.blocking,
    findPairs:
      !req.blocking && threads > 1
        ? (a: PackedClks, b: PackedClks, t: number) => allPairsParallel(a, b, t, threads, kernel)
        : undefined,
  };
  if (req.dedupe === undefined) return linkLists(packed, opts);
  const r = await linkDedupedLists(packed, { ...opts, dedupeThreshold: req.dedupe });
  return { ...r, groups: r.people };
}

/** The JSON of `darkfigure link --json` (groups only when asked for: they reveal who is on which list). */
export function linkJson(lists: string[], r: LinkResult, groups: boolean): LinkJson {
  return {
    lists,
    captureHistories: r.captureHistories,
    thresholdSensitivity: r.thresholdSensitivity,
    ...(groups && { groups: r.groups }),
  };
}
