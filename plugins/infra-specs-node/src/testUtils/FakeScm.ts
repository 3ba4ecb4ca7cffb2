import type {
  UrlReaderService,
  UrlReaderServiceReadTreeOptions,
  UrlReaderServiceReadTreeResponse,
} from '@backstage/backend-plugin-api';
import { NotModifiedError } from '@backstage/errors';

/** What FakeScm answers for a folder URL. @public */
export type FakeScmFolder =
  | { etag: string; files: Record<string, string> }
  | { error: Error }
  | { hang: true };

/**
 * An SCM host we cannot reach from tests, behind the UrlReader boundary: folders by URL
 * with etags (NotModifiedError when unchanged), or an error, or a request that never answers.
 * Counts reads and how many overlap, so tests can see what a refresh really fetched.
 *
 * @public
 */
export class FakeScm {
  readonly folders = new Map<string, FakeScmFolder>();
  readonly calls: Array<{ url: string; etag?: string }> = [];
  /** Optional delay per read, to make overlapping runs observable. */
  delayMs = 0;
  active = 0;
  maxActive = 0;
  #version = 0;

  setFolder(url: string, files: Record<string, string>) {
    this.folders.set(url, { etag: `v${++this.#version}`, files });
  }

  /** Writes (or, with `undefined`, deletes) one file of a folder: a new commit. */
  writeFile(url: string, path: string, content: string | undefined) {
    const folder = this.folders.get(url);
    if (!folder || !('files' in folder)) throw new Error(`No folder ${url}`);
    const files = { ...folder.files };
    if (content === undefined) {
      delete files[path];
    } else {
      files[path] = content;
    }
    this.folders.set(url, { etag: `v${++this.#version}`, files });
  }

  readFile(url: string, path: string): string {
    const folder = this.folders.get(url);
    const content =
      folder && 'files' in folder ? folder.files[path] : undefined;
    if (content === undefined) throw new Error(`No file ${path} in ${url}`);
    return content;
  }

  /** New etag, same files: a commit elsewhere in the repository. */
  bumpEtag(url: string) {
    const folder = this.folders.get(url);
    if (folder && 'files' in folder) {
      this.folders.set(url, {
        etag: `v${++this.#version}`,
        files: folder.files,
      });
    }
  }

  fail(url: string, error: Error) {
    this.folders.set(url, { error });
  }

  hang(url: string) {
    this.folders.set(url, { hang: true });
  }

  readsOf(url: string) {
    return this.calls.filter(c => c.url === url).length;
  }

  reader(): UrlReaderService {
    return {
      readUrl: async () => {
        throw new Error('not used');
      },
      search: async () => {
        throw new Error('not used');
      },
      readTree: (url, options) => this.#readTree(url, options),
    };
  }

  async #readTree(
    url: string,
    options?: UrlReaderServiceReadTreeOptions,
  ): Promise<UrlReaderServiceReadTreeResponse> {
    this.calls.push({ url, etag: options?.etag });
    this.active += 1;
    this.maxActive = Math.max(this.maxActive, this.active);
    try {
      if (this.delayMs) {
        await new Promise(resolve => setTimeout(resolve, this.delayMs));
      }
      const folder = this.folders.get(url);
      if (!folder) {
        const error = new Error(`${url} could not be read, 404 Not Found`);
        error.name = 'NotFoundError';
        throw error;
      }
      if ('error' in folder) {
        throw folder.error;
      }
      if ('hang' in folder) {
        return await new Promise<never>((_, reject) => {
          options?.signal?.addEventListener('abort', () =>
            reject(new Error('aborted')),
          );
        });
      }
      if (options?.etag === folder.etag) {
        throw new NotModifiedError();
      }
      const entries = Object.entries(folder.files).filter(([path, content]) =>
        options?.filter
          ? options.filter(path, { size: Buffer.byteLength(content) })
          : true,
      );
      return {
        etag: folder.etag,
        files: async () =>
          entries.map(([path, content]) => ({
            path,
            content: async () => Buffer.from(content),
          })),
        archive: async () => {
          throw new Error('not used');
        },
        dir: async () => {
          throw new Error('not used');
        },
      };
    } finally {
      this.active -= 1;
    }
  }
}
