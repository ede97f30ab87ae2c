import { Command, CommanderError } from 'commander';
import { BadInputError } from '../domain/errors.ts';
import { commands } from './commands.ts';

/** Exit codes: 0 ok, 1 failure, 2 bad input (including bad flags). */
export const EXIT = { ok: 0, failure: 1, badInput: 2 } as const;

export function buildProgram(): Command {
  const program = new Command('darkfigure')
    .description('darkfigure: estimate the hidden part of military desertion from public fragments')
    .version('0.1.0')
    .showHelpAfterError()
    .exitOverride();
  for (const register of commands) register(program);
  // Sub-commands must also throw instead of exiting, so main() can choose the exit code.
  const override = (c: Command) => {
    c.exitOverride();
    c.commands.forEach(override);
  };
  override(program);
  return program;
}

export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT.ok;
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') return EXIT.ok;
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
