// The encoding page (#/encode) and the linkage project page (#/linkage/<id>) in Chromium, against the
// real server and its /api/v1 linkage service: three parties encode FEBRL rows in the browser and upload;
// every request the page sends is recorded and searched for the list's values and the secret; the uploaded
// CLKs are the CLI's, byte for byte; the project page shows the run's estimate as the API gives it.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumPath } from '../../src/analyses/pdf-render.ts';
import { services } from '../support/services.ts';
import { runCli } from '../support/run-cli.ts';
import { linkageData } from '../linkage/paths.ts';
import { ARTIFACTS, startHarness, type Harness } from './harness.ts';

const HAVE_CHROMIUM = services().chromium && !!chromiumPath();
const SECRET = 'the three holders share this secret, 41 bytes';

interface Sent {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string;
}

/**
 * FEBRL 1's header and its 500 original records (its duplicates left out, so that the lists below share
 * exactly the people they are given). The file has a space after each comma: the page's "drop spaces" box.
 */
const FEBRL_LINES = readFileSync(linkageData('febrl/dataset1.csv'), 'utf8').trim().split('\n');
const ORIGINALS = FEBRL_LINES.slice(1).filter((l) => /^rec-\d+-org,/.test(l));
const rowsOf = (...ranges: Array<[number, number]>) => ranges.flatMap(([a, b]) => ORIGINALS.slice(a, b));
/**
 * Three lists that overlap: A rows 0–199, B 150–349, C 196–199 (on all three), 100–119 (A and C) and
 * 350–499. B and C share 4 people: below the service's k = 5, so the page must show that cell as "<5".
 */
const LISTS = {
  A: rowsOf([0, 200]),
  B: rowsOf([150, 350]),
  C: rowsOf([196, 200], [100, 120], [350, 500]),
};

/** Every form in which a value could leave: as typed, lower-cased, URL-encoded, base64 (padded or not). */
function forms(v: string): string[] {
  const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');
  const out = new Set<string>();
  for (const s of [v, v.toLowerCase()]) {
    out.add(s);
    out.add(encodeURIComponent(s));
    out.add(encodeURIComponent(s).replace(/%20/g, '+'));
    out.add(b64(s));
    out.add(b64(s).replace(/=+$/, ''));
  }
  return [...out];
}

