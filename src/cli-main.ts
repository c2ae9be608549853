import { runCli } from './cli.js';

/**
 * Entry point of `npx vigie`: the CLI with the real process around it. No top-level await: it is
 * bundled as CommonJS (dist/cli.cjs), like the server.
 */
void runCli(process.argv.slice(2), {
  env: process.env,
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
}).then((code) => {
  process.exitCode = code;
});
