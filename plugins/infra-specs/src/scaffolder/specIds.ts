import type { ApiHolder } from '@backstage/core-plugin-api';
import type { SpecRecord } from '@infra-specs/backstage-plugin-infra-specs-common';
import { infraSpecsApiRef, type InfraSpecsApi } from '../api/InfraSpecsApi';

/** What the SpecIdPicker needs from the infra-specs API. */
export type SpecIdApi = Pick<InfraSpecsApi, 'getNextId' | 'listSpecs'>;

/**
 * The infra-specs API of the app, undefined when the app lacks it. The field ships with the
 * plugin (`infraSpecsPlugin.provide` in the legacy system, an extension of the plugin in the new
 * one), so wherever the field is installed the plugin's API is too.
 */
export function specIdApi(apis: ApiHolder): SpecIdApi | undefined {
  return apis.get(infraSpecsApiRef);
}

/** The indexed spec that already uses `id` (same id, any case), if any. */
export async function findSpecById(
  api: Pick<InfraSpecsApi, 'listSpecs'>,
  id: string,
): Promise<SpecRecord | undefined> {
  const wanted = id.trim().toUpperCase();
  const { items } = await api.listSpecs({ q: id.trim(), limit: 50 });
  return items.find(item => item.document.id?.trim().toUpperCase() === wanted);
}

/** The message shown for a taken id. */
export function duplicateMessage(id: string, spec: SpecRecord): string {
  const title = spec.document.title || spec.name;
  return `${id.trim()} is already used by ${title}`;
}
