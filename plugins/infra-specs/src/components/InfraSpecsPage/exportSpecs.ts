import type {
  SpecQuery,
  SpecRecord,
} from '@infra-specs/backstage-plugin-infra-specs-common';
import type { InfraSpecsApi } from '../../api/InfraSpecsApi';

/** The API's largest page. */
const EXPORT_PAGE_SIZE = 500;
/** Stops a cursor loop that never ends (a backend bug must not hang the browser). */
const MAX_PAGES = 200;

/** Every spec matching a query, following the API's cursor page by page. */
export async function fetchAllSpecs(
  api: Pick<InfraSpecsApi, 'listSpecs'>,
  query: SpecQuery,
  onProgress?: (loaded: number, total: number) => void,
): Promise<SpecRecord[]> {
  const all: SpecRecord[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const result = await api.listSpecs({
      ...query,
      limit: EXPORT_PAGE_SIZE,
      cursor,
    });
    all.push(...result.items);
    onProgress?.(all.length, result.totalCount);
    if (!result.nextCursor || result.items.length === 0) return all;
    cursor = result.nextCursor;
  }
  throw new Error(
    `The export stopped after ${MAX_PAGES} pages; narrow the filters`,
  );
}

/** Hands a text file to the browser's download. */
export function downloadTextFile(filename: string, text: string, type: string) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.appendChild(link);
  link.click();
  link.remove();
  // revoke after the click has been handled
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
