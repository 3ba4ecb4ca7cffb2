/*
 * Terraform/OpenTofu plan JSON (`terraform show -json plan.tfplan`, format_version 1.x) -> what
 * it creates, updates, deletes and replaces. Reads `resource_changes` only; data sources, reads,
 * no-ops and `forget` are not changes of infrastructure.
 */
import type {
  SpecPlan,
  SpecPlanAction,
  SpecPlanResource,
} from '../model/types';
import { describeJson, isRecord, parseEvidenceJson } from './json';
import { MAX_PLAN_RESOURCES } from './limits';
import type { EvidenceDiagnostic, EvidenceReadResult } from './readResult';

const KNOWN_MAJOR = '1';

/** The values of SpecPlanAction, for the schemas. */
export const PLAN_ACTION_VALUES: readonly SpecPlanAction[] = [
  'create',
  'update',
  'delete',
  'replace',
];

function fail(source: string, reason: string) {
  return {
    diagnostic: {
      severity: 'error' as const,
      code: 'invalid-plan',
      message: `Plan ${source} cannot be used: ${reason}`,
    },
  };
}

/** Terraform's action list -> one action; null for no-op, read, forget and anything unknown. */
export function planAction(actions: readonly string[]): SpecPlanAction | null {
  const has = (a: string) => actions.includes(a);
  if (has('delete') && has('create')) return 'replace';
  if (actions.length !== 1) return null;
  switch (actions[0]) {
    case 'create':
    case 'update':
    case 'delete':
      return actions[0];
    default:
      return null;
  }
}

function notAPlan(root: Record<string, unknown>): string {
  if (Array.isArray(root.projects) || 'diffTotalMonthlyCost' in root)
    return 'it is an Infracost output, not a plan (link it as the cost estimate)';
  if (isRecord(root.values))
    return 'it is a state (`terraform show -json` without a plan file), not a plan';
  return 'format_version' in root
    ? 'it has a format_version but neither resource_changes nor planned_values, so it is not a plan'
    : 'it is not a plan JSON: it has neither format_version nor resource_changes';
}

/**
 * Reads a Terraform or OpenTofu plan JSON. Pure: the text in, the changes out, never throws.
 * `invalid-plan` when the text is not JSON, not a plan (a state, an Infracost output) or the
 * plan errored; notes `unknown-plan-version` (format_version other than 1.x, read when the shape
 * fits), `plan-without-changes` and `plan-truncated` (more than 500 changed resources: all are
 * counted, the first 500 listed).
 * @public
 */
export function readTerraformPlan(
  text: string,
  source: string,
): EvidenceReadResult<SpecPlan> {
  const parsed = parseEvidenceJson(text);
  if ('reason' in parsed) return fail(source, parsed.reason);
  const root = parsed.json;
  if (!isRecord(root))
    return fail(
      source,
      `it holds ${describeJson(
        root,
      )}, not a plan (an object with format_version and resource_changes)`,
    );
  const hasChanges = 'resource_changes' in root;
  // A plan without changes may leave resource_changes out; it still has planned_values.
  if (!hasChanges && !('planned_values' in root))
    return fail(source, notAPlan(root));
  if (hasChanges && !Array.isArray(root.resource_changes))
    return fail(
      source,
      `its resource_changes is ${describeJson(
        root.resource_changes,
      )}, not a list`,
    );
  if (root.errored === true)
    return fail(
      source,
      'the plan errored (errored: true), so its changes are incomplete; fix the plan and save it again',
    );

  const diagnostics: EvidenceDiagnostic[] = [];
  const version =
    typeof root.format_version === 'string' ? root.format_version : null;
  if (version === null || version.split('.')[0] !== KNOWN_MAJOR) {
    diagnostics.push({
      severity: 'warning',
      code: 'unknown-plan-version',
      message: `Plan ${source} ${
        version === null
          ? 'states no format_version'
          : `has format_version '${version}'`
      }; it was read as format 1.x`,
    });
  }

  const counts: Record<SpecPlanAction, number> = {
    create: 0,
    update: 0,
    delete: 0,
    replace: 0,
  };
  const resources: SpecPlanResource[] = [];
  let changed = 0;
  for (const change of hasChanges ? (root.resource_changes as unknown[]) : []) {
    if (!isRecord(change) || change.mode === 'data') continue;
    const body = change.change;
    if (!isRecord(body) || !Array.isArray(body.actions)) continue;
    const actions = body.actions.filter(
      (a): a is string => typeof a === 'string',
    );
    const action = planAction(actions);
    if (!action) continue;
    counts[action]++;
    changed++;
    if (resources.length < MAX_PLAN_RESOURCES) {
      const type = typeof change.type === 'string' ? change.type : '';
      const address =
        typeof change.address === 'string' && change.address !== ''
          ? change.address
          : [type, change.name]
              .filter(x => typeof x === 'string' && x)
              .join('.');
      resources.push({ address, type, actions, action });
    }
  }
  const value: SpecPlan = { source, ...counts, resources };
  if (changed === 0) {
    diagnostics.push({
      severity: 'info',
      code: 'plan-without-changes',
      message: `Plan ${source} changes no resources`,
    });
  }
  if (changed > resources.length) {
    value.omittedResources = changed - resources.length;
    diagnostics.push({
      severity: 'info',
      code: 'plan-truncated',
      message: `Plan ${source} changes ${changed.toLocaleString(
        'en-US',
      )} resources; the first ${resources.length} are listed, all are counted`,
    });
  }
  return { value, diagnostics };
}
