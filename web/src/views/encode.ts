import { h } from '../dom.ts';
import type { EncodeReply, EncodeRequest, RowIssue } from '../encode-worker.ts';
import { getProject, uploadClks } from '../linkage-api.ts';

let worker: Worker | undefined;

/** Leaving the page stops an encoding under way (the worker, and the secret in it, are dropped). */
export function leaveEncode(): void {
  worker?.terminate();
  worker = undefined;
}

/** Inputs that never go anywhere: no autofill, no spell-checking service. */
const quiet = { autocomplete: 'off', spellcheck: 'false', autocapitalize: 'off' } as const;

function issueTable(issues: RowIssue[], total: number): HTMLElement {
  return h(
    'div',
    { class: 'scroll' },
    h(
      'table',
      { class: 'figures enc-issues', id: 'enc-issues' },
      h(
        'caption',
        {},
        total > issues.length
          ? `The first ${issues.length} of ${total} problems`
          : `${total} problem${total === 1 ? '' : 's'}`,
      ),
      h('thead', {}, h('tr', {}, ...['Line', 'Column', 'Field', 'Problem'].map((t) => h('th', { scope: 'col' }, t)))),
      h(
        'tbody',
        {},
        ...issues.map((i) =>
          h(
            'tr',
            {},
            h('td', { class: 'num' }, String(i.line)),
            h('td', { class: 'num' }, i.column === undefined ? '' : String(i.column)),
            h('td', {}, i.field ?? ''),
            h('td', {}, i.message),
          ),
        ),
      ),
    ),
  );
}

/**
 * Encoding a list in the browser (#/encode): a list holder picks a CSV, a schema (the project's or a file)
 * and enters the shared secret; darkfigure's encoder runs here, in a worker; only the CLKs are uploaded, to
 * the project with the holder's update token. The secret, the file and its values stay in this tab's
 * memory: nothing goes to storage, the address bar, the console, or a request.
 */
