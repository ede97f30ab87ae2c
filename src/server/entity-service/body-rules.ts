/**
 * Body limits and content types of the linkage service's CLK uploads, for the guards in front of every
 * route (src/server/access.ts): a JSON upload up to 64 MiB (about 350,000 base64 CLKs of 128 bytes), a
 * binary one up to 256 MiB (two million). Everything else keeps the server's own limit and JSON only.
 */
export const CLK_JSON_LIMIT = 64 * 1024 * 1024;
export const CLK_BINARY_LIMIT = 256 * 1024 * 1024;
export const CLK_LIMITS = [CLK_JSON_LIMIT, CLK_BINARY_LIMIT] as const;

export function clkUploadRule(method: string, path: string): { limit: number; type: string } | undefined {
  if (method !== 'POST') return undefined;
  if (/^\/api\/v1\/projects\/[^/]+\/binaryclks$/.test(path))
    return { limit: CLK_BINARY_LIMIT, type: 'application/octet-stream' };
  if (/^\/api\/v1\/projects\/[^/]+\/clks$/.test(path)) return { limit: CLK_JSON_LIMIT, type: 'application/json' };
  return undefined;
}
