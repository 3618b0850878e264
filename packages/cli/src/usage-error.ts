/** The error of a bad command line: a `ConfigError` that also names the command it concerns. */
import { ConfigError } from '@convkit/core';

/**
 * A command line convkit cannot run: an unknown command or flag, a missing,
 * repeated or out-of-range value, a stray argument. It is a `ConfigError`
 * (code `'CONFIG'`), so `runCli` prints it as one line and exits with 2.
 */
export class UsageError extends ConfigError {
  /** The subcommand the error concerns, when known (its `--help` lists the accepted flags). */
  readonly command: string | undefined;

  /**
   * @param message - What is wrong with the command line.
   * @param command - The subcommand concerned, when known.
   */
  constructor(message: string, command?: string) {
    super(message);
    this.command = command;
  }
}

/** Whether code point `c` would break the line or hide in a terminal: controls, line separators, lone surrogates. */
function isUnsafe(c: number): boolean {
  return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c === 0x2028 || c === 0x2029 || (c >= 0xd800 && c <= 0xdfff);
}

const ESCAPES: Record<string, string> = { '"': '\\"', '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function quote(text: string): string {
  let out = '';
  for (const ch of text) {
    const c = ch.codePointAt(0) as number;
    out += ESCAPES[ch] ?? (isUnsafe(c) ? `\\u${c.toString(16).padStart(4, '0')}` : ch);
  }
  return `"${out}"`;
}

/**
 * Shows a user-given value inside an error message: as is when it is plain
 * (`-1`, `cifar`); quoted, with control characters, line separators and lone
 * surrogates escaped, when it is empty or has blanks, quotes or such
 * characters; cut after 40 characters. The message stays one readable line
 * whatever was typed.
 */
export function showValue(raw: string): string {
  const cut = raw.length > 40 ? `${raw.slice(0, 40)}…` : raw;
  for (const ch of cut) {
    if (/[\s"'`\\]/.test(ch) || isUnsafe(ch.codePointAt(0) as number)) return quote(cut);
  }
  return cut === '' ? '""' : cut;
}
