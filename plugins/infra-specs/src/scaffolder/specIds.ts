import type { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  INFRA_SPECS_PLUGIN_ID,
  type NextIdResponse,
  type SpecListResponse,
  type SpecRecord,
} from '@infra-specs/backstage-plugin-infra-specs-common';

/** The shape a spec id must have: letters, then dash-separated letters or digits. */
export const SPEC_ID_PATTERN = /^[A-Za-z][A-Za-z0-9]*(-[A-Za-z0-9]+)+$/;

export type SpecIdApis = {
  discoveryApi: Pick<DiscoveryApi, 'getBaseUrl'>;
  fetchApi: Pick<FetchApi, 'fetch'>;
};

async function get<T>(apis: SpecIdApis, path: string): Promise<T> {
  const base = await apis.discoveryApi.getBaseUrl(INFRA_SPECS_PLUGIN_ID);
  const response = await apis.fetchApi.fetch(`${base}${path}`);
  if (!response.ok) {
    throw await ResponseError.fromResponse(response);
  }
  return (await response.json()) as T;
}

/** Reserves the next free id of a prefix (`SPEC-0043`); the backend never hands it out again. */
export async function fetchNextSpecId(
  apis: SpecIdApis,
  prefix: string,
): Promise<string> {
  const { id } = await get<NextIdResponse>(
    apis,
    `/next-id?prefix=${encodeURIComponent(prefix)}`,
  );
  return id;
}

/** The indexed spec that already uses `id` (same id, any case), if any. */
export async function findSpecById(
  apis: SpecIdApis,
  id: string,
): Promise<SpecRecord | undefined> {
  const wanted = id.trim().toUpperCase();
  const { items } = await get<SpecListResponse>(
    apis,
    `/specs?q=${encodeURIComponent(id.trim())}&limit=50`,
  );
  return items.find(item => item.document.id?.trim().toUpperCase() === wanted);
}

/** The message shown for a taken id. */
export function duplicateMessage(id: string, spec: SpecRecord): string {
  const title = spec.document.title || spec.name;
  return `${id.trim()} is already used by ${title}`;
}
