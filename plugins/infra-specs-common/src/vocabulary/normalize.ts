/*
 * Free text → vocabulary value, per the contract's tables (docs/spec-model.md). Surrounding
 * emoji, markup and punctuation are ignored; a leading phrase decides (`High — all clusters`).
 */
import type {
  BlastRadiusLevel,
  DiagnosticSeverity,
  DowntimeRequirement,
  RollbackComplexity,
  SpecStatus,
} from '../model/types';
import { findPlaceholder } from '../parser/placeholders';
import { toWords } from '../parser/text';

/** A diagnostic without its line: the caller knows where the text was. @public */
export interface VocabularyDiagnostic {
  severity: DiagnosticSeverity;
  code: string;
  message: string;
}

/** @public */
export interface Normalized<T> {
  value: T;
  diagnostic?: VocabularyDiagnostic;
}

type Synonyms<T> = ReadonlyArray<readonly [string, T]>;

const STATUS_SYNONYMS: Synonyms<SpecStatus> = [
  ['draft', 'draft'],
  ['wip', 'draft'],
  ['work in progress', 'draft'],
  ['proposed', 'draft'],
  ['proposal', 'draft'],
  ['in review', 'in-review'],
  ['review', 'in-review'],
  ['under review', 'in-review'],
  ['ready for review', 'in-review'],
  ['pending review', 'in-review'],
  ['approved', 'approved'],
  ['accepted', 'approved'],
  ['implementing', 'approved'],
  ['in progress', 'approved'],
  ['implemented', 'implemented'],
  ['done', 'implemented'],
  ['complete', 'implemented'],
  ['completed', 'implemented'],
  ['shipped', 'implemented'],
  ['deployed', 'implemented'],
  ['validated', 'implemented'],
  ['released', 'implemented'],
  ['finished', 'implemented'],
  ['superseded', 'superseded'],
  ['deprecated', 'superseded'],
  ['replaced', 'superseded'],
  ['obsolete', 'superseded'],
  ['rejected', 'rejected'],
  ['declined', 'rejected'],
  ['abandoned', 'rejected'],
  ['cancelled', 'rejected'],
  ['canceled', 'rejected'],
  ['withdrawn', 'rejected'],
];

const ROLLBACK_SYNONYMS: Synonyms<RollbackComplexity> = [
  ['easy', 'easy'],
  ['simple', 'easy'],
  ['trivial', 'easy'],
  ['low', 'easy'],
  ['moderate', 'moderate'],
  ['medium', 'moderate'],
  ['complex', 'complex'],
  ['hard', 'complex'],
  ['difficult', 'complex'],
  ['high', 'complex'],
  ['irreversible', 'irreversible'],
  ['not reversible', 'irreversible'],
  ['impossible', 'irreversible'],
  ['one way', 'irreversible'],
];

const DOWNTIME_SYNONYMS: Synonyms<DowntimeRequirement> = [
  ['none', 'none'],
  ['no', 'none'],
  ['no downtime', 'none'],
  ['zero', 'none'],
  ['zero downtime', 'none'],
  ['0', 'none'],
  ['not required', 'none'],
  ['not needed', 'none'],
  ['maintenance window', 'maintenance-window'],
  ['maintenance', 'maintenance-window'],
  ['scheduled', 'maintenance-window'],
  ['planned', 'maintenance-window'],
  ['partial', 'maintenance-window'],
  ['brief', 'maintenance-window'],
  ['full outage', 'full-outage'],
  ['outage', 'full-outage'],
  ['full', 'full-outage'],
  ['complete outage', 'full-outage'],
];

const BLAST_SYNONYMS: Synonyms<Exclude<BlastRadiusLevel, 'unknown'>> = [
  ['low', 'low'],
  ['minimal', 'low'],
  ['minor', 'low'],
  ['small', 'low'],
  ['limited', 'low'],
  ['medium', 'medium'],
  ['moderate', 'medium'],
  ['med', 'medium'],
  ['high', 'high'],
  ['large', 'high'],
  ['major', 'high'],
  ['wide', 'high'],
  ['critical', 'critical'],
  ['severe', 'critical'],
  ['very high', 'critical'],
];

function lookup<T>(synonyms: Synonyms<T>, words: string): T | undefined {
  for (const [phrase, value] of synonyms) if (phrase === words) return value;
  return undefined;
}

/** Exact match of the whole text, else of its first three, two or one words. */
function match<T>(synonyms: Synonyms<T>, text: string): T | undefined {
  const words = toWords(text);
  if (words === '') return undefined;
  const exact = lookup(synonyms, words);
  if (exact !== undefined) return exact;
  const parts = words.split(' ', 4);
  for (let n = Math.min(3, parts.length - 1); n >= 1; n--) {
    const found = lookup(synonyms, parts.slice(0, n).join(' '));
    if (found !== undefined) return found;
  }
  return undefined;
}

