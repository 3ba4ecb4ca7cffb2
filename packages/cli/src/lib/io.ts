/** Where a command writes and what it takes from its environment; tests pass their own. */
export interface CliIo {
  /** Folder that relative paths are resolved against. */
  cwd: string;
  stdout(text: string): void;
  stderr(text: string): void;
  /** The current time, for default dates. */
  now(): Date;
}

/** Bad input from the command line (exit code 2): the message is shown as is, on one line. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Exit codes of every command. */
export const EXIT = {
  ok: 0,
  /** lint found errors (or too many warnings); parse met an unreadable file */
  problems: 1,
  /** bad arguments, invalid values, refusing to overwrite */
  usage: 2,
  /** a bug: an exception no command expected */
  internal: 3,
} as const;

export function processIo(): CliIo {
  return {
    cwd: process.cwd(),
    stdout: text => process.stdout.write(text),
    stderr: text => process.stderr.write(text),
    now: () => new Date(),
  };
}
