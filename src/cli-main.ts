import { runCli } from './cli.js';

/** Entry point of `npx vigie`: the CLI with the real process around it. */
const code = await runCli(process.argv.slice(2), {
  env: process.env,
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
});
process.exitCode = code;
