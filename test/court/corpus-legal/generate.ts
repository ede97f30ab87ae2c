// A second court corpus, written from the legal forms (forms.ts) rather than from the classifier's phrases:
// judgments as clerks word them, with several defendants per case, each named in his own grammatical case,
// joint and separate sentences, sentences for several crimes or verdicts, grounds for ending a case, appeal
// outcomes, and the traps of real texts (a prior conviction or the prosecutor's request recited before the
// operative part; the credit for time in custody after it). The expected labels are the ones drawn here.

import { CHARGES, DECISIONS, GROUNDS, PUNISHMENTS, type PunishmentForm, REGIMES } from './forms.ts';
import { type Gram, makePerson, type NameStyle, nameIn, type Person } from './people.ts';

export interface LegalSentence {
  type: string;
  termMonths?: number;
  probationMonths?: number;
  colonyRegime?: string;
  deductionPercent?: number;
  fineRoubles?: number;
  combination?: 'crimes' | 'verdicts';
  addition?: 'partial' | 'full' | 'absorption';
  dismissalGround?: string;
}

export interface LegalDefendant {
  /** The name as the names field gives it; "" when hidden or absent. */
  name: string;
  /** Article and part of each charge; article "unknown" (part "") when the field names none. */
  charges: Array<{ article: string; part: string }>;
  sentence: LegalSentence;
}

