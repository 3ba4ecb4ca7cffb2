/*
 * Checkbox progress: the acceptance section's checkboxes (nested lists included) and every
 * checkbox of the document.
 */
import type { SpecProgress } from '../../model/types';
import type { SpecDocumentContext } from '../context';
import type { MdListItem } from '../document';

function count(items: MdListItem[]): SpecProgress {
  let total = 0;
  let done = 0;
  for (const item of items) {
    if (item.checked === null) continue;
    total++;
    if (item.checked) done++;
  }
  return { total, done };
}

export function readProgress(
  ctx: SpecDocumentContext,
  acceptanceSections: string[],
): { acceptance: SpecProgress; checklists: SpecProgress } {
  const section =
    acceptanceSections.length > 0
      ? ctx.section(...acceptanceSections)
      : undefined;
  return {
    acceptance: section ? count(ctx.itemsIn(section)) : { total: 0, done: 0 },
    checklists: count(ctx.structure.items),
  };
}
