/** The plugin's tables (see `migrations/`) and the shape of their rows. */

export const SPECS = 'infra_specs_specs';
export const HISTORY = 'infra_specs_status_history';
export const LOCATIONS = 'infra_specs_locations';
export const CHANGES = 'infra_specs_changes';
export const COUNTERS = 'infra_specs_id_counters';
export const META = 'infra_specs_meta';
export const PULLS = 'infra_specs_pull_requests';
export const PULL_CHANGES = 'infra_specs_pull_changes';
export const PROPOSED = 'infra_specs_proposed_specs';

export type SpecRow = {
  name: string;
  component_ref: string;
  path: string;
  spec_id: string | null;
  title: string;
  search_text: string;
  format: string;
  status: string;
  status_rank: number;
  owner_ref: string;
  blast_radius: string;
  blast_radius_rank: number;
  rollback: string | null;
  downtime: string | null;
  monthly_cost_delta: number | null;
  currency: string | null;
  monthly_cost_estimate: number | null;
  estimate_currency: string | null;
  cost_drift: string | null;
  acceptance_total: number;
  acceptance_done: number;
  updated: string | null;
  error_count: number;
  warning_count: number;
  document: string;
  set_diagnostics: string;
  markdown: string;
  location_target: string;
  view_url: string | null;
  content_hash: string;
  indexed_at: string;
  content_changed_at: string;
  status_changed_at: string;
  removed_at: string | null;
};

/** A spec as the API lists it: no markdown, plus its location's last error. */
export type ListedRow = Omit<SpecRow, 'markdown'> & {
  location_error: string | null;
  location_error_at: string | null;
};

export type LocationRow = {
  component_ref: string;
  target: string;
  owner_ref: string;
  etag: string | null;
  parser_fingerprint: string | null;
  indexed_at: string | null;
  last_error: string | null;
  last_error_at: string | null;
  consecutive_failures: number;
  next_attempt_at: string | null;
  other_files: string;
  warnings: string;
  /** Set while the component is gone from the catalog (its specs are soft-removed). */
  removed_at: string | null;
};

export type PullRow = {
  repository: string;
  pull_number: number;
  url: string;
  title: string;
  head_sha: string;
  indexed_at: string;
};
