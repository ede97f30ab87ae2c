// Regenerate the committed corpus: npx tsx test/court/corpus/write-corpus.ts
import { writeFileSync } from 'node:fs';
import { generateRecord } from './generate.ts';

const N = 400;
const dir = new URL('./', import.meta.url).pathname;
const recs = Array.from({ length: N }, (_, i) => generateRecord(i));
writeFileSync(`${dir}sudrf-corpus.jsonl`, recs.map((r) => JSON.stringify(r.json)).join('\n') + '\n');
writeFileSync(`${dir}expected.jsonl`, recs.map((r) => JSON.stringify(r.expected)).join('\n') + '\n');
process.stdout.write(`wrote ${N} records\n`);
