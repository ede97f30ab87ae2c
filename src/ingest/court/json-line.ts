import type { InputIssue } from '../../domain/errors.ts';

/** One JSON Lines record: its object, or the issue that stops it (not JSON, or not an object). */
export function parseJsonObjectLine(file: string, line: number, raw: string): { obj: Record<string, unknown> } | { issue: InputIssue } {
  let obj: unknown;
  try {
    obj = JSON.parse(raw);
  } catch (e) {
    return { issue: { file, line, message: `not valid JSON: ${(e as Error).message}` } };
  }
  if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) return { issue: { file, line, message: 'each line must be a JSON object' } };
  return { obj: obj as Record<string, unknown> };
}