/** `Draft | In Review | Approved`, `Easy / Moderate / Complex`: the template's unfilled choice. */
function isOptionList<T>(synonyms: Synonyms<T>, text: string): boolean {
  const parts = text.split(/[|/]/);
  if (parts.length < 2) return false;
  return parts.every(p => {
    const words = toWords(p);
    return words !== '' && lookup(synonyms, words) !== undefined;
  });
}

function unfilledOrPlaceholder(
  label: string,
  text: string,
  optionList: boolean,
): VocabularyDiagnostic | undefined {
  if (optionList) {
    return {
      severity: 'warning',
      code: 'placeholder',
      message: `${label} still holds the template's choices '${text}': pick one`,
    };
  }
  const placeholder = findPlaceholder(text);
  if (placeholder) {
    return {
      severity: 'warning',
      code: 'placeholder',
      message: `${label} still holds the template placeholder '${placeholder}'`,
    };
  }
  return undefined;
}

/**
 * Maps a written status to the vocabulary. The template's option list and anything unknown give
 * `unknown` with a diagnostic.
 * @public
 */
export function normalizeStatus(text: string | null | undefined): {
  status: SpecStatus;
  diagnostic?: VocabularyDiagnostic;
} {
  const written = (text ?? '').trim();
  if (toWords(written) === '') {
    return {
      status: 'unknown',
      diagnostic: {
        severity: 'warning',
        code: 'missing-status',
        message: 'The spec states no status',
      },
    };
  }
  const unfilled = unfilledOrPlaceholder(
    'Status',
    written,
    isOptionList(STATUS_SYNONYMS, written),
  );
  if (unfilled) return { status: 'unknown', diagnostic: unfilled };
  const status = match(STATUS_SYNONYMS, written);
  if (status) return { status };
  return {
    status: 'unknown',
    diagnostic: {
      severity: 'warning',
      code: 'unknown-status',
      message: `Unknown status '${written}'; expected one of draft, in review, approved, implemented, superseded, rejected`,
    },
  };
}

function normalizeChoice<T>(
  label: string,
  synonyms: Synonyms<T>,
  expected: string,
  text: string | null | undefined,
): Normalized<T | null> {
  const written = (text ?? '').trim();
  if (toWords(written) === '') return { value: null };
  const unfilled = unfilledOrPlaceholder(
    label,
    written,
    isOptionList(synonyms, written),
  );
  if (unfilled) return { value: null, diagnostic: unfilled };
  const value = match(synonyms, written);
  if (value !== undefined) return { value };
  return {
    value: null,
    diagnostic: {
      severity: 'warning',
      code: 'unknown-value',
      message: `${label} '${written}' is not one of ${expected}`,
    },
  };
}

/** `Moderate`, `Complex — needs a snapshot restore` → rollback complexity. @public */
export function normalizeRollback(
  text: string | null | undefined,
): Normalized<RollbackComplexity | null> {
  return normalizeChoice(
    'Rollback Complexity',
    ROLLBACK_SYNONYMS,
    'easy, moderate, complex, irreversible',
    text,
  );
}

/** `None`, `Maintenance Window`, `Full Outage` → downtime requirement. @public */
export function normalizeDowntime(
  text: string | null | undefined,
): Normalized<DowntimeRequirement | null> {
  return normalizeChoice(
    'Downtime Required',
    DOWNTIME_SYNONYMS,
    'none, maintenance window, full outage',
    text,
  );
}

/**
 * Blast radius level from the leading word of the cell (`High — all clusters`, `**Medium**: ...`);
 * free text without a level is `unknown` (no diagnostic: the text itself is kept).
 * @public
 */
export function normalizeBlastRadius(
  text: string | null | undefined,
): Normalized<BlastRadiusLevel> {
  const written = (text ?? '').trim();
  if (toWords(written) === '') return { value: 'unknown' };
  const unfilled = unfilledOrPlaceholder(
    'Blast Radius',
    written,
    isOptionList(BLAST_SYNONYMS, written),
  );
  if (unfilled) return { value: 'unknown', diagnostic: unfilled };
  const words = toWords(written).split(' ', 3);
  const two = lookup(BLAST_SYNONYMS, words.slice(0, 2).join(' '));
  const one = lookup(BLAST_SYNONYMS, words[0]);
  return { value: two ?? one ?? 'unknown' };
}
