/*
 * Where a spec links its evidence: front matter (`costEstimate: ./infracost.json`, `plan:`) or a
 * metadata line (`**Cost Estimate**: [infracost](./infracost.json)`, `**Plan**: ./plan.json`).
 * Only targets of `.json` files count, so that `**Plan**: [plan](./plan.md)` or a prose plan is
 * not mistaken for one. Reading the files is the caller's job (see evidenceTargetsOf).
 */
import type { SpecEvidenceKind, SpecEvidenceLink } from '../model/types';
import type { DocumentContext, SpecMetadataEntry } from '../parser/context';

/** Normalized keys (`costEstimate` -> `costestimate`, `cost_estimate` -> `cost estimate`). */
export const EVIDENCE_KEYS: Record<SpecEvidenceKind, string[]> = {
  estimate: [
    'costestimate',
    'cost estimate',
    'infracost',
    'infracost estimate',
    'infracost json',
  ],
  plan: [
    'plan',
    'plan json',
    'planjson',
    'terraform plan',
    'terraformplan',
    'tofu plan',
    'opentofu plan',
    'plan file',
  ],
};

const MAX_TARGET_CHARS = 2000;
const MAX_VALUE_CHARS = 4000;
const MD_LINK_TARGET = /\]\(\s*(?:<([^<>\n]{1,2000})>|([^\s()<>]{1,2000}))/g;
const AUTOLINK = /<([^\s<>]{1,2000})>/g;

/** Whether a link target names a JSON file: its path (query and fragment aside) ends in `.json`. */
export function isJsonTarget(target: string): boolean {
  if (target === '' || target.length > MAX_TARGET_CHARS) return false;
  const path = target.split(/[?#]/, 1)[0];
  return path.toLowerCase().endsWith('.json') && path.length > '.json'.length;
}

/** The first JSON target of a value: markdown links first, then autolinks, then bare words. */
export function jsonTargetIn(value: string): string | null {
  const text = value.slice(0, MAX_VALUE_CHARS);
  for (const m of text.matchAll(MD_LINK_TARGET)) {
    const target = (m[1] ?? m[2]).trim();
    if (isJsonTarget(target)) return target;
  }
  for (const m of text.matchAll(AUTOLINK)) {
    if (isJsonTarget(m[1])) return m[1];
  }
  for (const word of text.split(/\s+/)) {
    // A bracketed word is a link text or a template placeholder (`[plan.json]`), not a target.
    if (word.includes('[') || word.includes(']')) continue;
    const bare = word.replace(/^[`'"(<{]+/, '').replace(/[`'",;:.)>}]+$/, '');
    if (isJsonTarget(bare)) return bare;
  }
  return null;
}

/** The evidence links of a document, one per kind: front matter wins, then the first line. */
export function findEvidenceLinks(ctx: DocumentContext): SpecEvidenceLink[] {
  const links: SpecEvidenceLink[] = [];
  for (const kind of ['estimate', 'plan'] as const) {
    const found: Array<{ entry: SpecMetadataEntry; target: string }> = [];
    for (const entry of ctx.entries(...EVIDENCE_KEYS[kind])) {
      const target = jsonTargetIn(entry.value);
      if (target) found.push({ entry, target });
    }
    if (found.length === 0) continue;
    const [first] = found;
    const other = found.find(f => f.target !== first.target);
    if (other) {
      ctx.report(
        'warning',
        other.entry.line,
        'conflicting-metadata',
        `The ${
          kind === 'estimate' ? 'cost estimate' : 'plan'
        } is linked twice with different files (line ${first.entry.line}: '${
          first.target
        }', line ${other.entry.line}: '${other.target}'); the first is used`,
      );
    }
    links.push({ kind, target: first.target, line: first.entry.line });
  }
  return links;
}
