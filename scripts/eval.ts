import { runEvalCli } from '../src/eval/cli.js';

/** `npm run eval -- [CORPUS_DIR] [--csv FILE] …`: see src/eval/args.ts for the options. */
process.exitCode = runEvalCli(process.argv.slice(2), {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
});
