/**
 * Paths in a line of text that point outside a repository clone: the `shared/` research folder that sat
 * beside the repository while it was written, and absolute paths into home or work folders.
 */
const PATTERNS: RegExp[] = [
  /(?:\.\.\/)+shared\/[\w./-]*/g,
  /(?<![\w@-])shared\/(?:data|design|reference|sources|hooks)\b[\w./-]*/g,
  /(?<![\w.])\/(?:work|home|root|Users)\/[\w.@-]+(?:\/[\w.@-]+)*/g,
];

export function outsideReferences(line: string): string[] {
  const hits: string[] = [];
  for (const re of PATTERNS)
    for (const m of line.matchAll(re)) {
      if (hits.some((h) => h.includes(m[0]))) continue;
      // Keep the longest form of one reference (an absolute path over the folder name inside it).
      for (let i = hits.length - 1; i >= 0; i--) if (m[0].includes(hits[i]!)) hits.splice(i, 1);
      hits.push(m[0]);
    }
  return hits;
}
