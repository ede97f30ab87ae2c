// A Russian name as a Ukrainian clerk writes it in Cyrillic: letter for letter with Ukrainian orthography
// (и → і as Ukrainian media write Путін, Смірнов; ы → и; э → е; е → є at a word start or after a vowel or ь;
// ё → йо/ьо; final -ий/-ей → -ій; ъ → apostrophe).
// Name translation (Алексей → Олексій) is not attempted: surrender-programme forms keep the Russian name.

const VOWELS = new Set('аеёиоуыэюяіїє');

function isLetter(ch: string | undefined): boolean {
  return ch !== undefined && /\p{L}/u.test(ch);
}

export function ukrainianSpelling(text: string): string {
  const chars = Array.from(text);
  const lower = chars.map((c) => c.toLowerCase());
  let out = '';
  for (let i = 0; i < chars.length; i++) {
    const c = lower[i]!;
    const prev = i > 0 ? lower[i - 1] : undefined;
    const next = lower[i + 1];
    const start = !isLetter(prev);
    const iotated = start || (prev !== undefined && (VOWELS.has(prev) || prev === 'ь' || prev === 'ъ'));
    const finalIj = next === 'й' && !isLetter(lower[i + 2]);
    let r: string;
    switch (c) {
      case 'и':
        r = 'і';
        break;
      case 'ы':
        r = 'и';
        break;
      case 'э':
        r = 'е';
        break;
      case 'е':
        r = finalIj ? 'і' : iotated ? 'є' : 'е';
        break;
      case 'ё':
        r = iotated ? 'йо' : 'ьо';
        break;
      case 'ъ':
        r = "'";
        break;
      default:
        r = c;
    }
    const upper = chars[i] !== c;
    out += upper ? r[0]!.toUpperCase() + r.slice(1) : r;
  }
  return out;
}
