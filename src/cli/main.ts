import { Command, CommanderError } from 'commander';
import { BadInputError } from '../domain/errors.ts';
import { commands } from './commands.ts';

/** Exit codes: 0 ok, 1 failure, 2 bad input (including bad flags). */
export const EXIT = { ok: 0, failure: 1, badInput: 2 } as const;

type Register = (program: Command) => void;

/**
 * The program with the given commands' modules registered in full; every other command is listed by
 * name and summary only (enough for `darkfigure --help`), so no module is loaded for it.
 */
export function buildProgram(loaded: ReadonlyMap<string, Register> = new Map()): Command {
  const program = new Command('darkfigure')
    .description('darkfigure: estimate the hidden part of military desertion from public fragments')
    .version('0.1.0')
    .showHelpAfterError()
    .exitOverride();
  for (const c of commands) {
    const register = loaded.get(c.name);
    if (register) register(program);
    else program.command(c.name).description(c.summary);
  }
  // Sub-commands must also throw instead of exiting, so main() can choose the exit code.
  const override = (c: Command) => {
    c.exitOverride();
    c.commands.forEach(override);
  };
  override(program);
  return program;
}

/** Load the modules of the named commands (all of them by default). */
export async function loadCommands(names?: readonly string[]): Promise<Map<string, Register>> {
  const wanted = commands.filter((c) => !names || names.includes(c.name));
  return new Map(await Promise.all(wanted.map(async (c) => [c.name, (await c.load()).register] as const)));
}

/** The command an argument vector runs: its first word (`help X` asks about X). */
export function invokedCommand(argv: readonly string[]): string | undefined {
  const words = argv.slice(2).filter((a) => !a.startsWith('-'));
  return words[0] === 'help' ? words[1] : words[0];
}

export async function main(argv: string[]): Promise<number> {
  try {
    const name = invokedCommand(argv);
    const program = buildProgram(await loadCommands(commands.some((c) => c.name === name) ? [name!] : []));
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT.ok;
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help')
        return EXIT.ok;
      return EXIT.badInput;
    }
    if (err instanceof BadInputError) {
      process.stderr.write(`darkfigure: bad input\n${err.message}\n`);
      return EXIT.badInput;
    }
    process.stderr.write(`darkfigure: ${err instanceof Error ? err.message : String(err)}\n`);
    if (process.env.DARKFIGURE_DEBUG && err instanceof Error) process.stderr.write(`${err.stack}\n`);
    return EXIT.failure;
  }
}
