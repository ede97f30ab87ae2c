import type { InputIssue } from '../../domain/index.ts';

/**
 * JSON.parse's message quotes the text around the fault, which may be part of a name: keep only where
 * (the character position V8 reports) and never what.
 */
export function jsonErrorMessage(e: unknown): string {
  const msg = e instanceof Error ? e.message : '';
  const pos = /at position (\d+)/.exec(msg);
  if (/end of JSON input|Unterminated string/i.test(msg)) return 'not valid JSON: the line ends inside a value';
  if (pos) return `not valid JSON at character ${Number(pos[1]) + 1}`;
  return /^Unexpected token/.test(msg) ? 'not valid JSON: an unexpected character' : 'not valid JSON';
}

/** One JSON Lines record: its object, or the issue that stops it (not JSON, or not an object). */
export function parseJsonObjectLine(
  file: string,
  line: number,
  raw: string,
): { obj: Record<string, unknown> } | { issue: InputIssue } {
  let obj: unknown;
  try {
    obj = JSON.parse(raw);
  } catch (e) {
    return { issue: { file, line, message: jsonErrorMessage(e) } };
  }
  if (obj === null || typeof obj !== 'object' || Array.isArray(obj))
    return { issue: { file, line, message: 'each line must be a JSON object' } };
  return { obj: obj as Record<string, unknown> };
}
