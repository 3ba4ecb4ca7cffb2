import { MessageChannel } from 'node:worker_threads';
import Piscina from 'piscina';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import type { SpecDocument } from '@infra-specs/backstage-plugin-infra-specs-common';
import type { ParseTask } from './parseWorker';
import type { ParseOutcome } from './SpecParser';

/** Documents sent to a worker at a time: enough to amortise the message, few enough to share out. */
const BATCH_SIZE = 32;

/**
 * The worker's file. Built packages hold `dist/refresh/parseWorker.cjs.js`; sources (tests,
 * `yarn start` of this repository) hold `.ts`, which a worker can only load through Backstage's
 * node transform, as the backend itself does.
 */
function workerFile(): { filename: string; execArgv: string[] } {
  const fromSources = __filename.endsWith('.ts');
  const filename = resolvePackagePath(
    '@infra-specs/backstage-plugin-infra-specs-backend',
    fromSources
      ? 'src/refresh/parseWorker.ts'
      : 'dist/refresh/parseWorker.cjs.js',
  );
  if (!fromSources) return { filename, execArgv: [] };
  return {
    filename,
    // eslint-disable-next-line @backstage/no-undeclared-imports
    execArgv: [
      '--require',
      require.resolve('@backstage/cli/config/nodeTransform.cjs'),
    ],
  };
}

class ParseTimeout extends Error {
  name = 'ParseTimeout';
}

/**
 * Parses documents in worker threads (piscina), in batches. A batch that runs past the timeout
 * or loses its worker is parsed again one document at a time, so only the document at fault is
 * cut off; the worker it ran on is replaced. The timeout counts from when a worker starts the
 * batch (it says so on a port), not from when the batch was queued.
 */
export class ParserPool {
  readonly #pool: Piscina<ParseTask, SpecDocument[]>;
  readonly #formatModules: string[];
  readonly #timeoutMs: number;

  constructor(options: {
    workers: number;
    timeoutMs: number;
    formatModules: string[];
  }) {
    const { filename, execArgv } = workerFile();
    this.#pool = new Piscina({
      filename,
      execArgv,
      // One thread stays: piscina replaces a terminated worker only up to minThreads, and a
      // queue left with no thread would wait forever. The others end when idle.
      minThreads: 1,
      maxThreads: options.workers,
      idleTimeout: 30_000,
    });
    this.#formatModules = options.formatModules;
    this.#timeoutMs = options.timeoutMs;
  }

  get workers(): number {
    return this.#pool.maxThreads;
  }

  /** Parses every document; the outcomes are in the order given. */
  async parseMany(
    documents: Array<{ markdown: string; path: string }>,
  ): Promise<ParseOutcome[]> {
    const batches: Array<Promise<ParseOutcome[]>> = [];
    for (let start = 0; start < documents.length; start += BATCH_SIZE) {
      batches.push(
        this.#parseBatch(documents.slice(start, start + BATCH_SIZE)),
      );
    }
    return (await Promise.all(batches)).flat();
  }

  async #parseBatch(
    documents: ParseTask['documents'],
  ): Promise<ParseOutcome[]> {
    try {
      return (await this.#run(documents)).map(document => ({ document }));
    } catch (error) {
      if (documents.length === 1) {
        return [{ error: this.#describe(error) }];
      }
      // Find the document at fault: each on its own, with its own time.
      return Promise.all(
        documents.map(async d => (await this.#parseBatch([d]))[0]),
      );
    }
  }

  async #run(documents: ParseTask['documents']): Promise<SpecDocument[]> {
    const controller = new AbortController();
    const { port1, port2 } = new MessageChannel();
    let timer: NodeJS.Timeout | undefined;
    port1.once('message', () => {
      timer = setTimeout(
        () => controller.abort(new ParseTimeout()),
        this.#timeoutMs,
      );
    });
    try {
      return await this.#pool.run(
        { documents, formatModules: this.#formatModules, started: port2 },
        { signal: controller.signal, transferList: [port2] as never },
      );
    } catch (error) {
      throw controller.signal.aborted ? controller.signal.reason : error;
    } finally {
      clearTimeout(timer);
      port1.close();
    }
  }

  #describe(error: unknown): string {
    if (error instanceof ParseTimeout) {
      return `parsing took longer than infraSpecs.parsing.timeout (${
        this.#timeoutMs
      } ms)`;
    }
    return `the parser worker failed: ${String(
      (error as Error)?.message ?? error,
    )}`;
  }

  async close(): Promise<void> {
    await this.#pool.destroy();
  }
}
