/*
 * The normalized spec document: the contract in ../../../../shared/spec-model.md
 * (copied into docs/spec-model.md). Change only by adding optional fields.
 */

/** The format a document was recognised as; third-party formats add their own names. @public */
export type SpecFormat =
  | 'infrastructure-feature'
  | 'infrastructure-change'
  | 'smaqit-infrastructure'
  | 'unknown'
  | (string & {});

/** @public */
export type SpecStatus =
  | 'draft'
  | 'in-review'
  | 'approved'
  | 'implemented'
  | 'superseded'
  | 'rejected'
  | 'unknown';

/** @public */
export type BlastRadiusLevel =
  | 'low'
  | 'medium'
  | 'high'
  | 'critical'
  | 'unknown';

/** @public */
export type RollbackComplexity =
  | 'easy'
  | 'moderate'
  | 'complex'
  | 'irreversible';

/** @public */
export type DowntimeRequirement = 'none' | 'maintenance-window' | 'full-outage';

/** @public */
export type DiagnosticSeverity = 'error' | 'warning' | 'info';

/** A finding about a document; `line` is 1-based, `code` a stable kebab-case id. @public */
export interface SpecDiagnostic {
  severity: DiagnosticSeverity;
  line: number;
  column?: number;
  code: string;
  message: string;
}

/** @public */
export interface SpecCostItem {
  resource: string;
  monthly: number | null;
  notes: string | null;
}

/** @public */
export interface SpecProgress {
  total: number;
  done: number;
}

/** The normalized document every part of infra-specs speaks. @public */
export interface SpecDocument {
  id: string | null;
  /** The name without the id. */
  title: string;
  format: SpecFormat;
  status: SpecStatus;
  /** The status as written, trimmed; null when absent. */
  statusText: string | null;
  complexity: 1 | 2 | 3 | null;
  author: string | null;
  /** ISO date (YYYY-MM-DD). */
  created: string | null;
  /** ISO date (YYYY-MM-DD). */
  updated: string | null;
  /** Link of the tracking issue. */
  issue: string | null;
  impact: {
    blastRadius: { level: BlastRadiusLevel; text: string | null };
    rollback: RollbackComplexity | null;
    downtime: DowntimeRequirement | null;
  };
  cost: {
    /** Negative means savings. */
    monthlyDelta: number | null;
    /** ISO 4217 code. */
    currency: string | null;
    items: SpecCostItem[];
    /**
     * Extension: the linked Infracost estimate. Present once evidence was checked (parseSpec's
     * `evidence` option or checkEvidence): null when none was read; absent when not checked.
     */
    estimate?: SpecCostEstimate | null;
    /**
     * Extension: how the estimate compares with `monthlyDelta` (see costDriftOf). Present with
     * `estimate`; null without an estimate, without a claimed delta, or in another currency.
     */
    drift?: SpecCostDrift | null;
  };
  acceptance: SpecProgress;
  checklists: SpecProgress;
  openClarifications: string[];
  /** FR-NNN and INF-<C>-NNN ids, in document order. */
  requirements: string[];
  successCriteria: string[];
  diagnostics: SpecDiagnostic[];
  /** Extension: the component the spec names itself (`Component:` line or front matter), as written. */
  component?: string | null;
  /** Extension: the summary or problem statement, plain text, for search and cards. */
  summary?: string | null;
  /**
   * Extension: true when the spec has a rollback plan with real content (a `Rollback Plan`
   * section with a step that is not a template hint, or a `**Rollback steps**:` line); false
   * when it has none or only the template's placeholders.
   */
  rollbackPlan?: boolean;
  /** Extension: true for an unfilled template (no id, title missing or a placeholder). */
  blank?: boolean;
  /** Extension: 1-based line where each field was read, for links into the file and set-wide diagnostics. */
  lines?: SpecFieldLines;
  /** Extension: the linked Terraform/OpenTofu plan, once evidence was checked; null otherwise. */
  plan?: SpecPlan | null;
  /** Extension: where the spec links evidence files (front matter keys, metadata lines); one per kind at most. */
  evidence?: SpecEvidenceLink[];
}

/** The kinds of evidence file a spec links: an Infracost estimate or a plan JSON. @public */
export type SpecEvidenceKind = 'estimate' | 'plan';

/** A link from a spec to an evidence file, as written. @public */
export interface SpecEvidenceLink {
  /** What the file is: an Infracost estimate or a plan. */
  kind: SpecEvidenceKind;
  /** The link target as written (`./infracost.json`, `https://…/plan.json`). */
  target: string;
  /** 1-based line of the front matter key or metadata line. */
  line: number;
}

/** Monthly cost change according to an Infracost JSON output (`infracost breakdown|diff --format json`). @public */
export interface SpecCostEstimate {
  /** `diffTotalMonthlyCost` as a number, rounded to cents; negative means savings. */
  monthlyDelta: number;
  /** ISO 4217 code (Infracost's `currency`; USD when absent, Infracost's default). */
  currency: string;
  /** The path or URL it was read from. */
  source: string;
  /** `timeGenerated` (ISO date-time), null when absent. */
  generatedAt: string | null;
  /** The projects of the output with their own delta (null when Infracost could not price it). */
  projects?: Array<{ name: string; monthlyDelta: number | null }>;
}

/** `over`: the estimate costs more than the spec claims; `under`: less; `ok`: within the thresholds. @public */
export type SpecCostDrift = 'over' | 'under' | 'ok';

/** What a plan does to one resource; a replace is a delete and a create in one change. @public */
export type SpecPlanAction = 'create' | 'update' | 'delete' | 'replace';

/** One resource a plan changes. @public */
export interface SpecPlanResource {
  /** `module.db.aws_db_instance.main`. */
  address: string;
  /** `aws_db_instance`. */
  type: string;
  /** Terraform's actions as written (`["delete", "create"]`). */
  actions: string[];
  /** The actions as one: `["delete", "create"]` and `["create", "delete"]` are `replace`. */
  action: SpecPlanAction;
}

/** The changes of a Terraform/OpenTofu plan JSON (`terraform show -json plan.tfplan`). @public */
export interface SpecPlan {
  /** The path or URL it was read from. */
  source: string;
  /** Resources created (Terraform `["create"]`). */
  create: number;
  /** Resources updated in place. */
  update: number;
  /** Resources deleted (not replaced). */
  delete: number;
  /** Resources replaced: deleted and created in one change, in either order. */
  replace: number;
  /** The changed resources in plan order, at most 500 (see `omittedResources`). */
  resources: SpecPlanResource[];
  /** Changed resources left out of `resources` (a huge plan); absent when none. */
  omittedResources?: number;
}

/** Lines of the fields of a {@link SpecDocument}; absent when the field was not found. @public */
export type SpecFieldLines = Partial<
  Record<
    | 'id'
    | 'title'
    | 'status'
    | 'author'
    | 'created'
    | 'updated'
    | 'issue'
    | 'component'
    | 'blastRadius'
    | 'rollback'
    | 'downtime'
    | 'rollbackPlan'
    | 'cost'
    | 'summary',
    number
  >
>;
