import type { Command } from 'commander';
import { register as importCommand } from './import.ts';
import { register as serve } from './serve.ts';
import { register as series } from './series.ts';
import { register as worker } from './worker.ts';

// One file per command; each exports a register(program) function listed here.
export const commands: Array<(program: Command) => void> = [
  series,
  importCommand,
  serve,
  worker,
];
