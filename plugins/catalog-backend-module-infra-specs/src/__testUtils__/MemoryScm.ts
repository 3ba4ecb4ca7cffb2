import type {
  UrlReaderService,
  UrlReaderServiceReadTreeOptions,
  UrlReaderServiceReadTreeResponse,
} from '@backstage/backend-plugin-api';
import { NotFoundError, NotModifiedError } from '@backstage/errors';

/**
 * A Git host we cannot reach from tests, behind the UrlReader boundary: folders by URL,
 * each with an etag that changes with its content (NotModifiedError when unchanged).
 */
export class MemoryScm {
  readonly #folders = new Map<string, { etag: string; files: Map<string, string> }>();
  #version = 0;

  setFolder(url: string, files: Record<string, string>) {
    this.#folders.set(url, { etag: `v${++this.#version}`, files: new Map(Object.entries(files)) });
  }

  /** Writes (or, with `undefined`, deletes) one file of a folder: a new commit. */
  writeFile(url: string, path: string, content: string | undefined) {
    const folder = this.#folders.get(url);
    if (!folder) throw new Error(`No folder ${url}`);
    if (content === undefined) {
      folder.files.delete(path);
    } else {
      folder.files.set(path, content);
    }
    folder.etag = `v${++this.#version}`;
  }

  readFile(url: string, path: string): string {
    const content = this.#folders.get(url)?.files.get(path);
    if (content === undefined) throw new Error(`No file ${path} in ${url}`);
    return content;
  }

  reader(): UrlReaderService {
    return {
      readUrl: async url => {
        throw new NotFoundError(`${url} is not served by the test SCM`);
      },
      search: async url => {
        throw new NotFoundError(`${url} is not served by the test SCM`);
      },
      readTree: async (url, options) => this.#readTree(url, options),
    };
  }

  async #readTree(
    url: string,
    options?: UrlReaderServiceReadTreeOptions,
  ): Promise<UrlReaderServiceReadTreeResponse> {
    const folder = this.#folders.get(url.replace(/\/$/, ''));
    if (!folder) {
      throw new NotFoundError(`${url} could not be read, 404 Not Found`);
    }
    if (options?.etag === folder.etag) {
      throw new NotModifiedError();
    }
    const entries = [...folder.files.entries()].filter(([path, content]) =>
      options?.filter ? options.filter(path, { size: Buffer.byteLength(content) }) : true,
    );
    return {
      etag: folder.etag,
      files: async () =>
        entries.map(([path, content]) => ({ path, content: async () => Buffer.from(content) })),
      archive: async () => {
        throw new Error('archive() is not served by the test SCM');
      },
      dir: async () => {
        throw new Error('dir() is not served by the test SCM');
      },
    };
  }
}
