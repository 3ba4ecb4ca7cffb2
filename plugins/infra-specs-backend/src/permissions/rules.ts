import {
  createConditionExports,
  createPermissionResourceRef,
  createPermissionRule,
} from '@backstage/plugin-permission-node';
import {
  INFRA_SPEC_RESOURCE_TYPE,
  INFRA_SPECS_PLUGIN_ID,
  type SpecRecord,
} from '@infra-specs/backstage-plugin-infra-specs-common';
import { z } from 'zod';
import type { SpecAccessCondition } from '../database/SpecStore';
import { normalizeRefs } from '../refs';

/**
 * What the rules see of an `infra-spec` resource: the component and owner of a stored spec, or
 * of a component whose specs are to be refreshed or created.
 * @public
 */
export type InfraSpecResource = Pick<SpecRecord, 'componentRef' | 'ownerRef'>;

/**
 * The `infra-spec` resource: a stored spec (referenced by its name), or the specs of a component
 * (referenced by its entity ref).
 * @public
 */
export const infraSpecResourceRef = createPermissionResourceRef<
  InfraSpecResource,
  SpecAccessCondition
>().with({
  pluginId: INFRA_SPECS_PLUGIN_ID,
  resourceType: INFRA_SPEC_RESOURCE_TYPE,
});

/** The spec's owner (its component's owner) is one of the claims, e.g. the user's ownership refs. */
const isComponentOwner = createPermissionRule({
  name: 'IS_COMPONENT_OWNER',
  description:
    "Allow specs whose owner (the owner of the spec's component) is one of the given entity refs",
  resourceRef: infraSpecResourceRef,
  paramsSchema: z.object({
    claims: z
      .array(z.string())
      .describe("Entity refs to match, usually the user's ownership refs"),
  }),
  apply: (spec, { claims }) => normalizeRefs(claims).includes(spec.ownerRef),
  toQuery: ({ claims }) => ({ field: 'ownerRef', values: normalizeRefs(claims) }),
});

/** The spec belongs to one of the given components. */
const isSpecOfComponent = createPermissionRule({
  name: 'IS_SPEC_OF_COMPONENT',
  description: 'Allow specs that belong to one of the given components',
  resourceRef: infraSpecResourceRef,
  paramsSchema: z.object({
    componentRefs: z
      .array(z.string())
      .describe('Component entity refs, e.g. component:default/payments-api'),
  }),
  apply: (spec, { componentRefs }) =>
    normalizeRefs(componentRefs).includes(spec.componentRef),
  toQuery: ({ componentRefs }) => ({
    field: 'componentRef',
    values: normalizeRefs(componentRefs),
  }),
});

export const infraSpecsPermissionRules = { isComponentOwner, isSpecOfComponent };

const conditionExports = createConditionExports({
  resourceRef: infraSpecResourceRef,
  rules: infraSpecsPermissionRules,
});

/**
 * Conditions for policies: `infraSpecsConditions.isComponentOwner({ claims })`,
 * `infraSpecsConditions.isSpecOfComponent({ componentRefs })`.
 *
 * @public
 */
export const infraSpecsConditions = conditionExports.conditions;

/**
 * Builds a conditional decision for `infra-specs.spec.read`, `infra-specs.refresh` or
 * `infra-specs.spec.create`.
 *
 * @public
 */
export const createInfraSpecsConditionalDecision =
  conditionExports.createConditionalDecision;
