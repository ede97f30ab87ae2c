import type { Command } from 'commander';

// One file per command; each exports a register(program) function listed here.
export const commands: Array<(program: Command) => void> = [];
