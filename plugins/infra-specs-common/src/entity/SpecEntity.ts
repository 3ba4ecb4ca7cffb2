import type { Entity } from '@backstage/catalog-model';
import type {
  BlastRadiusLevel,
  DowntimeRequirement,
  RollbackComplexity,
  SpecCostDrift,
  SpecStatus,
} from '../model/types';

/**
 * The `spec` of a Spec entity: the part of a spec document people filter on in the catalog
 * (`spec.status=in-review`). Absent values are left out, never null.
 * @public
 */
export type SpecEntitySpec = {
  /** The document's format (`infrastructure-change`). */
  type: string;
  status: SpecStatus;
  /** Entity ref of the owner: the component's owner unless the spec names one. */
  owner: string;
  /** Entity ref of the component the spec belongs to. */
  component: string;
  blastRadius: BlastRadiusLevel;
  rollback?: RollbackComplexity;
  downtime?: DowntimeRequirement;
  /** Monthly cost change; negative means savings. */
  monthlyCostDelta?: number;
  /** ISO 4217 code of `monthlyCostDelta`. */
  currency?: string;
  /** Monthly cost change of the linked Infracost estimate (`cost.estimate.monthlyDelta`). */
  costEstimate?: number;
  /** ISO 4217 code of `costEstimate`. */
  costEstimateCurrency?: string;
  /** How the estimate compares with `monthlyCostDelta`; absent when they cannot be compared. */
  costDrift?: SpecCostDrift;
  /** Checkboxes of the acceptance section (a type literal, so that it is a JsonObject). */
  acceptance: { total: number; done: number };
};

/** A spec document in the catalog: `apiVersion: infra-specs.dev/v1alpha1`, `kind: Spec`. @public */
export interface SpecEntity extends Entity {
  apiVersion: 'infra-specs.dev/v1alpha1';
  kind: 'Spec';
  spec: SpecEntitySpec;
}
