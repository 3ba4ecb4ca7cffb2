import {
  discoveryApiRef,
  fetchApiRef,
  type ApiHolder,
  type DiscoveryApi,
  type FetchApi,
} from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  INFRA_SPECS_PLUGIN_ID,
  type NextIdResponse,
  type SpecListResponse,
  type SpecRecord,
} from '@infra-specs/backstage-plugin-infra-specs-common';
import { infraSpecsApiRef } from '../api/InfraSpecsApi';

/** What the SpecIdPicker needs from the infra-specs backend. */
export interface SpecIdSource {
  /** The next free id of a prefix (`SPEC-0043`), as a preview: nothing is reserved. */
  nextId(prefix: string): Promise<string>;
  /** Lists indexed specs matching a text (id or title). */
  search(text: string): Promise<SpecRecord[]>;
}

async function get<T>(
  discoveryApi: Pick<DiscoveryApi, 'getBaseUrl'>,
  fetchApi: Pick<FetchApi, 'fetch'>,
  path: string,
): Promise<T> {
  const base = await discoveryApi.getBaseUrl(INFRA_SPECS_PLUGIN_ID);
  const response = await fetchApi.fetch(`${base}${path}`);
  if (!response.ok) {
    throw await ResponseError.fromResponse(response);
  }
  return (await response.json()) as T;
}

/**
 * The infra-specs plugin's API client when the app has it, else the REST API through the
 * app's discovery and fetch APIs (a legacy app that only installed the field); undefined
 * when neither is there.
 */
export function specIdSource(apis: ApiHolder): SpecIdSource | undefined {
  const client = apis.get(infraSpecsApiRef);
  if (client) {
    return {
      nextId: async prefix => (await client.nextId(prefix)).id,
      search: async text =>
        (await client.listSpecs({ q: text, limit: 50 })).items,
    };
  }
  const discoveryApi = apis.get(discoveryApiRef);
  const fetchApi = apis.get(fetchApiRef);
  if (!discoveryApi || !fetchApi) {
    return undefined;
  }
  return {
    nextId: async prefix =>
      (
        await get<NextIdResponse>(
          discoveryApi,
          fetchApi,
          `/next-id?prefix=${encodeURIComponent(prefix)}`,
        )
      ).id,
    search: async text =>
      (
        await get<SpecListResponse>(
          discoveryApi,
          fetchApi,
          `/specs?q=${encodeURIComponent(text)}&limit=50`,
        )
      ).items,
  };
}

/** The indexed spec that already uses `id` (same id, any case), if any. */
export async function findSpecById(
  source: SpecIdSource,
  id: string,
): Promise<SpecRecord | undefined> {
  const wanted = id.trim().toUpperCase();
  const items = await source.search(id.trim());
  return items.find(item => item.document.id?.trim().toUpperCase() === wanted);
}

/** The message shown for a taken id. */
export function duplicateMessage(id: string, spec: SpecRecord): string {
  const title = spec.document.title || spec.name;
  return `${id.trim()} is already used by ${title}`;
}