describe.skipIf(!HAVE_CHROMIUM)('the encoding page: nothing but encodings leaves the browser', () => {
  let h: Harness;
  let ctx: BrowserContext;
  let page: Page;
  let dir: string;
  const requests: Array<Promise<Sent>> = [];
  const offsite: string[] = [];
  const consoleLines: string[] = [];
  /** Why the linkage API cannot be used here, or '' when it answers. */
  let noApi = '';
  /** How many requests the page sent before any file was picked (the browser's own headers). */
  let baseline = 0;
  let project: { project_id: string; update_tokens: string[]; result_token: string } | undefined;
  /** Per list: the CLKs the page uploaded (from the recorded request) and the CLI's for the same file. */
  const uploaded = new Map<string, string[]>();

  const api = async <T>(
    path: string,
    init: { method?: string; token?: string; body?: unknown } = {},
  ): Promise<{ status: number; body: T }> => {
    const r = await fetch(`${h.server.url}${path}`, {
      method: init.method ?? 'GET',
      headers: { 'content-type': 'application/json', ...(init.token ? { authorization: init.token } : {}) },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    const text = await r.text();
    return { status: r.status, body: (text ? JSON.parse(text) : null) as T };
  };

  const open = async (hash: string, view: string) => {
    await page.goto(`${h.server.url}/${hash}`);
    await page.waitForFunction((v) => {
      const p = (window as unknown as { __darkfigure?: { ready: boolean; view: string } }).__darkfigure;
      return !!p?.ready && p.view === v;
    }, view);
  };

  const writeList = (name: string, lines: string[]) => {
    const file = join(dir, `list-${name}.csv`);
    writeFileSync(file, `${[FEBRL_LINES[0], ...lines].join('\n')}\n`);
    return file;
  };

  /** What `darkfigure encode` prints for the file: the reference the page must match byte for byte. */
  const cliClks = async (csv: string) => {
    const schema = join(dir, 'schema.json');
    const secret = join(dir, 'secret');
    const r = await runCli(['encode', '--schema', schema, '--secret-file', secret, '--skip-initial-space', csv]);
    expect(r.code, r.err).toBe(0);
    return r.out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as string);
  };

  /** Fill the page's form and encode `csv` in the browser; the schema from the project or a file, the secret typed or from a file. */
  const encodeOnPage = async (csv: string, opts: { token?: string; schemaFile?: boolean; secretFile?: boolean }) => {
    // A fresh page for each holder: nothing typed for one list is still there for the next.
    await page.goto('about:blank');
    await open('#/encode', 'encode');
    if (project) await page.fill('#enc-project', project.project_id);
    if (opts.token) await page.fill('#enc-token', opts.token);
    await page.setInputFiles('#enc-csv', csv);
    await page.check('#enc-skip-space');
    if (opts.schemaFile) {
      await page.check('#enc-schema-choose-file');
      await page.setInputFiles('#enc-schema-file', join(dir, 'schema.json'));
    }
    if (opts.secretFile) await page.setInputFiles('#enc-secret-file', join(dir, 'secret'));
    else await page.fill('#enc-secret', SECRET);
    await page.click('#enc-run');
  };

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    dir = mkdtempSync(join(tmpdir(), 'df-encode-page-'));
    writeFileSync(join(dir, 'schema.json'), readFileSync(linkageData('clkhash/febrl_schema_v3_final.json')));
    writeFileSync(join(dir, 'secret'), `${SECRET}\n`, { mode: 0o600 });
    h = await startHarness({ browser: true });
    ctx = await h.browser!.newContext({ viewport: { width: 1280, height: 900 } });
    await ctx.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith(h.server.url) || url.startsWith('data:') || url.startsWith('blob:')) return route.continue();
      offsite.push(url);
      return route.abort();
    });
    // Every request of every page and worker of the context: URL, every header, the body.
    const record = (req: Request) =>
      requests.push(
        req.allHeaders().then((headers) => ({
          method: req.method(),
          url: req.url(),
          headers,
          body: req.postDataBuffer()?.toString('utf8') ?? '',
        })),
      );
    ctx.on('request', record);
    page = await ctx.newPage();
    page.setDefaultTimeout(30_000);
    page.on('console', (m) => consoleLines.push(m.text()));
    page.on('pageerror', (e) => consoleLines.push(String(e)));
    await open('#/encode', 'encode');
    baseline = requests.length;

    const schema = JSON.parse(readFileSync(join(dir, 'schema.json'), 'utf8'));
    const created = await api<{ project_id: string; update_tokens: string[]; result_token: string }>(
      '/api/v1/projects',
      {
        method: 'POST',
        body: { schema, result_type: 'groups', number_parties: 3, name: 'encode page test' },
      },
    ).catch((e: Error) => ({ status: 0, body: { error: e.message } as never }));
    if (created.status === 201 && created.body.update_tokens?.length === 3) project = created.body;
    else
      noApi = `POST /api/v1/projects answered ${created.status} ${JSON.stringify(created.body).slice(0, 200)}: the linkage service is not there`;
  });

  afterAll(async () => {
    await h?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('shows bad rows (line, column, field) as the CLI does and sends nothing', async () => {
    const bad = [...LISTS.A.slice(0, 20)];
    // Line 6 of the file (header = line 1): a postcode below the schema's minimum of 50.
    bad[4] = bad[4]!.replace(/^((?:[^,]*,){7})[^,]*/, '$1 12');
    const csv = writeList('bad', bad);
    const before = requests.length;
    await encodeOnPage(csv, { schemaFile: true });
    await page.waitForSelector('#enc-issues');
    const cells = await page.$$eval('#enc-issues tbody tr td', (tds) => tds.map((td) => td.textContent));
    expect(cells.slice(0, 3)).toEqual(['6', '8', 'postcode']);
    expect(cells[3]).toMatch(/at least 50/);
    expect(await page.isDisabled('#enc-upload')).toBe(true);
    // A short secret is refused by name, as the CLI refuses it.
    await page.fill('#enc-secret', 'short');
    await page.click('#enc-run');
    await page.waitForFunction(() => /^Secret:/.test(document.querySelector('#enc-status')?.textContent ?? ''));
    expect(await page.textContent('#enc-status')).toBe('Secret: the secret is 5 byte(s); at least 16 are needed');
    // The CLI refuses the same file with the same place.
    const r = await runCli([
      'encode',
      '--schema',
      join(dir, 'schema.json'),
      '--secret-file',
      join(dir, 'secret'),
      '--skip-initial-space',
      csv,
    ]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/line 6, column 8, field "postcode": expected an integer of at least 50/);
    const sent = await Promise.all(requests.slice(before));
    expect(sent.filter((s) => s.method !== 'GET')).toEqual([]);
  });

  it("encodes each list in the browser and uploads only its CLKs, the CLI's bytes", async (t) => {
    if (noApi) {
      console.log(`skipped: ${noApi}`);
      t.skip();
    }
    const p = project!;
    // The project's schema is fetched with the holder's update token, where the server shows the project to
    // one (issue #18's contract); the entity service itself shows it to the result token only, and then
    // the page must say so plainly and the holder picks the schema file instead.
    const read = await api(`/api/v1/projects/${p.project_id}`, { token: p.update_tokens[0] });
    const projectSchema = read.status === 200;
    if (!projectSchema) {
      console.log(
        `the server refuses an update token on GET /api/v1/projects/{id} (${read.status}): the project's schema cannot be fetched by a list holder; checking the page's message and using schema files`,
      );
      await encodeOnPage(writeList('A', LISTS.A), { token: p.update_tokens[0] });
      await page.waitForFunction(() => !(document.querySelector('#enc-run') as HTMLButtonElement).disabled);
      expect(await page.textContent('#enc-status')).toMatch(
        /^Project: the server does not show this project to this token .*pick the schema file/,
      );
      expect(await page.isDisabled('#enc-upload')).toBe(true);
    }
    const modes: Record<string, { schemaFile?: boolean; secretFile?: boolean }> = {
      A: { schemaFile: !projectSchema },
      B: { schemaFile: true },
      C: { secretFile: true, schemaFile: !projectSchema },
    };
    for (const [i, name] of (['A', 'B', 'C'] as const).entries()) {
      const csv = writeList(name, LISTS[name]);
      const before = requests.length;
      await encodeOnPage(csv, { token: p.update_tokens[i], ...modes[name] });
      // Done when the count is shown, or the encode button is back with a message.
      await page.waitForFunction(
        () =>
          !!document.querySelector('#enc-count') || !(document.querySelector('#enc-run') as HTMLButtonElement).disabled,
      );
      const done = await page.evaluate(() => ({
        records: document.querySelector('#enc-count')?.getAttribute('data-records'),
        status: document.querySelector('#enc-status')?.textContent,
      }));
      expect(done.records, done.status ?? '').toBe(String(LISTS[name].length));
      const upload = async () => {
        await page.click('#enc-upload');
        await page.waitForFunction(() =>
          /^Uploaded|^Could not/.test(document.querySelector('#enc-upload-status')?.textContent ?? ''),
        );
        return page.textContent('#enc-upload-status');
      };
      // The first holder mistypes the token: the server refuses, the page says so, and the holder
      // corrects the token and uploads the same encodings (a token does not change them).
      const tokens = name === 'A' ? ['0'.repeat(48), p.update_tokens[i]] : [p.update_tokens[i]];
      if (tokens.length > 1) {
        await page.fill('#enc-token', tokens[0]!);
        expect(await upload()).toMatch(/^Could not upload: HTTP 403/);
        await page.fill('#enc-token', tokens[1]!);
      }
      expect(await upload()).toContain(`Uploaded ${LISTS[name].length} encodings`);
      await page.screenshot({ path: join(ARTIFACTS, `encode-page-${name}.png`), fullPage: true });
      const posts = (await Promise.all(requests.slice(before))).filter((s) => s.method !== 'GET');
      // Only uploads left the page with a body: to this project, in the entity service's JSON form.
      expect(posts.map((s) => [s.method, new URL(s.url).pathname, s.headers.authorization])).toEqual(
        tokens.map((tk) => ['POST', `/api/v1/projects/${p.project_id}/clks`, tk]),
      );
      const want = await cliClks(csv);
      expect(want).toHaveLength(LISTS[name].length);
      for (const post of posts) {
        const body = JSON.parse(post.body) as Record<string, unknown>;
        expect(Object.keys(body)).toEqual(['clks']);
        expect(body.clks).toEqual(want);
      }
      uploaded.set(name, want);
    }
  });

  it('no value of any list, and not the secret, is in any request, in any form', async (t) => {
    if (noApi) {
      console.log(`skipped: ${noApi}`);
      t.skip();
    }
    const sent = await Promise.all(requests);
    expect(offsite).toEqual([]);
    const p = project!;
    // Every body is an upload already proven to be the CLI's CLKs: its content is accounted for.
    const clks = new Set([...uploaded.values()].flat());
    expect(clks.size).toBe(ORIGINALS.length); // each person once: the lists share people, not encodings of different ones
    // Issued by the server before the page saw any list, so nothing of a list can be in them: the origin
    // (its port), the project id, the tokens. And the headers the browser sent before any file was picked.
    const issued = [h.server.url, p.project_id, ...p.update_tokens, p.result_token];
    const scrub = (s: string) => issued.reduce((acc, x) => acc.split(x).join('<issued>'), s);
    const own = new Set(
      (await Promise.all(requests.slice(0, baseline))).flatMap((s) =>
        Object.entries(s.headers).map(([k, v]) => `${k}: ${v}`),
      ),
    );
    const material = sent.map((s) => {
      if (s.body) expect((JSON.parse(s.body) as { clks: string[] }).clks.every((c) => clks.has(c))).toBe(true);
      const headers = Object.entries(s.headers)
        .map(([k, v]) => `${k}: ${v}`)
        .filter((kv) => !own.has(kv));
      return scrub([s.method, s.url, ...headers].join('\n'));
    });
    const hay = material.join('\n');
    const hayLower = hay.toLowerCase();
    const words = new Set(hayLower.split(/[^\p{L}\p{N}]+/u));
    // Each distinct cell of the three lists, in every form. A short value (a state code, a street number,
    // a 4-digit postcode) would match random text anywhere (a content-length, a file name), so those are
    // looked for as whole words, and their base64 forms (8 characters or more) as text.
    const cells = new Set(
      Object.values(LISTS)
        .flat()
        .flatMap((l) => l.split(',').map((c) => c.trim()))
        .filter((c) => c !== ''),
    );
    expect(cells.size).toBeGreaterThan(1000);
    const leaks: string[] = [];
    let asText = 0;
    for (const c of cells) {
      const short = c.length < 4 || /^\d{1,5}$/.test(c);
      if (!short) asText++;
      for (const f of forms(c)) {
        if (short && !(f.length >= 8 && /^[A-Za-z0-9+/=]+$/.test(f) && f !== c)) continue;
        if (hay.includes(f) || hayLower.includes(f.toLowerCase())) leaks.push(`${c} as ${f}`);
      }
      if (words.has(c.toLowerCase())) leaks.push(`${c} as a word`);
    }
    for (const f of forms(SECRET))
      if (hay.includes(f) || [...clks].some((c) => c.includes(f))) leaks.push(`the secret as ${f}`);
    expect(asText).toBeGreaterThan(900);
    expect(leaks).toEqual([]);
    // Nor is anything kept: not in storage, not in the address, not in the console (the server's origin
    // and ids scrubbed as above; short values, as words, in what the page keeps).
    const kept = scrub(
      await page.evaluate(() =>
        JSON.stringify({
          local: { ...localStorage },
          session: { ...sessionStorage },
          href: location.href,
          cookie: document.cookie,
        }),
      ),
    );
    const keptWords = new Set(kept.toLowerCase().split(/[^\p{L}\p{N}]+/u));
    const logs = scrub(consoleLines.join('\n')).toLowerCase();
    for (const c of cells) {
      const lc = c.toLowerCase();
      if (c.length < 4 || /^\d{1,5}$/.test(c)) expect(keptWords.has(lc), `${c} kept by the page`).toBe(false);
      else {
        expect(kept.toLowerCase().includes(lc), `${c} kept by the page`).toBe(false);
        expect(logs.includes(lc), `${c} in the console`).toBe(false);
      }
    }
    expect(kept.includes(SECRET) || logs.includes(SECRET.toLowerCase())).toBe(false);
  });

  it('the project page shows the parties, the run and its estimate as the API gives it, small cells as "<k"', async (t) => {
    if (noApi || uploaded.size !== 3) {
      console.log(`skipped: ${noApi || 'the three uploads did not happen'}`);
      t.skip();
    }
    const p = project!;
    const run = await api<{ run_id: string }>(`/api/v1/projects/${p.project_id}/runs`, {
      method: 'POST',
      token: p.result_token,
      body: { threshold: 0.95, name: 'page test' },
    });
    expect(run.status).toBe(201);
    const runId = run.body.run_id;
    let state = '';
    for (let i = 0; i < 600 && !['completed', 'error'].includes(state); i++) {
      state = (
        await api<{ state: string }>(`/api/v1/projects/${p.project_id}/runs/${runId}/status`, { token: p.result_token })
      ).body.state;
      if (!['completed', 'error'].includes(state)) await new Promise((r) => setTimeout(r, 200));
    }
    expect(state).toBe('completed');
    const est = (
      await api<{
        k: number;
        results: Array<{ method: string; estimate: number; interval: [number, number] }>;
        pairwise: Array<{ lists: string[]; both: number | null }>;
        thresholdSensitivity: Array<{ threshold: number; linkedPeople: number | null }>;
      }>(`/api/v1/projects/${p.project_id}/runs/${runId}/estimate`, { token: p.result_token })
    ).body;

    await open(`#/linkage/${p.project_id}`, 'linkage');
    await page.fill('#lk-token', p.result_token);
    await page.click('#lk-show');
    await page.waitForSelector(`#lk-estimate-${runId}`);
    await page.screenshot({ path: join(ARTIFACTS, 'linkage-project-page.png'), fullPage: true });
    expect(await page.getAttribute('#lk-parties', 'data-contributed')).toBe('3');
    expect(await page.getAttribute(`#lk-runs tr[data-run="${runId}"]`, 'data-state')).toBe('completed');
    expect(await page.textContent(`#lk-runs tr[data-run="${runId}"] td:nth-child(2)`)).toBe('0.95');
    expect(await page.textContent(`#lk-headline-${runId} .big`)).toBe(
      Math.round(est.results[0]!.estimate).toLocaleString('en-US'),
    );
    const fmt = (x: number) => Math.round(x).toLocaleString('en-US');
    const methods = await page.$$eval(`#lk-methods-${runId} tbody tr`, (trs) =>
      trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)),
    );
    expect(methods.filter((r) => r.length === 5).map((r) => [r[0], r[2], r[3]])).toEqual(
      est.results.map((m) => [m.method, fmt(m.estimate), `${fmt(m.interval[0])} – ${fmt(m.interval[1])}`]),
    );
    const pairs = await page.$$eval(`#lk-pairwise-${runId} tbody tr`, (trs) =>
      trs.map((tr) => tr.querySelectorAll('td')[1]!.textContent),
    );
    expect(pairs).toEqual(est.pairwise.map((q) => (q.both === null ? `<${est.k}` : q.both.toLocaleString('en-US'))));
    // B and C share 4 people (fewer than k = 5): withheld by the service, "<5" on the page.
    expect(
      est.pairwise.some((q) => q.both === null),
      JSON.stringify(est).slice(0, 3000),
    ).toBe(true);
    expect(pairs).toContain('<5');
    const sens = await page.$$eval(`#lk-sensitivity-${runId} tbody tr`, (trs) =>
      trs.map((tr) => tr.querySelectorAll('td')[1]!.textContent),
    );
    expect(sens).toEqual(
      est.thresholdSensitivity.map((r) =>
        r.linkedPeople === null ? `<${est.k}` : r.linkedPeople.toLocaleString('en-US'),
      ),
    );
    // The result token is not in the address or the storage.
    const kept = await page.evaluate(() =>
      JSON.stringify({ local: { ...localStorage }, session: { ...sessionStorage }, href: location.href }),
    );
    expect(kept.includes(p.result_token)).toBe(false);
  });
});
