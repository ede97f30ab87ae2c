import type { Command } from 'commander';
import { register as calibrateCommand } from './calibrate.ts';
import { register as court } from './court.ts';
import { register as dedupe } from './dedupe.ts';
import { register as encode } from './encode.ts';
import { register as link } from './link.ts';
import { register as importCommand } from './import.ts';
import { register as mse } from './mse.ts';
import { register as nowcast } from './nowcast.ts';
import { register as report } from './report.ts';
import { register as serve } from './serve.ts';
import { register as series } from './series.ts';
import { register as worker } from './worker.ts';
import { register as simulate } from './simulate.ts';
import { register as scenarios } from './scenarios.ts';

// One file per command; each exports a register(program) function listed here.
export const commands: Array<(program: Command) => void> = [
  series,
  importCommand,
  court,
  nowcast,
  mse,
  encode,
  link,
  dedupe,
  serve,
  report,
  worker,
  calibrateCommand,
  simulate,
  scenarios,
];
