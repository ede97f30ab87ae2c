import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { BadInputError } from '../domain/index.ts';
import { BundledEstimates } from './estimate-schema.ts';

/** The bundled estimate (made by scripts/bundle-estimate.ts). */
export const ESTIMATES_FILE = fileURLToPath(new URL('../../data/estimates.json', import.meta.url));

/** Parse and validate an estimates file; every problem at once, each naming its field. */
export function parseEstimates(file: string, text: string): BundledEstimates {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new BadInputError([{ file, line: 0, message: `not valid JSON: ${(e as Error).message}` }]);
  }
  const r = BundledEstimates.safeParse(json);
  if (!r.success)
    throw new BadInputError(
      r.error.issues.map((i) => ({ file, line: 0, field: i.path.join('.') || undefined, message: i.message })),
    );
  return r.data;
}

/** The estimates file, validated; undefined when there is none (the overview then says so). */
export async function readEstimates(file: string = ESTIMATES_FILE): Promise<BundledEstimates | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new BadInputError([{ file, line: 0, message: `cannot read the file: ${(e as Error).message}` }]);
  }
  return parseEstimates(file, text);
}
