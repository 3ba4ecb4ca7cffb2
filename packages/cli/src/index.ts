/*
 * Entry point of the `infra-specs` command (bin/infra-specs loads this file).
 */
import { runCli } from './cli';
import { processIo } from './lib/io';

runCli(process.argv.slice(2), processIo()).then(
  code => {
    // exitCode rather than exit(): lets stdout finish writing when it is a pipe.
    process.exitCode = code;
  },
  error => {
    process.stderr.write(`infra-specs: ${error?.stack ?? error}\n`);
    process.exitCode = 3;
  },
);
