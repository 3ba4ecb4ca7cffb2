import type { UrlReaderService } from '@backstage/backend-plugin-api';
import { NotFoundError, NotModifiedError } from '@backstage/errors';
import { isLocationFile, ReadBudget, tooLarge } from './readBudget';
import type {
  LocationFile,
  LocationRead,
  ReadLocationOptions,
} from './readLocation';
import { pathInFolder } from './repositoryReads';

/** One location of a shared repository read: its target, and its folder inside the read's tree. */
export interface RepositoryReadMember {
  target: string;
  /** Relative to the URL read, without slashes at either end; '' for all of it. */
  folder: string;
}

export type RepositoryRead =
  | { notModified: true }
  | {
      notModified: false;
      etag: string | null;
      /** Per member, in order: its files, or why it failed on its own (a missing folder, a limit). */
      reads: Array<Extract<LocationRead, { notModified: false }> | Error>;
    };

export type ReadRepositoryOptions = Pick<
  ReadLocationOptions,
  'etag' | 'signal' | 'maxFileBytes' | 'maxFiles' | 'maxBytes'
>;

/** What one member of a repository read has gathered so far. */
class MemberRead {
  seen = false;
  refused: Error | undefined;
  readonly streamed: ReadBudget;
  readonly held: ReadBudget;
  readonly warnings: string[] = [];
  readonly files: LocationFile[] = [];

  constructor(
    readonly member: RepositoryReadMember,
    options: ReadRepositoryOptions,
  ) {
    this.streamed = new ReadBudget(member.target, options);
    this.held = new ReadBudget(member.target, options);
  }
}

/**
 * Reads the folders of many locations in one tree read of `url`: one commit lookup (and, when
 * the commit is new, one archive) for all of them. Each member keeps the limits of a read of
 * its own: a member over `maxFiles`/`maxBytes` stops collecting and fails alone, and a member
 * whose folder is not in the tree fails alone. The archive is only cut off once every member
 * is over a limit. A failure of the read itself is thrown: it is every member's.
 */
export async function readRepository(
  url: string,
  members: RepositoryReadMember[],
  urlReader: UrlReaderService,
  options: ReadRepositoryOptions,
): Promise<RepositoryRead> {
  const states = members.map(member => new MemberRead(member, options));
  const stop = new AbortController();
  const signal = options.signal
    ? AbortSignal.any([options.signal, stop.signal])
    : stop.signal;
  const allRefused = () => states.every(s => s.refused);
  let response;
  let entries;
  try {
    response = await urlReader.readTree(url, {
      etag: options.etag,
      signal,
      filter: (path, info) => {
        let wanted = false;
        for (const state of states) {
          const own = pathInFolder(path, state.member.folder);
          if (own === undefined) {
            continue;
          }
          state.seen = true;
          if (state.refused || !isLocationFile(path)) {
            continue;
          }
          if (info) {
            const skip = info.size > options.maxFileBytes;
            state.refused = state.streamed.add(skip ? 0 : info.size);
            if (state.refused) {
              continue;
            }
            if (skip) {
              state.warnings.push(
                tooLarge(own, info.size, options.maxFileBytes),
              );
              continue;
            }
          }
          wanted = true;
        }
        if (allRefused()) {
          stop.abort(states[0].refused);
        }
        return wanted;
      },
    });
    entries = await response.files();
  } catch (error) {
    if ((error as Error)?.name === NotModifiedError.name) {
      return { notModified: true };
    }
    if (!allRefused()) {
      throw error;
    }
  }
  if (response && entries && !allRefused()) {
    for (const file of entries) {
      options.signal?.throwIfAborted();
      const path = file.path.replace(/\\/g, '/');
      const owners = states.flatMap(state => {
        const own = pathInFolder(path, state.member.folder);
        return own === undefined ? [] : [{ state, own }];
      });
      owners.forEach(o => (o.state.seen = true));
      // Readers may ignore the filter; apply it again.
      if (!isLocationFile(path) || owners.every(o => o.state.refused)) {
        continue;
      }
      const content = await file.content();
      const skip = content.length > options.maxFileBytes;
      for (const { state, own } of owners) {
        if (state.refused) {
          continue;
        }
        state.refused = state.held.add(skip ? 0 : content.length);
        if (state.refused) {
          continue;
        }
        if (skip) {
          state.warnings.push(
            tooLarge(own, content.length, options.maxFileBytes),
          );
          continue;
        }
        state.files.push({ path: own, content });
      }
    }
  }
  const etag = response?.etag || null;
  return {
    notModified: false,
    etag,
    reads: states.map(state => {
      if (state.refused) {
        return state.refused;
      }
      if (!state.seen) {
        return new NotFoundError(
          `Spec folder ${state.member.target} does not exist${
            etag ? ` at commit ${etag}` : ''
          }`,
        );
      }
      state.files.sort((a, b) => (a.path < b.path ? -1 : 1));
      return {
        notModified: false,
        etag,
        files: state.files,
        warnings: state.warnings,
      };
    }),
  };
}
