// The one reader of secret files for every command that takes a secret (encode, import court's
// --secret-file and --linkage-secret-file): same trimming, same length floor, same warning.
import { readFileSync, statSync } from 'node:fs';
import { BadInputError } from '../domain/errors.ts';
import { secretProblem } from '../linkage/encoding.ts';

/**
 * A secret is the file's bytes, less one trailing newline (as `echo secret > F` leaves). Refused when
 * shorter than 16 bytes; a file others may read (mode & 0o077) draws a warning on stderr. Nothing of the
 * secret is ever echoed.
 */
export function readSecretFile(
  file: string,
  field = '--secret-file',
  warn: (line: string) => void = (l) => process.stderr.write(l),
): Uint8Array {
  let buf: Buffer;
  let mode: number;
  try {
    buf = readFileSync(file);
    mode = statSync(file).mode;
  } catch (e) {
    throw new BadInputError([
      {
        file,
        line: 0,
        field,
        message: `cannot read the secret file: ${(e as NodeJS.ErrnoException).code ?? 'unreadable'}`,
      },
    ]);
  }
  let end = buf.length;
  if (end > 0 && buf[end - 1] === 0x0a) end--;
  if (end > 0 && buf[end - 1] === 0x0d) end--;
  const secret = new Uint8Array(buf.subarray(0, end));
  const problem = secretProblem(secret);
  if (problem) throw new BadInputError([{ file, line: 0, field, message: problem }]);
  if (process.platform !== 'win32' && (mode & 0o077) !== 0)
    warn(
      `darkfigure: warning: ${file} can be read by other users (mode ${(mode & 0o777).toString(8).padStart(3, '0')}); chmod 600 it\n`,
    );
  return secret;
}
