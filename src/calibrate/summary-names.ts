import { isIsoDate } from '../domain/index.ts';
import { FLOW_NAMES, STOCK_NAMES } from '../sim/index.ts';

const isFlow = (n: string) => (FLOW_NAMES as readonly string[]).includes(n);
const isStock = (n: string) => (STOCK_NAMES as readonly string[]).includes(n);

/** Why a summary statistic name is unusable for a run from start to end, or null if it is fine. */
export function summaryNameProblem(name: string, start: string, end: string): string | null {
  const [kind, ...a] = name.split(':');
  const dates = (ds: string[]) => {
    for (const d of ds) {
      if (!isIsoDate(d)) return `"${d}" is not a date`;
      if (d < start || d > end) return `date ${d} is outside the run ${start} to ${end}`;
    }
    return null;
  };
  switch (kind) {
    case 'flow':
      if (a.length !== 3) return 'flow:<name>:<from>:<to>';
      if (!isFlow(a[0]!)) return `unknown flow "${a[0]}" (known: ${FLOW_NAMES.join(', ')})`;
      return dates(a.slice(1).map((d) => (d < start ? start : d)));
    case 'stock':
      if (a.length !== 2) return 'stock:<name>:<date>';
      if (!isStock(a[0]!)) return `unknown stock "${a[0]}" (known: ${STOCK_NAMES.join(', ')})`;
      return dates([a[1]!]);
    case 'share':
      if (a.length !== 4) return 'share:<flowA>:<flowB>:<from>:<to>';
      if (!isFlow(a[0]!) || !isFlow(a[1]!)) return `unknown flow in "${name}"`;
      return dates(a.slice(2));
    case 'unitListInCourt':
    case 'unitListWanted':
      if (a.length !== 1) return `${kind}:<date>`;
      return dates(a);
    default:
      return `unknown statistic "${name}" (use flow:, stock:, share:, unitListInCourt: or unitListWanted:)`;
  }
}
