import {
  BLAST_RADIUS_LEVELS,
  ROLLBACK_COMPLEXITIES,
  SPEC_COST_DRIFTS,
  SPEC_FORMATS,
  SPEC_STATUSES,
} from '@infra-specs/backstage-plugin-infra-specs-common';
import {
  SpecBlastRadiusFilter,
  SpecCostDriftFilter,
  SpecFormatFilter,
  SpecRollbackFilter,
  SpecStatusFilter,
} from './filters';
import { SpecFieldPicker } from './SpecFieldPicker';

/** Props of the Spec catalog pickers. @public */
export interface SpecPickerProps {
  /** Values selected when the URL has none (`filters[<name>]`), e.g. `['in-review']`. */
  initialFilter?: string[];
}

// Workflow order for statuses, severity for levels; `unknown` last.
const byOrder = <T extends { order: number }>(entries: ReadonlyArray<T>) =>
  [...entries].sort((a, b) => (a.order || 99) - (b.order || 99));

const STATUSES = byOrder(SPEC_STATUSES);
const BLAST_RADII = byOrder(BLAST_RADIUS_LEVELS);

/** Spec status filter of the catalog list (`filters[status]`); only while the kind is Spec. @public */
export function SpecStatusPicker(props: SpecPickerProps) {
  return (
    <SpecFieldPicker
      name="status"
      label="Status"
      path="spec.status"
      vocabulary={STATUSES}
      Filter={SpecStatusFilter}
      initialFilter={props.initialFilter}
    />
  );
}

/** Spec format filter (`filters[format]`, the entity's `spec.type`); only while the kind is Spec. @public */
export function SpecFormatPicker(props: SpecPickerProps) {
  return (
    <SpecFieldPicker
      name="format"
      label="Format"
      path="spec.type"
      vocabulary={SPEC_FORMATS}
      Filter={SpecFormatFilter}
      initialFilter={props.initialFilter}
    />
  );
}

/** Blast radius filter (`filters[blastRadius]`); only while the kind is Spec. @public */
export function SpecBlastRadiusPicker(props: SpecPickerProps) {
  return (
    <SpecFieldPicker
      name="blastRadius"
      label="Blast radius"
      path="spec.blastRadius"
      vocabulary={BLAST_RADII}
      Filter={SpecBlastRadiusFilter}
      initialFilter={props.initialFilter}
    />
  );
}

/** Rollback complexity filter (`filters[rollback]`); only while the kind is Spec. @public */
export function SpecRollbackPicker(props: SpecPickerProps) {
  return (
    <SpecFieldPicker
      name="rollback"
      label="Rollback"
      path="spec.rollback"
      vocabulary={ROLLBACK_COMPLEXITIES}
      Filter={SpecRollbackFilter}
      initialFilter={props.initialFilter}
    />
  );
}

/**
 * Cost drift filter (`filters[costDrift]=over`, the entity's `spec.costDrift`): specs whose
 * Infracost estimate costs more (`over`) or less (`under`) than they claim, or agrees (`ok`);
 * worst first. Only while the kind is Spec. @public
 */
export function SpecCostDriftPicker(props: SpecPickerProps) {
  return (
    <SpecFieldPicker
      name="costDrift"
      label="Cost drift"
      path="spec.costDrift"
      vocabulary={SPEC_COST_DRIFTS}
      Filter={SpecCostDriftFilter}
      initialFilter={props.initialFilter}
    />
  );
}