export interface LegalCase {
  line: number;
  result: string;
  defendants: LegalDefendant[];
  /** What the record exercises (for coverage checks). */
  features: string[];
}

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type R = () => number;
const pick = <T>(r: R, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
const int = (r: R, lo: number, hi: number): number => lo + Math.floor(r() * (hi - lo + 1));

const COURTS = [
  '235 гарнизонный военный суд',
  'Новосибирский гарнизонный военный суд',
  'Краснодарский гарнизонный военный суд',
  'Калининградский гарнизонный военный суд',
  'Читинский гарнизонный военный суд',
  '2-й Западный окружной военный суд',
];
const APPEAL_COURTS = ['Апелляционный военный суд', 'Южный окружной военный суд', 'Кассационный военный суд'];

const WORDS = [
  '',
  'один',
  'два',
  'три',
  'четыре',
  'пять',
  'шесть',
  'семь',
  'восемь',
  'девять',
  'десять',
  'одиннадцать',
  'двенадцать',
];
const yearsWord = (n: number) =>
  n % 10 === 1 && n !== 11 ? 'год' : n % 10 >= 2 && n % 10 <= 4 && (n < 10 || n > 20) ? 'года' : 'лет';
const monthsWord = (n: number) => (n === 1 ? 'месяц' : n >= 2 && n <= 4 ? 'месяца' : 'месяцев');

/** A term in months as a clerk writes it: figures with words, figures, or words only. */
function termPhrase(r: R, months: number): string {
  const y = Math.floor(months / 12);
  const m = months % 12;
  const style = int(r, 0, 2);
  const part = (n: number, w: string) =>
    style === 0 ? `${n} (${WORDS[n]}) ${w}` : style === 1 ? `${n} ${w}` : `${WORDS[n]} ${w}`;
  const out: string[] = [];
  if (y) out.push(part(y, yearsWord(y)));
  if (m) out.push(part(m, monthsWord(m)));
  return out.join(style === 2 && r() < 0.5 ? ' и ' : ' ');
}

const FINE_WORDS: Record<number, string> = {
  20000: 'двадцать тысяч',
  30000: 'тридцать тысяч',
  50000: 'пятьдесят тысяч',
  100000: 'сто тысяч',
  150000: 'сто пятьдесят тысяч',
  200000: 'двести тысяч',
};
function finePhrase(r: R, amount: number): string {
  const digits = r() < 0.6 ? amount.toLocaleString('ru-RU').replace(/\s/g, ' ') : String(amount);
  return r() < 0.5 ? `${digits} (${FINE_WORDS[amount]})` : digits;
}

const CHARGE_STYLES = [
  (a: string, p: string) => `ст.${a} ч.${p}`,
  (a: string, p: string) => `ст. ${a} ч. ${p}`,
  (a: string, p: string) => `ч. ${p} ст. ${a}`,
  (a: string, p: string) => `ч.${p} ст.${a}`,
  (a: string, p: string) => `${a} ч.${p}`,
];

interface Defendant {
  person: Person | null;
  nameStyle: NameStyle;
  charges: Array<[string, string]>;
  sentence: LegalSentence;
}

/** The names field: each defendant with his articles, in one of the layouts court sites and CSV exports use. */
function namesField(r: R, ds: Defendant[], features: string[]): string {
  const layout = ds.length === 1 ? int(r, 0, 4) : int(r, 0, 7);
  const cs = (d: Defendant, style: number, uk: boolean, sep: string) => {
    if (d.charges.length === 0) return '';
    const body = d.charges.map(([a, p]) => CHARGE_STYLES[style]!(a, p)).join(sep);
    return uk ? `${body} УК РФ` : body;
  };
  const who = (d: Defendant) =>
    d.person ? nameIn(d.person, 'nom', d.nameStyle) : pick(r, ['Ф.И.О. скрыто', 'ФИО1', 'Данные изъяты']);
  const style = int(r, 0, 4);
  features.push(`names-layout-${ds.length > 1 ? 'multi' : 'single'}-${layout}`);
  const parts = ds.map((d) => {
    const c = cs(d, style, r() < 0.6, layout === 5 ? ', ' : '; ');
    return { who: who(d), c };
  });
  const one = (p: { who: string; c: string }, fmt: number) =>
    p.c === ''
      ? p.who
      : [`${p.who} - ${p.c}`, `${p.who} (${p.c})`, `${p.who}: ${p.c}`, `${p.who} ${p.c}`, `${p.who}\n${p.c}`][fmt]!;
  if (ds.length === 1) return one(parts[0]!, layout);
  switch (layout) {
    case 0:
      return parts.map((p) => one(p, 0)).join('; ');
    case 1:
      return parts.map((p) => one(p, 1)).join(', ');
    case 2:
      return parts.map((p) => one(p, 4)).join('\n');
    case 3:
      return parts.map((p) => (p.c ? `${p.who}: УК РФ: ${p.c.replace(/ УК РФ$/, '')}` : p.who)).join('\n');
    case 4:
      return parts.map((p) => one(p, 0)).join('<br>');
    case 5:
      return parts.map((p) => one(p, 0)).join(', ');
    case 6:
      return parts.map((p) => one(p, 3)).join(' ');
    default:
      return parts.map((p) => one(p, 2)).join(' | ');
  }
}

const chargeText = (charges: Array<[string, string]>) =>
  charges.length === 0 ? 'ст. 337 УК РФ' : charges.map(([a, p]) => `ч. ${p} ст. ${a} УК РФ`).join(', ');

/** "ему"/"ей" */
const pron = (d: Defendant, g: 'dat' | 'acc') =>
  d.person && !d.person.male ? (g === 'dat' ? 'ей' : 'её') : g === 'dat' ? 'ему' : 'его';
const named = (d: Defendant, g: Gram) => (d.person ? nameIn(d.person, g, d.nameStyle) : 'ФИО1');
const guilty = (d: Defendant) => (d.person && !d.person.male ? 'виновной' : 'виновным');

/** The size of a punishment (term, hours, fine, deduction), with what it sets in the expected sentence. */
function sizeOf(r: R, p: PunishmentForm, s: LegalSentence): string {
  let out = '';
  if (p.size === 'term') {
    const months =
      p.type === 'prison'
        ? pick(r, [6, 8, 12, 18, 24, 30, 36, 42, 48, 60, 66, 72, 84, 96, 120])
        : p.type === 'arrest'
          ? pick(r, [1, 2, 3, 4])
          : pick(r, [3, 4, 6, 8, 10, 12, 18, 24]);
    s.termMonths = months;
    out = `${pick(r, [' на срок ', ' сроком на ', ' сроком '])}${termPhrase(r, months)}`;
  } else if (p.size === 'hours') out = ` на срок ${pick(r, ['120', '200 (двести)', '240', '360'])} часов`;
  else if (p.size === 'fine') {
    const amount = pick(r, [20000, 30000, 50000, 100000, 150000, 200000]);
    s.fineRoubles = amount;
    out = pick(r, [
      ` в размере ${finePhrase(r, amount)} рублей`,
      ` в доход государства в размере ${finePhrase(r, amount)} рублей`,
      ` в сумме ${finePhrase(r, amount)} рублей`,
    ]);
  }
  if (p.deduction) {
    const pct = pick(r, [5, 10, 15, 20]);
    s.deductionPercent = pct;
    out +=
      p.deduction === 'pay'
        ? pick(r, [
            ` с удержанием в доход государства ${pct} % из денежного довольствия`,
            ` с удержанием ${pct}% денежного довольствия в доход государства`,
          ])
        : pick(r, [
            ` с удержанием из заработной платы ${pct} % в доход государства`,
            ` с удержанием ${pct}% заработка в доход государства`,
          ]);
  }
  return out;
}

/** One defendant's operative paragraph for a convicting verdict; fills in d.sentence. */
function convictParagraph(r: R, d: Defendant, features: string[]): string {
  const weights: Array<[string, number]> = [
    ['prison', 30],
    ['suspended', 26],
    ['restriction_of_service', 8],
    ['disciplinary_unit', 7],
    ['fine', 6],
    ['compulsory_labour', 3],
    ['corrective_labour', 3],
    ['forced_labour', 6],
    ['arrest', 2],
    ['restriction_of_liberty', 3],
    ['life', 1],
    ['combination', 10],
  ];
  const total = weights.reduce((a, [, w]) => a + w, 0);
  let x = r() * total;
  let kind = weights[0]![0];
  for (const [k, w] of weights)
    if ((x -= w) < 0) {
      kind = k;
      break;
    }
  // Several crimes need several charges: add one (the names field is written after, so it lists it).
  if (kind === 'combination' && d.charges.length < 2 && r() < 0.6)
    d.charges.push(d.charges[0]?.[0] === '338' ? ['337', '5'] : ['338', '1']);
  const ch = chargeText(d.charges);
  const s: LegalSentence = { type: kind };
  d.sentence = s;
  const head = pick(r, [
    () => `Признать ${named(d, 'acc')} ${guilty(d)} в совершении преступления, предусмотренного ${ch},`,
    () => `${named(d, 'acc')} признать ${guilty(d)} в совершении преступления, предусмотренного ${ch},`,
  ])();
  if (kind === 'combination') return combination(r, d, s, head, features);
  const suspended = kind === 'suspended';
  const p = PUNISHMENTS.find((q) => q.type === (suspended ? 'prison' : kind))!;
  if (suspended) s.type = 'suspended';
  const size = sizeOf(r, p, s);
  let regime = '';
  if (p.type === 'prison' && !suspended && r() < 0.9) {
    const [reg, phrases] = pick(r, REGIMES);
    s.colonyRegime = reg;
    const ph = pick(r, phrases);
    regime = ph.startsWith('с ') ? ` ${ph}` : `. ${ph}`;
  }
  if (p.type === 'life') {
    s.colonyRegime = 'special';
    regime = ' с отбыванием наказания в исправительной колонии особого режима';
  }
  const frame = kind === 'forced_labour' && r() < 0.4 ? 9 : p.size === 'term' && r() < 0.2 ? 8 : int(r, 0, 4);
  features.push(`frame-${frame}`);
  let text: string;
  switch (frame) {
    case 0:
      text = `${head} и назначить ${pron(d, 'dat')} наказание в виде ${p.gen}${size}${regime}.`;
      break;
    case 1:
      text = `${head} и назначить наказание — ${p.nom}${size}${regime}.`;
      features.push('nominative');
      break;
    case 2:
      text = `${head} и приговорить ${pron(d, 'acc')} к ${p.dat}${size}${regime}.`;
      features.push('dative');
      break;
    case 3:
      text = `${head.replace(/,$/, '.')} ${named(d, 'dat')} назначить наказание: ${p.nom}${size}${regime}.`;
      features.push('nominative', 'defendant-dative');
      break;
    case 4:
      text = `${head} и назначить ${pron(d, 'dat')} наказание в виде ${p.gen}${size}${regime}, с лишением воинского звания «${pick(r, ['сержант', 'рядовой', 'старший сержант'])}».`;
      features.push('additional-punishment');
      break;
    case 8: {
      // The term first: "назначить 2 (два) года лишения свободы".
      const t = termPhrase(r, s.termMonths!);
      text = `${head} и назначить ${pron(d, 'dat')} ${t} ${p.gen}${p.deduction ? size.replace(/^.*?( с удержанием)/, '$1') : ''}${regime}.`;
      features.push('term-first');
      break;
    }
    default: {
      // Art. 53.1: a prison term replaced by forced labour (the instrumental form).
      const t = termPhrase(r, s.termMonths!);
      text = `${head} и назначить ${pron(d, 'dat')} наказание в виде лишения свободы на срок ${t}. На основании ч. 2 ст. 53.1 УК РФ назначенное ${named(d, 'dat')} наказание в виде лишения свободы заменить ${p.ins} на срок ${t}${size.replace(/^.*?( с удержанием)/, '$1')}.`;
      features.push('instrumental', 'art-53.1');
    }
  }
  if (suspended) {
    s.probationMonths = pick(r, [6, 12, 18, 24, 36, 48, 60]);
    const pr = termPhrase(r, s.probationMonths);
    text += pick(r, [
      ` На основании ст. 73 УК РФ назначенное ${named(d, 'dat')} наказание считать условным с испытательным сроком ${pr}.`,
      ` Назначенное наказание в соответствии со ст. 73 УК РФ считать условным, установив испытательный срок ${pr}.`,
      ` В силу ст. 73 УК РФ назначенное наказание в виде лишения свободы считать условным, с испытательным сроком в ${pr}, в течение которого условно осужденный должен своим поведением доказать свое исправление.`,
      ` Применить ст. 73 УК РФ, назначенное наказание считать условным с испытательным сроком ${pr}. Возложить на условно осужденного обязанность не менять постоянного места жительства без уведомления специализированного государственного органа.`,
    ]);
    features.push('suspended');
  }
  if (s.type === 'prison' && r() < 0.4) {
    text +=
      ' Срок наказания исчислять со дня вступления приговора в законную силу. Зачесть в срок лишения свободы время содержания под стражей из расчета один день за один день.';
    features.push('credit-after');
  }
  if (s.type === 'fine' && r() < 0.5) {
    text +=
      ' Разъяснить осужденному, что в случае злостного уклонения от уплаты штрафа он может быть заменен иным видом наказания, в том числе лишением свободы.';
    features.push('fine-warning');
  }
  return text;
}

/** Several crimes or several verdicts: each charge gets its own term, then one final sentence. */
function combination(r: R, d: Defendant, s: LegalSentence, head: string, features: string[]): string {
  const verdicts = d.charges.length < 2 || r() < 0.35;
  const finalMonths = pick(r, [18, 24, 30, 36, 54, 66, 78]);
  s.type = 'prison';
  s.termMonths = finalMonths;
  s.combination = verdicts ? 'verdicts' : 'crimes';
  const [reg, phrases] = pick(r, REGIMES.slice(0, 3));
  s.colonyRegime = reg;
  const regime = ` ${phrases.find((p) => p.startsWith('с ')) ?? phrases[0]}`;
  const final = pick(r, [
    `наказание в виде лишения свободы на срок ${termPhrase(r, finalMonths)}`,
    `${termPhrase(r, finalMonths)} лишения свободы`,
  ]);
  if (verdicts) {
    features.push('combination-verdicts');
    const partial = r() < 0.7;
    s.addition = partial ? 'partial' : 'full';
    return `${head} и назначить ${pron(d, 'dat')} наказание в виде лишения свободы на срок ${termPhrase(r, finalMonths - 6)}. На основании ст. 70 УК РФ по совокупности приговоров ${
      partial
        ? pick(r, [
            'путем частичного присоединения неотбытой части наказания',
            'к назначенному наказанию частично присоединить неотбытую часть наказания',
          ])
        : 'путем полного присоединения неотбытой части наказания'
    } по приговору Ленинского районного суда от 12.03.2021 и окончательно назначить ${pron(d, 'dat')} ${final}${regime}.`;
  }
  features.push('combination-crimes');
  const how = pick(r, [
    ['partial', 'путем частичного сложения назначенных наказаний'],
    ['full', 'путем полного сложения назначенных наказаний'],
    ['absorption', 'путем поглощения менее строгого наказания более строгим'],
  ] as const);
  s.addition = how[0];
  const [c1, c2] = d.charges;
  const firstType = pick(r, ['prison', 'restriction_of_service', 'prison']);
  const first = PUNISHMENTS.find((p) => p.type === firstType)!;
  const h = head.replace('преступления, предусмотренного', 'преступлений, предусмотренных');
  return `${h} и назначить ${pron(d, 'dat')} наказание: по ч. ${c1![1]} ст. ${c1![0]} УК РФ — в виде ${first.gen} на срок ${termPhrase(r, 12)}; по ч. ${c2![1]} ст. ${c2![0]} УК РФ — в виде лишения свободы на срок ${termPhrase(
    r,
    finalMonths - 6,
  )}. На основании ч. ${pick(r, ['2', '3'])} ст. 69 УК РФ по совокупности преступлений ${how[1]} окончательно назначить ${pron(d, 'dat')} ${final}${regime}.`;
}

function header(r: R, court: string, ds: Defendant[], date: string, kind: 'ПРИГОВОР' | 'ПОСТАНОВЛЕНИЕ'): string {
  const official = (i: number) => nameIn(makePerson(r, 900 + i), pick(r, ['gen', 'gen'] as Gram[]), 'initials');
  const gens = ds.map((d) => named(d, 'gen')).join(', ');
  return `${kind}${kind === 'ПРИГОВОР' ? ' ИМЕНЕМ РОССИЙСКОЙ ФЕДЕРАЦИИ' : ''}\n${date} ${court} в составе председательствующего судьи ${official(1)}, при секретаре судебного заседания ${official(
    2,
  )}, с участием государственного обвинителя — помощника военного прокурора ${official(3)}, защитника — адвоката ${official(4)}, рассмотрев в открытом судебном заседании уголовное дело в отношении ${gens}, обвиняемых в совершении преступлений, предусмотренных ${ds
    .map((d) => chargeText(d.charges))
    .join(', ')},\nУСТАНОВИЛ:\n`;
}

function facts(r: R, ds: Defendant[], features: string[]): string {
  let out = ds
    .map(
      (d) =>
        `${named(d, 'nom')}, ${pick(r, ['проходящий военную службу по контракту', 'призванный на военную службу по мобилизации', 'проходящий военную службу по призыву'])}, без уважительных причин не явился в срок на службу.`,
    )
    .join(' ');
  if (r() < 0.35) {
    const p = pick(
      r,
      PUNISHMENTS.filter((q) => q.size === 'term' && q.type !== 'arrest'),
    );
    out += ` Ранее ${named(ds[0]!, 'nom')} судим приговором районного суда по ч. 1 ст. 228 УК РФ к ${p.dat} на срок 3 (три) года с отбыванием наказания в исправительной колонии строгого режима.`;
    features.push('prior-conviction');
  }
  if (r() < 0.35) {
    out += ` Государственный обвинитель просил назначить подсудимому наказание в виде ${pick(r, ['лишения свободы на срок 5 лет', 'штрафа в размере 200 000 рублей', 'принудительных работ на срок 2 года'])}.`;
    features.push('request-recited');
  }
  if (r() < 0.3) {
    out +=
      ' Оснований для применения ст. 64, ст. 73 УК РФ, для назначения наказания в виде штрафа или принудительных работ, а также для изменения категории преступления суд не находит.';
    features.push('reasons-recited');
  }
  return `${out}\n`;
}

const fmtDate = (y: number, m: number, d: number) => `${String(d).padStart(2, '0')}.${String(m).padStart(2, '0')}.${y}`;

export interface LegalRecord {
  json: Record<string, unknown>;
  expected: LegalCase;
}

/** Record i of the corpus (deterministic). */
export function legalRecord(i: number): LegalRecord {
  const r = mulberry32(0x1e9a1 + i * 7919);
  const features: string[] = [];
  // The mix of record kinds: mostly verdicts, then every other outcome.
  const kinds: Array<[string, number]> = [
    ['verdict', 46],
    ['verdict-multi', 16],
    ['acquittal', 3],
    ['terminated', 16],
    ['verdict-no-text', 3],
    ['returned_to_prosecutor', 3],
    ['transferred', 3],
    ['suspended', 2],
    ['postponed', 3],
    ['pending', 2],
    ['appeal', 6],
    ['unknown', 1],
  ];
  const total = kinds.reduce((a, [, w]) => a + w, 0);
  let x = r() * total;
  let kind = kinds[0]![0];
  for (const [k, w] of kinds)
    if ((x -= w) < 0) {
      kind = k;
      break;
    }
  const year = int(r, 2022, 2025);
  const month = int(r, 1, 12);
  const entry = fmtDate(year, month, int(r, 1, 28));
  const resultDate = fmtDate(year + (month > 9 ? 1 : 0), ((month + 2) % 12) + 1, int(r, 1, 28));
  const nDef =
    kind === 'verdict-multi'
      ? int(r, 2, 3)
      : kind === 'terminated' || kind === 'returned_to_prosecutor'
        ? r() < 0.25
          ? 2
          : 1
        : 1;
  const ds: Defendant[] = Array.from({ length: nDef }, (_, k) => {
    const hidden = r() < 0.06;
    const person = hidden ? null : makePerson(r, i * 3 + k);
    const nCharges = r() < 0.05 ? 0 : r() < 0.25 ? 2 : 1;
    const charges: Array<[string, string]> = [];
    while (charges.length < nCharges) {
      const c = pick(r, CHARGES);
      if (!charges.some(([a, p]) => a === c[0] && p === c[1])) charges.push(c);
    }
    return {
      person,
      nameStyle: pick(r, [
        'full',
        'initials',
        'initials',
        'upper-full',
        'upper-initials',
        'spaced-initials',
      ] as NameStyle[]),
      charges,
      sentence: { type: 'none' },
    };
  });
  if (ds.length > 1) features.push('multi-defendant');
  let court = pick(r, COURTS);
  let result = kind.startsWith('verdict') || kind === 'acquittal' ? 'verdict' : kind;
  let text = '';
  if (kind === 'verdict' || kind === 'verdict-multi') {
    const paras = ds.map((d) => convictParagraph(r, d, features));
    let operative = paras.join('\n');
    if (ds.length > 1) {
      const mode = int(r, 0, 5);
      if (mode === 0) {
        // One sentence for all, the names listed together: it applies to each.
        const jointType = pick(r, ['prison', 'disciplinary_unit', 'restriction_of_service']);
        const p = PUNISHMENTS.find((q) => q.type === jointType)!;
        const shared: LegalSentence = { type: p.type };
        const size = sizeOf(r, p, shared);
        const suspended = p.type === 'prison' && r() < 0.5;
        if (suspended) Object.assign(shared, { type: 'suspended', probationMonths: 24 });
        else if (p.type === 'prison') shared.colonyRegime = 'general';
        for (const d of ds) d.sentence = { ...shared };
        const names = ds.map((d) => named(d, 'acc')).join(ds.length === 2 ? ' и ' : ', ');
        operative = `${names} признать виновными в совершении преступлений, предусмотренных ${ds.map((d) => chargeText(d.charges)).join(', ')}, и назначить ${pick(r, ['каждому', 'каждому из них'])} наказание в виде ${p.gen}${size}${
          suspended
            ? '. На основании ст. 73 УК РФ назначенное наказание считать условным с испытательным сроком 2 (два) года'
            : p.type === 'prison'
              ? ' с отбыванием наказания в исправительной колонии общего режима'
              : ''
        }.`;
        features.push('joint-sentence');
      } else if (mode === 1) {
        // The operative part never names them: nothing ties a sentence to a defendant.
        operative = `Признать подсудимых виновными в совершении преступлений, предусмотренных ${ds.map((d) => chargeText(d.charges)).join(', ')}, и назначить наказание в виде лишения свободы на срок 2 (два) года.`;
        for (const d of ds) d.sentence = { type: 'unknown' };
        features.push('untied-sentence');
      } else if (mode === 2) {
        // The case of the last defendant was split off: he is named, but sentenced elsewhere.
        const last = ds[ds.length - 1]!;
        operative = `Уголовное дело в отношении ${named(last, 'gen')} выделено в отдельное производство.\n${paras.slice(0, -1).join('\n')}`;
        last.sentence = { type: 'unknown' };
        features.push('split-off');
      }
    }
    text = `${header(r, court, ds, resultDate, 'ПРИГОВОР')}${facts(r, ds, features)}ПРИГОВОРИЛ:\n${operative}\nМеру пресечения в виде подписки о невыезде и надлежащем поведении до вступления приговора в законную силу оставить без изменения.`;
  } else if (kind === 'acquittal') {
    const d = ds[0]!;
    d.sentence = { type: 'acquitted' };
    features.push('acquittal');
    text = `${header(r, court, ds, resultDate, 'ПРИГОВОР')}${facts(r, ds, features)}ПРИГОВОРИЛ:\n${named(d, 'acc')} признать невиновным в совершении преступления, предусмотренного ${chargeText(d.charges)}, и оправдать ${pick(
      r,
      [
        'на основании п. 2 ч. 1 ст. 302 УПК РФ в связи с отсутствием в деянии состава преступления',
        'на основании п. 1 ч. 1 ст. 24 УПК РФ в связи с отсутствием события преступления',
      ],
    )}. Признать за ${named(d, 'ins')} право на реабилитацию.`;
  } else if (kind === 'terminated') {
    const withText = r() < 0.85;
    const paras: string[] = [];
    for (const d of ds) {
      if (!withText) {
        d.sentence = { type: 'none' };
        continue;
      }
      const stated = r() < 0.9;
      const s: LegalSentence = { type: 'none' };
      d.sentence = s;
      let ground = 'на основании ст. 254 УПК РФ';
      if (stated) {
        const [g, phrases] = pick(r, GROUNDS);
        s.dismissalGround = g;
        ground = pick(r, phrases);
        if (g === 'court_fine') {
          const amount = pick(r, [20000, 30000, 50000]);
          s.fineRoubles = amount;
          ground = ground.replace('{fine}', finePhrase(r, amount));
        }
        features.push(`ground-${g}`);
      }
      paras.push(
        pick(r, [
          `Уголовное дело (уголовное преследование) в отношении ${named(d, 'gen')}, обвиняемого в совершении преступления, предусмотренного ${chargeText(d.charges)}, прекратить ${ground}.`,
          `Прекратить уголовное дело в отношении ${named(d, 'gen')} ${ground}.`,
        ]),
      );
    }
    if (withText)
      text = `${header(r, court, ds, resultDate, 'ПОСТАНОВЛЕНИЕ')}${ds.map((d) => `${named(d, 'nom')} обвиняется в неявке в срок на службу.`).join(' ')}\nПОСТАНОВИЛ:\n${paras.join('\n')}`;
  } else if (kind === 'verdict-no-text') {
    for (const d of ds) d.sentence = { type: 'unknown' };
    features.push('no-text');
  } else if (kind === 'appeal') {
    court = pick(r, APPEAL_COURTS);
    result = pick(r, ['upheld', 'upheld', 'amended', 'quashed']);
    const d = ds[0]!;
    d.sentence = { type: 'none' };
    features.push(`appeal-${result}`);
    const operative =
      result === 'upheld'
        ? 'оставить без изменения, апелляционную жалобу защитника — без удовлетворения'
        : result === 'amended'
          ? 'изменить: исключить из описательно-мотивировочной части указание на отягчающее обстоятельство, смягчить назначенное наказание до 1 (одного) года лишения свободы. В остальном приговор оставить без изменения'
          : 'отменить, уголовное дело передать на новое судебное рассмотрение в тот же суд в ином составе';
    text = `АПЕЛЛЯЦИОННОЕ ОПРЕДЕЛЕНИЕ\n${resultDate} ${court} рассмотрел уголовное дело по апелляционной жалобе защитника на приговор 235 гарнизонного военного суда от ${entry}, которым ${named(d, 'nom')} осужден по ${chargeText(d.charges)} к лишению свободы на срок 2 (два) года с отбыванием наказания в колонии-поселении.\nОПРЕДЕЛИЛ:\nприговор в отношении ${named(d, 'gen')} ${operative}.`;
  } else {
    for (const d of ds) d.sentence = { type: 'none' };
    if (kind === 'returned_to_prosecutor' && r() < 0.6)
      text = `ПОСТАНОВЛЕНИЕ\n${resultDate} ${court} ... ПОСТАНОВИЛ:\nуголовное дело в отношении ${ds.map((d) => named(d, 'gen')).join(' и ')} возвратить военному прокурору для устранения препятствий его рассмотрения судом.`;
    if (kind === 'suspended' && r() < 0.6)
      text = `ПОСТАНОВЛЕНИЕ\n${resultDate} ${court} ... ПОСТАНОВИЛ:\nпроизводство по уголовному делу в отношении ${named(ds[0]!, 'gen')} приостановить в связи с заключением подсудимым контракта о прохождении военной службы.`;
  }
  // Missing fields: sometimes the site leaves the names field empty (one unnamed defendant, articles unknown).
  let names = namesField(r, ds, features);
  if (r() < 0.02 && ds.length === 1) {
    names = '';
    ds[0]!.person = null;
    ds[0]!.charges = [];
    features.push('no-names-field');
  }
  const decision = pick(r, DECISIONS[result === 'verdict' ? 'verdict' : result]!);
  const json: Record<string, unknown> = {
    id: 5000 + i,
    region: pick(r, [54, 23, 39, 75, 77, 50]),
    name: court,
    caseNumber: `1-${200 + i}/${year}`,
    entryDate: entry,
    names,
    judge: '',
    resultDate: result === 'pending' ? '' : resultDate,
    decision,
    endDate: '',
    text,
  };
  if (r() < 0.1) delete json.judge;
  const expected: LegalCase = {
    line: i + 1,
    result,
    defendants: ds.map((d) => ({
      name: d.person ? nameIn(d.person, 'nom', d.nameStyle) : '',
      charges: d.charges.length
        ? d.charges.map(([article, part]) => ({ article, part }))
        : [{ article: 'unknown', part: '' }],
      sentence: d.sentence,
    })),
    features: [...new Set(features)],
  };
  return { json, expected };
}
