// What every read of spec files counts against its limits: remote or local, alone or shared.
import { InputError } from '@backstage/errors';

/** The files a location read keeps: markdown (specs and others) and JSON (evidence files). */
export function isLocationFile(path: string) {
  const lower = path.toLowerCase();
  return lower.endsWith('.md') || lower.endsWith('.json');
}

export function tooLarge(path: string, size: number, max: number) {
  return `Skipped ${path}: ${size} bytes is more than infraSpecs.refresh.maxFileBytes (${max})`;
}

/**
 * Counts the markdown and JSON files of one read against `maxFiles` and `maxBytes`, so a read can stop
 * at the first file over a limit instead of finding out after holding everything.
 */
export class ReadBudget {
  #files = 0;
  #bytes = 0;

  constructor(
    private readonly target: string,
    private readonly options: { maxFiles: number; maxBytes: number },
  ) {}

  /** Counts one file (`bytes` 0 for one that is skipped); the error once the read is over a limit. */
  add(bytes: number): Error | undefined {
    this.#files += 1;
    this.#bytes += bytes;
    if (this.#files > this.options.maxFiles) {
      return new InputError(
        `Refused to read ${this.target}: it holds more than ${this.options.maxFiles} markdown and JSON files (infraSpecs.refresh.maxFiles)`,
      );
    }
    if (this.#bytes > this.options.maxBytes) {
      return new InputError(
        `Refused to read ${this.target}: its markdown and JSON files add up to more than ${this.options.maxBytes} bytes (infraSpecs.refresh.maxBytes)`,
      );
    }
    return undefined;
  }
}
