// From the model's per-source records to individual-level lists: true identity per person, damaged per source,
// rows in an order that does not reveal the person id, and the answer key kept apart.
import { profileFor, type DamageProfile } from './profiles.ts';
import { damageIdentity, type IdentityColumns } from './damage.ts';
import { hashInts, hashString } from './random.ts';
import { trueIdentity } from './true-identity.ts';
import { unitDesignation } from './unit-designation.ts';

export interface ListEntry {
  source: string;
  personId: number;
  unit: number;
  region?: string;
  /** Source-specific columns, passed through unchanged. */
  fields: Record<string, string | number | null>;
}

export interface IndividualLists {
  /** Per source: identity columns + fields. */
  lists: Record<string, Array<Record<string, string | number | null>>>;
  answerKey: Array<{ source: string; row: number; personId: number }>;
}

export interface BuildOptions {
  /** Damage profiles by source name (or default profile name); partial ones are laid over the default. */
  profiles?: Record<string, Partial<DamageProfile>>;
  /** Field to order each source's rows by (default: the first of `date`, `day`, or a field named *date/*day). */
  sortField?: Record<string, string>;
}

export const IDENTITY_COLUMNS: readonly (keyof IdentityColumns)[] = [
  'surname',
  'first_name',
  'patronymic',
  'birth_date',
  'region',
  'unit',
];

/** Field names that would leak the answer key into a list. */
const FORBIDDEN_FIELDS = new Set(['personId', 'person_id', 'personid', 'agentId', 'agent_id']);

const DAMAGE_STREAM = 0xda3a6e;
const ORDER_STREAM = 0x0bde12;

/** The sort field of a source: an explicit choice, else a date-like field present on every entry. */
function chooseSortField(entries: ListEntry[], explicit?: string): string | null {
  if (explicit !== undefined) return explicit;
  const keys = Object.keys(entries[0]!.fields).sort();
  const candidates = ['date', 'day', ...keys.filter((k) => /(^|_)(date|day)$|[a-z](Date|Day)$/.test(k))];
  for (const k of candidates) if (entries.every((e) => k in e.fields)) return k;
  return null;
}

function compareValues(a: string | number | null | undefined, b: string | number | null | undefined): number {
  const an = a === null || a === undefined;
  const bn = b === null || b === undefined;
  if (an || bn) return an === bn ? 0 : an ? 1 : -1; // missing values last
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
}

/** Canonical text of a fields object (keys sorted), for order-independent tie-breaking. */
function fieldsText(fields: Record<string, string | number | null>): string {
  return JSON.stringify(
    Object.keys(fields)
      .sort()
      .map((k) => [k, fields[k]]),
  );
}

function validate(entries: ListEntry[]): void {
  for (const e of entries) {
    if (!Number.isInteger(e.personId) || e.personId < 0)
      throw new Error(`buildIndividualLists: bad personId ${e.personId}`);
    for (const k of Object.keys(e.fields)) {
      if (FORBIDDEN_FIELDS.has(k))
        throw new Error(`buildIndividualLists: field "${k}" would leak the answer key into list "${e.source}"`);
      if ((IDENTITY_COLUMNS as readonly string[]).includes(k)) {
        throw new Error(`buildIndividualLists: field "${k}" of list "${e.source}" collides with an identity column`);
      }
    }
  }
}

export function buildIndividualLists(seed: number, entries: ListEntry[], options: BuildOptions = {}): IndividualLists {
  validate(entries);
  // A person's home region: the one given for them in this call (the alphabetically first if entries disagree,
  // so the choice does not depend on entry order), so that all their rows agree.
  const homeRegion = new Map<number, string>();
  for (const e of entries) {
    if (e.region === undefined) continue;
    const prev = homeRegion.get(e.personId);
    if (prev === undefined || e.region < prev) homeRegion.set(e.personId, e.region);
  }

  const bySource = new Map<string, ListEntry[]>();
  for (const e of entries) {
    let list = bySource.get(e.source);
    if (!list) bySource.set(e.source, (list = []));
    list.push(e);
  }

  const spellCache = new Map<string, string>(); // names, regions and units repeat a lot: transliterate each once
  const identities = new Map<number, IdentityColumns>(); // a person on several lists is drawn once
  const lists: IndividualLists['lists'] = {};
  const answerKey: IndividualLists['answerKey'] = [];
  for (const source of [...bySource.keys()].sort()) {
    const group = bySource.get(source)!;
    const sourceHash = hashString(source);
    const profile = profileFor(source, options.profiles);
    const sortField = chooseSortField(group, options.sortField?.[source]);
    // Order: the date-like field, then a keyed hash of the person (meaningless without the seed), then the fields.
    const keyed = group.map((e) => ({
      e,
      shuffle: hashInts(ORDER_STREAM, seed, sourceHash, e.personId),
      text: fieldsText(e.fields),
    }));
    keyed.sort(
      (a, b) =>
        (sortField ? compareValues(a.e.fields[sortField], b.e.fields[sortField]) : 0) ||
        a.shuffle - b.shuffle ||
        (a.text < b.text ? -1 : a.text > b.text ? 1 : 0) ||
        a.e.unit - b.e.unit,
    );
    const rows: Array<Record<string, string | number | null>> = [];
    const occurrences = new Map<number, number>();
    for (const { e } of keyed) {
      const k = occurrences.get(e.personId) ?? 0;
      occurrences.set(e.personId, k + 1);
      let person = identities.get(e.personId);
      if (!person) {
        const id = trueIdentity(seed, e.personId, homeRegion.get(e.personId));
        person = {
          surname: id.surname,
          first_name: id.first_name,
          patronymic: id.patronymic,
          birth_date: id.birth_date,
          region: id.region,
          unit: null,
        };
        identities.set(e.personId, person);
      }
      const truth: IdentityColumns = { ...person, unit: unitDesignation(e.unit) };
      const { columns } = damageIdentity(
        hashInts(DAMAGE_STREAM, seed, sourceHash, e.personId, k),
        truth,
        profile,
        spellCache,
      );
      answerKey.push({ source, row: rows.length, personId: e.personId });
      rows.push({ ...columns, ...e.fields });
    }
    lists[source] = rows;
  }
  return { lists, answerKey };
}
