/*
 * Command line wiring only: options, help texts and exit codes. The commands live in ./commands.
 */
import {
  Command,
  CommanderError,
  InvalidArgumentError,
  Option,
} from 'commander';
import {
  SPEC_SHORT_FORMAT_NAMES,
  SPEC_SHORT_FORMATS,
} from '@infra-specs/backstage-plugin-infra-specs-common';
import { runLint } from './commands/lint';
import { runNew, type NewOptions } from './commands/new';
import { runParse } from './commands/parse';
import {
  DEFAULT_MAX_EVIDENCE_BYTES,
  parseDriftAmount,
  parseDriftShare,
  parseMaxEvidenceBytes,
  type EvidenceCliOptions,
} from './lib/evidenceOptions';
import { EXIT, UsageError, type CliIo } from './lib/io';
import { SETTABLE_KEYS } from './lib/values';
import { version } from '../package.json';

const collect = (value: string, previous: string[] = []) => [
  ...previous,
  value,
];

function wholeNumber(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n)) {
    throw new InvalidArgumentError('expected a whole number of 0 or more.');
  }
  return n;
}

/** The evidence options, shared by parse and lint. */
function withEvidenceOptions(command: Command): Command {
  return command
    .option(
      '--no-evidence',
      'do not read the Infracost estimate and plan JSON files specs link (or have beside spec.md)',
    )
    .option(
      '--evidence-root <dir>',
      "evidence files are read only inside this folder, symbolic links resolved (default: the spec's git root, else the working folder)",
    )
    .addOption(
      new Option(
        '--max-evidence-bytes <n>',
        `larger evidence files are refused (default: ${DEFAULT_MAX_EVIDENCE_BYTES}, 10 MiB)`,
      ).argParser(parseMaxEvidenceBytes),
    )
    .addOption(
      new Option(
        '--drift-share <share>',
        'cost drift when the estimate differs from the claim by more than this share of it, 0-1 or a percentage (default: 0.2)',
      ).argParser(parseDriftShare),
    )
    .addOption(
      new Option(
        '--drift-amount <amount>',
        "... and by more than this amount in the spec's currency (default: 50); both must be exceeded",
      ).argParser(parseDriftAmount),
    );
}

const EVIDENCE_HELP = [
  '',
  'Evidence: a spec links an Infracost JSON and a plan JSON (front matter costEstimate: / plan:, or',
  '**Cost Estimate**: / **Plan**: lines), or has infracost.json / plan.json beside its spec.md. They',
  'are read from disk (never from URLs) and checked: cost-drift and plan-contradicts-impact',
  'warnings, cost-unverified info, invalid-estimate / invalid-plan errors.',
].join('\n');

