// Writes a court list (the simulation's, or any list of cases) as SUDRFScraper JSON Lines records, so
// that a modelled world goes through exactly the reader and classifier real scrapes go through.

/** One case of a court list: dates ISO, article and part as the code numbers them. */
export interface CourtListEntry {
  personId: number;
  unit: number;
  received: string;
  verdict: string | null;
  article: string;
  part: string;
  sentence: 'suspended' | 'prison' | 'restriction_of_service' | null;
  category?: string;
}

const SYLLABLES = [
  'ба',
  'ве',
  'ги',
  'до',
  'жу',
  'за',
  'ки',
  'ло',
  'му',
  'ны',
  'по',
  'ру',
  'са',
  'ти',
  'фу',
  'хо',
  'це',
  'чи',
  'ша',
  'ю',
];

/** A made-up surname that encodes the person id (base 20 in syllables): no real name, stable per person. */
export function syntheticSurname(id: number): string {
  let n = id;
  let s = '';
  do {
    s = SYLLABLES[n % 20] + s;
    n = Math.floor(n / 20);
  } while (n > 0);
  return `${s[0]!.toUpperCase()}${s.slice(1)}нов`; // the loop runs at least once, so s is non-empty
}

const dmy = (iso: string) => `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;

const CATEGORY_PHRASE: Record<string, string> = {
  mobilised: 'призванный на военную службу по мобилизации',
  prewarContract: 'проходящий военную службу по контракту',
  wartimeContract: 'проходящий военную службу по контракту',
  exPrisoner:
    'освобожденный от отбывания наказания в связи с заключением контракта для участия в специальной военной операции',
};

const SENTENCE_PHRASE: Record<string, string> = {
  suspended:
    'в виде лишения свободы на срок 2 (два) года. На основании ст. 73 УК РФ назначенное наказание считать условным с испытательным сроком 1 (один) год.',
  prison: 'в виде лишения свободы на срок 5 (пять) лет с отбыванием наказания в колонии-поселении.',
  restriction_of_service:
    'в виде ограничения по военной службе на срок 6 (шесть) месяцев с удержанием в доход государства 10 % из денежного довольствия.',
};

/** The list as SUDRFScraper dump objects (one per case), garrison courts assigned by unit. */
export function toSudrfRecords(
  entries: CourtListEntry[],
  opts: { courts?: number } = {},
): Array<Record<string, unknown>> {
  const courts = opts.courts ?? 20;
  return entries.map((e, i) => {
    const name = `${syntheticSurname(e.personId)} А.А.`;
    const decided = e.verdict !== null;
    const text =
      decided && e.sentence
        ? `ПРИГОВОР\nрассмотрев уголовное дело в отношении ${name}, ${CATEGORY_PHRASE[e.category ?? ''] ?? 'военнослужащего'}, ПРИГОВОРИЛ: признать виновным и назначить наказание ${SENTENCE_PHRASE[e.sentence]}`
        : '';
    return {
      id: i + 1,
      region: 1 + (e.unit % courts),
      name: `${201 + (e.unit % courts)} гарнизонный военный суд`,
      caseNumber: `1-${i + 1}/${e.received.slice(0, 4)}`,
      entryDate: dmy(e.received),
      names: `${name} - ст. ${e.article} ч. ${e.part}`,
      judge: '',
      resultDate: decided ? dmy(e.verdict!) : '',
      decision: decided ? 'Вынесен ПРИГОВОР' : '',
      endDate: '',
      text,
    };
  });
}
