// Checks behind the latent-class coverage figures (is a shortfall a sampler defect or the model's assumptions?):
//   npx tsx bench/mse-lcmcr-checks.ts [--worlds 40] [--seed 2026]
// 1. Worlds drawn from the LCMCR model itself (two latent classes, 5 independent lists): coverage should be ≈ 95%.
// 2. Noise-free tables of the coverage study's logit-normal worlds (expected counts): an interval that misses N here
//    misses it for want of identification, not for sampling noise or a sampler defect.
// 3. How much of each logit-normal world is nearly invisible (P(on no list) > 0.9).
import { estimateLcmcr } from '../src/mse/lcmcr.ts';
import { coverageWorld, simulateWorld, type WorldFamily } from '../src/mse/simulate-world.ts';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}
const worlds = arg('worlds', 40);
const seed = arg('seed', 2026);
const logit = (p: number) => Math.log(p / (1 - p));
const expit = (x: number) => 1 / (1 + Math.exp(-x));

// 1. Correctly specified worlds.
let covered = 0;
let above = 0;
for (let i = 0, done = 0; done < worlds; i++) {
  const spec = coverageWorld(777, i);
  const h = spec.heterogeneity;
  if (h.type !== 'classes') continue;
  spec.lists = 5;
  spec.dependence = [];
  for (const c of h.classes) while (c.capture.length < 5) c.capture.push(c.capture[0]!);
  const w = simulateWorld(spec);
  const r = estimateLcmcr(w.table, { seed: i + 1 });
  done++;
  if (r.interval[0] <= w.N && w.N <= r.interval[1]) covered++;
  else if (w.N > r.interval[1]) above++;
}
console.log(
  `LCMCR on ${worlds} worlds drawn from its own model (2 classes, 5 independent lists): coverage ${covered}/${worlds} = ${((100 * covered) / worlds).toFixed(1)}% (reference 95%, ratio ${(covered / worlds / 0.95).toFixed(3)}); misses with N above the interval ${above}, below ${worlds - covered - above}`,
);

// 2 and 3. Logit-normal worlds of the coverage study, without sampling noise.
console.log('\nlogit-normal worlds (standard family): expected table → LCMCR; share of people with P(unseen) > 0.9');
console.log('world  lists  sigma  N      E[observed]  lcmcr [95%]          covers  nearly invisible');
for (const family of ['standard', 'hard'] as WorldFamily[]) {
  let count = 0;
  const invisible: number[] = [];
  for (let i = 0; i < 200; i++) {
    const spec = coverageWorld(seed, i, family);
    const h = spec.heterogeneity;
    if (h.type !== 'logit-normal') continue;
    const J = spec.lists;
    const P = new Float64Array(1 << J);
    let tail = 0;
    const du = 0.01;
    for (let u = -8; u <= 8; u += du) {
      const phi = (Math.exp((-u * u) / 2) / Math.sqrt(2 * Math.PI)) * du;
      const p = h.base.map((b) => expit(logit(b) + h.sigma * u));
      for (let c = 0; c < 1 << J; c++) {
        let q = phi;
        for (let j = 0; j < J; j++) q *= (c >> j) & 1 ? p[j]! : 1 - p[j]!;
        P[c]! += q;
      }
      if (p.reduce((s, x) => s * (1 - x), 1) > 0.9) tail += phi;
    }
    invisible.push(tail);
    // Dependence is left out: these tables isolate the heterogeneity.
    if (family !== 'standard' || J < 4 || count >= 8) continue;
    count++;
    const counts = Float64Array.from(P, (x) => Math.round(x * spec.N));
    counts[0] = 0;
    const r = estimateLcmcr({ lists: Array.from({ length: J }, (_, j) => `list${j + 1}`), counts }, { seed: 1 });
    const ok = r.interval[0] <= spec.N && spec.N <= r.interval[1];
    console.log(
      [
        String(i).padEnd(5),
        String(J).padEnd(5),
        h.sigma.toFixed(2).padEnd(5),
        String(spec.N).padEnd(5),
        String(counts.reduce((a, b) => a + b, 0)).padEnd(11),
        `${Math.round(r.estimate)} [${Math.round(r.interval[0])}, ${Math.round(r.interval[1])}]`.padEnd(19),
        (ok ? 'yes' : 'no').padEnd(6),
        `${(100 * tail).toFixed(2)}%`,
      ].join('  '),
    );
  }
  invisible.sort((a, b) => a - b);
  console.log(
    `${family}: share of the population with P(on no list) > 0.9 over ${invisible.length} logit-normal worlds: median ${(100 * invisible[invisible.length >> 1]!).toFixed(2)}%, max ${(100 * invisible[invisible.length - 1]!).toFixed(2)}%`,
  );
}