function buildProgram(io: CliIo, setExitCode: (code: number) => void): Command {
  const program = new Command('infra-specs')
    .description(
      'Parse, lint and create infrastructure specs (infrastructure-change, infrastructure-feature, smaqit-infrastructure).',
    )
    .version(version, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .helpCommand('help [command]', 'show help for a command')
    .exitOverride()
    .showSuggestionAfterError(true)
    .configureOutput({
      writeOut: text => io.stdout(text),
      writeErr: text => io.stderr(text),
    });

  const parse = program
    .command('parse')
    .description(
      'Print the normalized document of each file (the same JSON the backend stores).',
    )
    .argument('<files...>', 'markdown files')
    .option(
      '--json',
      'print a JSON array of documents, one per file, in argument order',
    );
  withEvidenceOptions(parse)
    .addHelpText(
      'after',
      `${EVIDENCE_HELP}\nWith --json each document carries cost.estimate, cost.drift and plan.\n\nExit codes: 0 read (evidence problems are diagnostics in the document), 1 a spec file could not be read, 2 bad arguments.`,
    )
    .action(
      async (
        files: string[],
        options: { json?: boolean } & EvidenceCliOptions,
      ) => {
        setExitCode(await runParse(files, options, io));
      },
    );

  const lint = program
    .command('lint')
    .description(
      'Check the specs under files or folders (folders are searched for *.md, skipping node_modules and .git).',
    )
    .argument('<paths...>', 'files or folders')
    .addOption(
      new Option('--format <format>', 'output format')
        .choices(['text', 'json'])
        .default('text'),
    )
    .addOption(
      new Option(
        '--max-warnings <n>',
        'fail when there are more warnings than this',
      ).argParser(wholeNumber),
    );
  withEvidenceOptions(lint)
    .addHelpText(
      'after',
      `\nText output: path:line:col: severity code message, then a summary line.\n${EVIDENCE_HELP}\nIn CI, --max-warnings 0 fails a spec whose cost drifts from its estimate.\n\nExit codes: 0 no errors, 1 errors (an unreadable or invalid evidence file is one) or more warnings than --max-warnings, 2 bad arguments.`,
    )
    .action(
      async (
        paths: string[],
        options: {
          format: 'text' | 'json';
          maxWarnings?: number;
        } & EvidenceCliOptions,
      ) => {
        setExitCode(await runLint(paths, options, io));
      },
    );

  program
    .command('new')
    .description('Write a new spec from the template of a format.')
    .addOption(
      new Option('--format <format>', 'spec format')
        .choices(SPEC_SHORT_FORMAT_NAMES)
        .makeOptionMandatory(),
    )
    .requiredOption('--title <title>', 'title of the spec')
    .option(
      '--id <id>',
      'id (default: the next SPEC-NNNN / FEAT-NNN in --dir, or INF-<CONCEPT> from the title)',
    )
    .option(
      '--out <file>',
      'file to write (parent folders are created); default: print to stdout',
    )
    .option(
      '--dir <folder>',
      'folder searched for ids already taken (default: the folder of --out, else the working folder)',
    )
    .option(
      '--set <key=value>',
      `fill a template value; repeatable. Keys: ${SETTABLE_KEYS.join(', ')}`,
      collect,
    )
    .option(
      '--cost-item <resource:amount[:notes]>',
      'add a Cost Impact row; repeatable',
      collect,
    )
    .option('--force', 'overwrite --out when it exists')
    .addHelpText(
      'after',
      [
        '',
        `Formats: ${SPEC_SHORT_FORMAT_NAMES.map(
          name => `${name} = ${SPEC_SHORT_FORMATS[name].format}`,
        ).join(', ')}.`,
        'Defaults: status draft, created and updated today. Values not given keep the template placeholders.',
        '',
        // (no trailing colon: the CLI API report reads lines ending in ':' as help sections)
        'Example, a change spec with two cost items',
        '  infra-specs new --format change --title "NAT gateway per AZ" --out docs/specs/nat-per-az.md \\',
        '    --set author="Jane Doe" --set blastRadius=high --set rollback=easy --set downtime=none \\',
        '    --cost-item "NAT Gateway:65.70:Two more gateways" --cost-item "Elastic IP:7.30"',
        '',
        'Exit codes: 0 written, 2 bad arguments or values, or the file exists (without --force).',
      ].join('\n'),
    )
    .action(async (options: NewOptions) => {
      setExitCode(await runNew(options, io));
    });

  return program;
}

/** Runs the command line `argv` (without node and script) and returns the exit code. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  let exitCode: number = EXIT.ok;
  const program = buildProgram(io, code => {
    exitCode = code;
  });
  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander has already printed the message or the help.
      if (
        error.code === 'commander.helpDisplayed' ||
        error.code === 'commander.version'
      ) {
        return EXIT.ok;
      }
      return EXIT.usage;
    }
    if (error instanceof UsageError) {
      io.stderr(`error: ${error.message}\n`);
      return EXIT.usage;
    }
    io.stderr(
      `infra-specs: unexpected error (please report it): ${
        (error as Error)?.stack ?? error
      }\n`,
    );
    return EXIT.internal;
  }
}
