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
  /** Extension: true for an unfilled template (no id, title missing or a placeholder). */
  blank?: boolean;
  /** Extension: 1-based line where each field was read, for links into the file and set-wide diagnostics. */
  lines?: SpecFieldLines;
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
    | 'cost'
    | 'summary',
    number
  >
>;