export function renderEncode(root: HTMLElement): void {
  const project = h('input', { type: 'text', id: 'enc-project', size: 52, ...quiet });
  const token = h('input', { type: 'password', id: 'enc-token', size: 52, ...quiet });
  const csv = h('input', { type: 'file', id: 'enc-csv', accept: '.csv,text/csv,text/plain' });
  const header = h('input', { type: 'checkbox', id: 'enc-header', checked: true });
  const skipSpace = h('input', { type: 'checkbox', id: 'enc-skip-space' });
  const schemaFromProject = h('input', {
    type: 'radio',
    name: 'enc-schema',
    id: 'enc-schema-project',
    value: 'project',
    checked: true,
  });
  const schemaFromFile = h('input', { type: 'radio', name: 'enc-schema', id: 'enc-schema-choose-file', value: 'file' });
  const schemaFile = h('input', { type: 'file', id: 'enc-schema-file', accept: '.json,application/json' });
  const secret = h('input', { type: 'password', id: 'enc-secret', size: 40, ...quiet });
  const secretFile = h('input', { type: 'file', id: 'enc-secret-file' });
  const encodeBtn = h('button', { type: 'button', class: 'btn', id: 'enc-run' }, 'Encode in this browser');
  const uploadBtn = h(
    'button',
    { type: 'button', class: 'btn', id: 'enc-upload', disabled: true },
    'Upload the encodings',
  );
  const progress = h('progress', { id: 'enc-progress', max: 1, value: 0, hidden: true });
  const status = h('p', { class: 'muted', id: 'enc-status', role: 'status', 'aria-live': 'polite' });
  const result = h('div', { id: 'enc-result' });
  const uploadStatus = h('p', { id: 'enc-upload-status', role: 'status', 'aria-live': 'polite' });
  const row = (label: string, input: HTMLElement, note?: string) =>
    h(
      'p',
      {},
      h('label', { for: input.id }, label),
      ' ',
      input,
      note ? h('span', { class: 'muted' }, ` ${note}`) : null,
    );

  // Not a <form>: a submitted form with a password field invites the browser to save the secret.
  const form = h(
    'div',
    { class: 'enc-form', id: 'enc-form' },
    h(
      'fieldset',
      {},
      h('legend', {}, 'Project'),
      row('Project id', project),
      row('Update token', token, '(your party’s token from the project’s creator)'),
    ),
    h(
      'fieldset',
      {},
      h('legend', {}, 'Your list'),
      row('CSV file', csv, 'one column per schema feature, in the schema’s order'),
      h(
        'p',
        {},
        h('label', { class: 'check' }, header, ' the first row is a header'),
        ' ',
        h('label', { class: 'check' }, skipSpace, ' drop spaces after commas'),
      ),
    ),
    h(
      'fieldset',
      {},
      h('legend', {}, 'Linkage schema'),
      h(
        'p',
        {},
        h('label', { class: 'check' }, schemaFromProject, ' the project’s schema (fetched with the token)'),
        ' ',
        h('label', { class: 'check' }, schemaFromFile, ' a schema file:'),
        ' ',
        schemaFile,
      ),
    ),
    h(
      'fieldset',
      {},
      h('legend', {}, 'Shared secret'),
      row('Secret', secret, 'at least 16 bytes, the same for every list holder'),
      row('or a secret file', secretFile),
    ),
    h('p', {}, encodeBtn, ' ', progress),
  );
  schemaFile.addEventListener('change', () => (schemaFromFile.checked = true));

  root.append(
    h('h1', { tabindex: '-1' }, 'Encode a list in this browser'),
    h(
      'p',
      { class: 'lead' },
      'Pool lists of people with other organisations without handing anyone your list: each holder turns its own list into encodings (Bloom-filter CLKs, the clkhash format) with a secret all holders share, and only the encodings go to the linkage project. The encoder running here is darkfigure’s own; it gives the same encodings, byte for byte, as ',
      h('code', {}, 'darkfigure encode'),
      '.',
    ),
    h(
      'section',
      { class: 'enc-privacy', id: 'enc-privacy', 'aria-label': 'What leaves this computer' },
      h('h2', {}, 'What leaves this computer'),
      h(
        'ul',
        {},
        h(
          'li',
          {},
          h('strong', {}, 'Sent: '),
          'only the encodings, one per row of your list (a string of bits, 1,024 with most schemas, that looks random), to this server’s project, with your update token. To fetch the project’s schema, the page sends the project id and the token.',
        ),
      ),
      h('h2', {}, 'What does not'),
      h(
        'ul',
        {},
        h(
          'li',
          {},
          h('strong', {}, 'Never sent: '),
          'the CSV file, any name, date or other value in it, its column names, and the secret. They are read and encoded in this tab and are not saved: not in the browser’s storage, not in the address bar.',
        ),
        h(
          'li',
          {},
          'Without the secret, an encoding cannot be turned back into a name by trying names; keep the secret away from the server’s operator.',
        ),
      ),
    ),
    form,
    status,
    result,
    h('p', {}, uploadBtn),
    uploadStatus,
  );

  let clks: string[] = [];
  /** The project whose schema made the encodings ('' when a schema file did). */
  let encodedFor = '';
  const reset = () => {
    clks = [];
    uploadBtn.disabled = true;
    uploadBtn.textContent = 'Upload the encodings';
  };
  // Changing the list, schema or secret after encoding makes the encodings stale: encode again before
  // uploading. The project id and token do not change the encodings (the upload checks the project).
  const stale = (ev: Event) => {
    if (ev.target !== project && ev.target !== token) reset();
  };
  form.addEventListener('input', stale);
  form.addEventListener('change', stale);

  const fail = (field: string, message: string) => {
    progress.hidden = true;
    status.textContent = `${field}: ${message}`;
    encodeBtn.disabled = false;
  };

  const schemaDoc = async (): Promise<unknown> => {
    if (schemaFromFile.checked) {
      const f = schemaFile.files?.[0];
      if (!f)
        throw Object.assign(new Error('pick a schema file, or use the project’s schema'), { field: 'Schema file' });
      try {
        return JSON.parse(await f.text());
      } catch (e) {
        throw Object.assign(new Error(`not valid JSON: ${(e as Error).message}`), { field: 'Schema file' });
      }
    }
    if (!project.value.trim())
      throw Object.assign(new Error('enter the project id to use the project’s schema'), { field: 'Project id' });
    if (!token.value.trim())
      throw Object.assign(new Error('enter your update token to fetch the project’s schema'), {
        field: 'Update token',
      });
    const info = await getProject(project.value.trim(), token.value.trim()).catch((e: Error & { status?: number }) => {
      // The entity service shows a project to its result token only (and to receipt tokens of a
      // permutations project); a server that follows it refuses an update token here.
      if (e.status === 403)
        throw Object.assign(
          new Error(
            'the server does not show this project to this token (an entity service shows a project only to its result token): pick the schema file the project’s creator shared, or check the project id and token',
          ),
          { field: 'Project' },
        );
      throw Object.assign(e, { field: 'Project' });
    });
    if (!info.schema || typeof info.schema !== 'object')
      throw Object.assign(new Error('the project has no schema; pick a schema file'), { field: 'Schema' });
    return info.schema;
  };

  encodeBtn.addEventListener('click', () => {
    void (async () => {
      reset();
      result.replaceChildren();
      uploadStatus.textContent = '';
      const file = csv.files?.[0];
      if (!file) return fail('CSV file', 'pick the CSV file of your list');
      const sf = secretFile.files?.[0];
      if (!sf && secret.value === '') return fail('Secret', 'enter the shared secret or pick a secret file');
      encodeBtn.disabled = true;
      status.textContent = 'Reading the schema…';
      let schema: unknown;
      try {
        schema = await schemaDoc();
      } catch (e) {
        return fail((e as { field?: string }).field ?? 'Schema', (e as Error).message);
      }
      leaveEncode();
      const w = (worker = new Worker(new URL('../encode-worker.ts', import.meta.url), { type: 'module' }));
      const req: EncodeRequest = {
        csv: file,
        schema,
        secret: sf ? { file: sf } : { text: secret.value },
        header: header.checked,
        skipInitialSpace: skipSpace.checked,
      };
      status.textContent = `Encoding ${file.name} in this browser…`;
      progress.hidden = false;
      progress.value = 0;
      w.onerror = (e) => {
        leaveEncode();
        fail('Encoder', e.message || 'the encoder stopped');
      };
      w.onmessage = (e: MessageEvent<EncodeReply>) => {
        const m = e.data;
        if (m.type === 'progress') {
          progress.max = m.total;
          progress.value = m.done;
          status.textContent = `Encoded ${m.done.toLocaleString('en-US')} of ${m.total.toLocaleString('en-US')} records…`;
          return;
        }
        // The work is done: drop the worker and the secret and rows it held.
        leaveEncode();
        encodeBtn.disabled = false;
        progress.hidden = true;
        if (m.type === 'error')
          return fail(
            m.field === 'secret'
              ? 'Secret'
              : m.field === 'schema'
                ? 'Schema'
                : m.field === 'csv'
                  ? 'CSV file'
                  : 'Encoder',
            m.message,
          );
        if (m.type === 'invalid') {
          status.textContent = `${file.name}: nothing encoded. Fix these rows and encode again (as darkfigure encode, no encoding is made while any value is bad).`;
          result.append(issueTable(m.issues, m.total));
          return;
        }
        clks = m.clks;
        encodedFor = schemaFromFile.checked ? '' : project.value.trim();
        status.textContent = `Encoded ${m.records.toLocaleString('en-US')} records in this browser: ${clks.length.toLocaleString('en-US')} encodings ready. Nothing has been sent yet.`;
        result.append(
          h(
            'p',
            { id: 'enc-count', 'data-records': m.records },
            `${m.records.toLocaleString('en-US')} records encoded, no problems.`,
          ),
          ...m.warnings.map((x) => h('p', { class: 'warning' }, `⚠ ${x}`)),
        );
        uploadBtn.disabled = false;
        uploadBtn.textContent = `Upload ${clks.length.toLocaleString('en-US')} encodings`;
      };
      w.postMessage(req);
    })();
  });

  uploadBtn.addEventListener('click', () => {
    const pid = project.value.trim();
    const tok = token.value.trim();
    if (!clks.length) return;
    if (!pid) return void (uploadStatus.textContent = 'Project id: enter the project to upload to.');
    if (!tok) return void (uploadStatus.textContent = 'Update token: enter your party’s update token.');
    if (encodedFor && pid !== encodedFor)
      return void (uploadStatus.textContent =
        'Project id: changed since encoding with that project’s schema; encode again.');
    uploadBtn.disabled = true;
    uploadStatus.textContent = `Uploading ${clks.length.toLocaleString('en-US')} encodings…`;
    uploadClks(pid, tok, clks).then(
      (r) => {
        uploadStatus.replaceChildren(
          `Uploaded ${clks.length.toLocaleString('en-US')} encodings to the project. `,
          r.receipt_token
            ? h(
                'span',
                {},
                'Receipt token (keep it if the project gives each party its own result): ',
                h('code', { id: 'enc-receipt' }, r.receipt_token),
                '. ',
              )
            : '',
          h('a', { href: `#/linkage/${encodeURIComponent(pid)}` }, 'The project’s page'),
        );
        clks = [];
      },
      (e: Error) => {
        uploadStatus.textContent = `Could not upload: ${e.message}`;
        uploadBtn.disabled = false;
      },
    );
  });
}
