import type {
  UrlReaderService,
  UrlReaderServiceReadTreeOptions,
  UrlReaderServiceReadTreeResponse,
} from '@backstage/backend-plugin-api';

/** One entry of a generated tree: given content, or `size` bytes made only when read. */
export type GeneratedEntry = { path: string } & (
  | { content: string }
  | { size: number }
);

/**
 * A remote tree behind the UrlReader boundary whose entries come from a generator, pulled one
 * at a time the way Backstage's archive responses stream a tarball: each entry goes through the
 * read's filter with its size, an aborted signal ends the stream, and a file's bytes exist only
 * once its `content()` is called. Counts what was pulled and buffered, so a test can tell that a
 * read stopped early without the tree ever being in memory.
 */
export class GeneratedTree {
  /** Entries taken from the generator, over all reads. */
  pulled = 0;
  /** `content()` calls and the bytes they produced. */
  buffered = 0;
  bufferedBytes = 0;
  readonly urls: string[] = [];

  constructor(
    private readonly entries: () => Iterable<GeneratedEntry>,
    private readonly options: { etag?: string; sizes?: boolean } = {},
  ) {}

  reader(): UrlReaderService {
    return {
      readUrl: async () => {
        throw new Error('not used');
      },
      search: async () => {
        throw new Error('not used');
      },
      readTree: async (url, options) => {
        this.urls.push(url);
        return this.#response(options);
      },
    };
  }

  #response(
    options?: UrlReaderServiceReadTreeOptions,
  ): UrlReaderServiceReadTreeResponse {
    const notUsed = async (): Promise<never> => {
      throw new Error('not used');
    };
    return {
      etag: this.options.etag ?? 'generated-1',
      files: async () => {
        const kept = [];
        let sinceYield = 0;
        for (const entry of this.entries()) {
          options?.signal?.throwIfAborted();
          this.pulled += 1;
          const size =
            'content' in entry ? Buffer.byteLength(entry.content) : entry.size;
          const info = this.options.sizes === false ? undefined : { size };
          if (!options?.filter || options.filter(entry.path, info)) {
            kept.push({
              path: entry.path,
              content: async () => {
                this.buffered += 1;
                this.bufferedBytes += size;
                return 'content' in entry
                  ? Buffer.from(entry.content)
                  : Buffer.alloc(size, 'x');
              },
            });
          }
          // A stream hands over chunks between turns of the event loop.
          if (++sinceYield === 1000) {
            sinceYield = 0;
            await new Promise(resolve => setImmediate(resolve));
          }
        }
        return kept;
      },
      archive: notUsed,
      dir: notUsed,
    };
  }
}
