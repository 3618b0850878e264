#!/usr/bin/env node
import { runCli } from './cli';
import { reportFailure, wantsDebug } from './failure';

const argv = process.argv.slice(2);
const fail = (err: unknown): void => {
  process.exitCode = reportFailure(err, console.error, wantsDebug(argv));
};
// runCli reports its own failures; these catch what escapes it (an error in a
// timer or a forgotten promise), so that no stack trace reaches the user without --debug.
process.on('uncaughtException', fail);
process.on('unhandledRejection', fail);
runCli(argv).then((code) => {
  process.exitCode = code;
}, fail);
