import type { UrlReaderService } from '@backstage/backend-plugin-api';
import { NotModifiedError } from '@backstage/errors';
import { isLocationFile, ReadBudget, tooLarge } from './readBudget';
import { readLocalFolder } from './readLocalFolder';
import type { SpecLocation } from './specLocation';

/** One markdown or JSON file of a location; `path` is relative, with forward slashes. */
export interface LocationFile {
  path: string;
  content: Buffer;
}

export type LocationRead =
  | { notModified: true }
  | {
      notModified: false;
      /** What to pass next time to skip an unchanged folder; null when the source has none. */
      etag: string | null;
      files: LocationFile[];
      warnings: string[];
    };

export interface ReadLocationOptions {
  /** The etag of the last successful read, to make an unchanged folder cheap. */
  etag?: string;
  signal?: AbortSignal;
  maxFileBytes: number;
  /** Markdown and JSON files a location may hold (skipped large ones included). */
  maxFiles: number;
  /** Bytes the markdown and JSON files of a location may add up to. */
  maxBytes: number;
  allowedRoots: string[];
  /** A local read must also stay inside this folder (the component's own); see the location policy. */
  componentFolder?: string;
}

/** Reads the markdown and JSON (evidence) files of a spec location, remote through the UrlReader or local from disk. */
export async function readLocation(
  location: SpecLocation,
  urlReader: UrlReaderService,
  options: ReadLocationOptions,
): Promise<LocationRead> {
  if (location.type === 'url') {
    return readRemote(location.url, urlReader, options);
  }
  return readLocalFolder(location.path, options);
}

/**
 * Reads a tree through the UrlReader within the limits. The archive readers (GitHub, GitLab,
 * Bitbucket, Azure) call the filter with each entry's size while they stream, before they buffer
 * it: the budget is kept there, and the first entry over a limit aborts the request through the
 * signal, so the rest of the archive is neither downloaded nor held. Readers that give no sizes
 * are checked again on the buffers, file by file.
 */
async function readRemote(
  url: string,
  urlReader: UrlReaderService,
  options: ReadLocationOptions,
): Promise<LocationRead> {
  const warnings: string[] = [];
  const streamed = new ReadBudget(url, options);
  const stop = new AbortController();
  let refused: Error | undefined;
  const signal = options.signal
    ? AbortSignal.any([options.signal, stop.signal])
    : stop.signal;
  let response;
  let entries;
  try {
    response = await urlReader.readTree(url, {
      etag: options.etag,
      signal,
      filter: (path, info) => {
        if (refused || !isLocationFile(path)) {
          return false;
        }
        if (info) {
          const skip = info.size > options.maxFileBytes;
          refused = streamed.add(skip ? 0 : info.size);
          if (refused) {
            stop.abort(refused);
            return false;
          }
          if (skip) {
            warnings.push(tooLarge(path, info.size, options.maxFileBytes));
            return false;
          }
        }
        return true;
      },
    });
    entries = await response.files();
  } catch (error) {
    if (refused) {
      throw refused;
    }
    if ((error as Error)?.name === NotModifiedError.name) {
      return { notModified: true };
    }
    throw error;
  }
  if (refused) {
    // A reader that ignores the signal still gets nothing more from the filter.
    throw refused;
  }
  const held = new ReadBudget(url, options);
  const files: LocationFile[] = [];
  for (const file of entries) {
    options.signal?.throwIfAborted();
    // Readers may ignore the filter; apply it again.
    if (!isLocationFile(file.path)) {
      continue;
    }
    const content = await file.content();
    const skip = content.length > options.maxFileBytes;
    const over = held.add(skip ? 0 : content.length);
    if (over) {
      throw over;
    }
    if (skip) {
      warnings.push(tooLarge(file.path, content.length, options.maxFileBytes));
      continue;
    }
    files.push({ path: file.path.replace(/\\/g, '/'), content });
  }
  files.sort((a, b) => (a.path < b.path ? -1 : 1));
  return { notModified: false, etag: response.etag || null, files, warnings };
}
