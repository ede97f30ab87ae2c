/** Colours shared by every chart, so a topic or source looks the same in the page and in exports. */
export const TOPIC_COLOURS = {
  court: '#1f5fa8',
  ngo: '#d2691e',
  surrender: '#2e8b57',
  leak: '#8b3a8b',
  force: '#555555',
  historical: '#8c6d31',
  comparator: '#7f7f7f',
  derived: '#b22222',
} satisfies Record<string, string>;

/** Any topic by name (series topics are free text): grey for one without its own colour. */
const BY_TOPIC: Readonly<Record<string, string>> = TOPIC_COLOURS;
export const topicColour = (topic: string): string => BY_TOPIC[topic] ?? '#555555';

export const PALETTE = [
  '#1f5fa8',
  '#d2691e',
  '#2e8b57',
  '#8b3a8b',
  '#b22222',
  '#17becf',
  '#8c6d31',
  '#e377c2',
  '#555555',
  '#bcbd22',
];

/** Marker by qualifier: exact figures are circles, "about" diamonds, "more than" triangles up, "less than" down. */
export function qualifierSymbol(q: string | undefined): { symbol: string; symbolRotate?: number } {
  if (q === '~') return { symbol: 'diamond' };
  if (q === '>' || q === '>=') return { symbol: 'triangle' };
  if (q === '<' || q === '<=') return { symbol: 'triangle', symbolRotate: 180 };
  return { symbol: 'circle' };
}

export const CONFLICT_BORDER = '#d62728';
