import { ClkEncoder, toBase64, parseSchema } from '../../linkage/index.ts';

// The optional privacy-preserving encoding of defendant names (clkhash-compatible CLKs, src/linkage/),
// for linking court lists with other lists without exchanging names. Court cards carry only a name,
// so only name features get a value; every other feature of the schema is left empty.

const fold = (id: string) => id.toLowerCase().replace(/[^a-z]/g, '');
const ROLE: Record<string, 'full' | 'surname' | 'given' | 'patronymic'> = {
  name: 'full',
  fullname: 'full',
  surname: 'surname',
  lastname: 'surname',
  familyname: 'surname',
  firstname: 'given',
  givenname: 'given',
  given: 'given',
  forename: 'given',
  patronymic: 'patronymic',
  middlename: 'patronymic',
  middlenames: 'patronymic',
};

/** "Фамилия Имя Отчество" or "Фамилия И.О." → its parts, in the order Russian court cards print them. */
export function nameParts(name: string): { full: string; surname: string; given: string; patronymic: string } {
  const spaced = name.trim().replace(/([А-ЯЁA-Z])\.\s*(?=[А-ЯЁA-Z]\.)/gu, '$1. ');
  const toks = spaced.split(/\s+/).map((t) => t.replace(/\.$/, ''));
  return { full: name.trim(), surname: toks[0] ?? '', given: toks[1] ?? '', patronymic: toks.slice(2).join(' ') };
}

/** An encoder from a linkage schema (clkhash JSON) and the linkage secret; null for a name the schema rejects. */
export function courtNameEncoder(schemaDoc: unknown, secret: Uint8Array): (name: string) => string | null {
  const schema = parseSchema(schemaDoc);
  const enc = new ClkEncoder(schema, secret);
  const roles = schema.features.map((f) => ROLE[fold(f.identifier)]);
  if (!roles.some(Boolean))
    throw new Error('the linkage schema has no name feature (surname, firstName, middleNames, name, …)');
  return (name) => {
    const p = nameParts(name);
    let bad = false;
    const clk = enc.encode(
      roles.map((r) => (r ? p[r] : '')),
      () => (bad = true),
    );
    return bad ? null : toBase64(clk);
  };
}
