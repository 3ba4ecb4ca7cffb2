/*
 * Checks that need every document of a location: ids used by more than one spec, and statuses
 * that contradict the folder a spec sits in.
 */
import type { SpecDiagnostic, SpecDocument } from '../model/types';
import { isOpenStatus } from '../vocabulary/statuses';
import { isSpecFile } from './isSpecFile';

const FINISHED_FOLDERS = new Set([
  'done',
  'completed',
  'complete',
  'archive',
  'archived',
  'implemented',
  'shipped',
]);

/**
 * Set-wide diagnostics by path: `duplicate-id` (a warning on each spec sharing an id, naming the
 * others) and `status-location-mismatch` (an open spec, see isOpenStatus: draft, in review,
 * approved or of unknown status, under a `done/`, `completed/` or `archive/` folder). Only spec files (see isSpecFile) take part; every given path
 * has an entry, possibly empty.
 * @public
 */
export function lintSpecSet(
  entries: Array<{ path: string; document: SpecDocument }>,
): Map<string, SpecDiagnostic[]> {
  const result = new Map<string, SpecDiagnostic[]>();
  for (const { path } of entries) result.set(path, []);
  const specs = entries.filter(e => isSpecFile(e.path, e.document));

  const byId = new Map<
    string,
    Array<{ path: string; document: SpecDocument }>
  >();
  for (const entry of specs) {
    const id = entry.document.id?.trim().toUpperCase();
    if (!id) continue;
    const list = byId.get(id);
    if (list) list.push(entry);
    else byId.set(id, [entry]);
  }
  for (const group of byId.values()) {
    if (group.length < 2) continue;
    for (const entry of group) {
      const others = group.filter(o => o !== entry).map(o => o.path);
      result.get(entry.path)!.push({
        severity: 'warning',
        line: entry.document.lines?.id ?? 1,
        code: 'duplicate-id',
        message: `Id ${entry.document.id} is also used by ${others.join(', ')}`,
      });
    }
  }

  for (const entry of specs) {
    if (!isOpenStatus(entry.document.status)) continue;
    const folders = entry.path.split(/[\\/]+/).slice(0, -1);
    const finished = folders.find(f => FINISHED_FOLDERS.has(f.toLowerCase()));
    if (!finished) continue;
    result.get(entry.path)!.push({
      severity: 'warning',
      line: entry.document.lines?.status ?? 1,
      code: 'status-location-mismatch',
      message: `Status is '${entry.document.status}' but the spec sits in the '${finished}/' folder of finished specs`,
    });
  }
  for (const list of result.values()) list.sort((a, b) => a.line - b.line);
  return result;
}
