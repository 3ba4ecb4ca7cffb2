import { createApiRef } from '@backstage/core-plugin-api';
import type {
  EntitySpecsResponse,
  NextIdResponse,
  RefreshResponse,
  SpecDetail,
  SpecListResponse,
  SpecQuery,
  SpecSummary,
} from '@infra-specs/backstage-plugin-infra-specs-common';

/**
 * The infra-specs REST API (`/api/infra-specs`) as the UI uses it. Every method rejects with a
 * `ResponseError` from `@backstage/errors` when the backend answers with an error status.
 * The plugin implements it with common's `InfraSpecsApiClient` over the app's discovery and
 * fetch APIs (the fetch API adds the user's token).
 *
 * @public
 */
export interface InfraSpecsApi {
  /** GET /specs: one page of specs matching the filters. */
  listSpecs(query?: SpecQuery): Promise<SpecListResponse>;
  /** GET /specs/:name: one spec with its markdown, status history and location state. */
  getSpec(name: string): Promise<SpecDetail>;
  /** GET /entity/:kind/:namespace/:name/specs: the specs of a component and its location state. */
  getEntitySpecs(entityRef: string): Promise<EntitySpecsResponse>;
  /** GET /summary: counts and cost sums, for the whole index or one component. */
  getSummary(options?: { entityRef?: string }): Promise<SpecSummary>;
  /** POST /refresh: re-read one component's spec location now, or every location. */
  refresh(options?: { entityRef?: string }): Promise<RefreshResponse>;
  /** GET /next-id: a preview of the next free id of a prefix (`SPEC` gives `SPEC-0043`); reserves nothing. */
  getNextId(prefix: string): Promise<NextIdResponse>;
}

/**
 * The API ref of {@link InfraSpecsApi}; the same object in both frontend systems.
 *
 * @public
 */
export const infraSpecsApiRef = createApiRef<InfraSpecsApi>({
  id: 'plugin.infra-specs.service',
});
