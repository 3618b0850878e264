/**
 * Splits a command line into flags and positional arguments. Unlike
 * `node:util`'s `parseArgs`, a value may start with `-` (`--seed -1`,
 * `--lr -0.5` reaches the range check and gets a message naming the flag),
 * and nothing is decided here that needs the subcommand: `args.ts` checks the
 * tokens in order once it knows which subcommand they are for.
 */
import { FLAGS, type FlagName, findFlag, isSwitch } from './flags';
import { showValue, UsageError } from './usage-error';
import type { ValueKind } from './value-kinds';

/** One piece of the command line, in the order given. */
export type Token =
  /** `--name value`, `--name=value` or a switch (`value` undefined). `text` is what was typed, for messages. */
  | { type: 'flag'; name: FlagName; value: string | undefined; text: string }
  /** A word that is not a flag or a flag's value: the subcommand, or a stray argument. */
  | { type: 'positional'; value: string; afterSwitch?: FlagName }
  /** `--something` or `-x` that no subcommand accepts; `name` without dashes. */
  | { type: 'unknown'; name: string; text: string }
  /** A flag used wrongly whatever the subcommand: a missing value, a value given to a switch. */
  | { type: 'invalid'; name: FlagName; error: UsageError };

/** Whether `word` looks like a flag rather than a value (`--x`, `-h`), so it is not taken as the previous flag's value. */
function looksLikeFlag(word: string): boolean {
  return word.startsWith('--') || (word.length === 2 && word[0] === '-' && findFlag(word[1], true) !== undefined);
}

function missingValue(name: FlagName): UsageError {
  const kind = FLAGS[name].kind as ValueKind<unknown>;
  return new UsageError(
    `--${name} needs a value (${kind.accepts}): --${name} ${kind.placeholder}, or --${name}=VALUE for a value starting with --`,
  );
}

/** Splits `argv` into tokens. Never throws: problems become `invalid`/`unknown` tokens, reported by `args.ts`. */
export function tokenize(argv: readonly string[]): Token[] {
  const tokens: Token[] = [];
  let afterSwitch: FlagName | undefined;
  for (let i = 0; i < argv.length; i++) {
    const word = String(argv[i]);
    const previousSwitch = afterSwitch;
    afterSwitch = undefined;
    if (word === '--') {
      for (const rest of argv.slice(i + 1)) tokens.push({ type: 'positional', value: String(rest) });
      break;
    }
    if (word.startsWith('--')) {
      const eq = word.indexOf('=');
      const text = eq < 0 ? word : word.slice(0, eq);
      const name = findFlag(text.slice(2));
      if (name === undefined) {
        tokens.push({ type: 'unknown', name: text.slice(2), text });
      } else if (isSwitch(name)) {
        if (eq >= 0) {
          tokens.push({
            type: 'invalid',
            name,
            error: new UsageError(`--${name} is a switch and takes no value, got ${showValue(word)}`),
          });
        } else {
          tokens.push({ type: 'flag', name, value: undefined, text });
          afterSwitch = name;
        }
      } else if (eq >= 0) {
        tokens.push({ type: 'flag', name, value: word.slice(eq + 1), text });
      } else if (i + 1 < argv.length && !looksLikeFlag(String(argv[i + 1]))) {
        tokens.push({ type: 'flag', name, value: String(argv[++i]), text });
      } else {
        tokens.push({ type: 'invalid', name, error: missingValue(name) });
      }
      continue;
    }
    if (word.length > 1 && word[0] === '-' && !/^-[\d.]/.test(word)) {
      const name = findFlag(word.slice(1), true);
      if (name === undefined) tokens.push({ type: 'unknown', name: word.slice(1), text: word });
      else tokens.push({ type: 'flag', name, value: undefined, text: word });
      continue;
    }
    tokens.push({ type: 'positional', value: word, afterSwitch: previousSwitch });
  }
  return tokens;
}
