// Regenerate the committed legal-forms corpus: npx tsx test/court/corpus-legal/write-corpus.ts
import { writeFileSync } from 'node:fs';
import { legalRecord } from './generate.ts';

const N = 260;
const dir = new URL('./', import.meta.url).pathname;
const recs = Array.from({ length: N }, (_, i) => legalRecord(i));
writeFileSync(`${dir}records.jsonl`, recs.map((r) => JSON.stringify(r.json)).join('\n') + '\n');
writeFileSync(`${dir}expected.jsonl`, recs.map((r) => JSON.stringify(r.expected)).join('\n') + '\n');
process.stdout.write(`wrote ${N} records, ${recs.reduce((a, r) => a + r.expected.defendants.length, 0)} defendants\n`);
