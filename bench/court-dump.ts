// Writes an N-record SUDRFScraper dump (the benchmark's generator) to a file, for profiling runs.
// npx tsx bench/court-dump.ts OUT.jsonl [N]
import { createWriteStream } from 'node:fs';
import { generateRecord } from '../test/court/corpus/generate.ts';

const [out, n] = [process.argv[2], Number(process.argv[3] ?? 100_000)];
const w = createWriteStream(out!);
for (let i = 0; i < n; i += 5000) {
  const buf: string[] = [];
  for (let j = i; j < Math.min(n, i + 5000); j++) buf.push(JSON.stringify(generateRecord(j, { textShare: 0.3 }).json));
  if (!w.write(buf.join('\n') + '\n')) await new Promise<void>((r) => w.once('drain', () => r()));
}
await new Promise<void>((r) => w.end(r));
