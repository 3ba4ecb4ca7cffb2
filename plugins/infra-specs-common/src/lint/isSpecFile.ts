/*
 * Which files are specs (docs/spec-model.md, "Which files are specs"): markdown the parser
 * recognised as a format, not a blank template, and not one of a spec folder's companion files.
 */
import type { SpecDocument } from '../model/types';

/** Companion files of a spec folder and repository documents that are never specs themselves. */
const NOT_SPECS = new Set([
  'plan',
  'clarifications',
  'tasks',
  'summary',
  'readme',
  'changelog',
  'contributing',
  'research',
  'data-model',
  'quickstart',
  'verification',
  'checklist',
  'template',
]);

const TEMPLATE_FOLDERS = new Set([
  'templates',
  'template',
  '.templates',
  '_templates',
]);

function segments(path: string): string[] {
  return path.split(/[\\/]+/).filter(s => s !== '' && s !== '.');
}

/**
 * True when the file at `path` is a spec: a recognised format, not a blank template (no id and
 * only placeholders, or anywhere under a `templates/` folder), and not `plan.md`,
 * `clarifications.md`, `tasks.md`, `SUMMARY.md`, `README.md`, a constitution or similar.
 * @public
 */
export function isSpecFile(path: string, document: SpecDocument): boolean {
  const parts = segments(path);
  const file = parts.pop() ?? '';
  const match = /^(.*)\.(md|markdown|mdx)$/i.exec(file);
  if (!match) return false;
  const name = match[1].toLowerCase();
  if (NOT_SPECS.has(name) || name.includes('constitution')) return false;
  if (parts.some(part => TEMPLATE_FOLDERS.has(part.toLowerCase())))
    return false;
  if (document.format === 'unknown') return false;
  if (document.blank) return false;
  return true;
}
