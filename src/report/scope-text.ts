/**
 * Scope codes of the dataset ("since_mobilisation;region:Moscow obl.") in words a reader knows
 * ("since mobilisation, Moscow region"). Unknown codes fall back to their words without underscores.
 */
const WORDS: Record<string, string> = {
  since_mobilisation: 'since mobilisation (21 Sep 2022)',
  since_invasion: 'since the invasion (24 Feb 2022)',
  since_launch: 'since the programme began',
  calendar_year: 'calendar year',
  half_year: 'half year',
  year_to_date: 'year to date',
  month: 'one month',
  quarter: 'three months',
  two_months: 'two months',
  national: 'whole country',
  period_not_stated: 'period not stated',
  offence_after_mobilisation: 'offences after mobilisation',
  garrison_courts: 'garrison courts',
};

const KEYS: Record<string, (v: string) => string> = {
  region: (v) => (v === 'abroad' ? 'courts abroad' : v.replace(/ obl\.$/, ' region').replace(/\+/g, ' and ')),
  unit: (v) => `unit ${v}`,
  category: (v) => `${v.replace(/_/g, ' ')} soldiers`,
  court: (v) => `${v} court`,
  part: (v) => `part ${v}`,
  country: (v) => ({ UA: 'Ukraine', US: 'United States' })[v] ?? v,
  chapter: (v) => `chapter ${v}`,
  district: (v) => v.replace(/ MD$/, ' military district'),
  linked: (v) => `linked to ${v.replace(/_/g, ' ')}`,
};

export function scopeText(scope: string): string {
  return scope
    .split(';')
    .map((part) => {
      const t = part.trim();
      if (WORDS[t]) return WORDS[t];
      const m = /^([a-z]+):(.+)$/.exec(t);
      const fmt = m ? KEYS[m[1]!] : undefined;
      if (m && fmt) return fmt(m[2]!);
      return t.replace(/_/g, ' ');
    })
    .join(', ');
}
