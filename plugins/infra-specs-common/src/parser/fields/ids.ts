/*
 * Requirement and success-criterion ids, in document order, each once. Definitions (an item,
 * table row or heading that starts with the id) count; mentions elsewhere only when a document
 * defines none, so `see FR-001 of SPEC-0042` in prose does not invent requirements.
 */
import type { SpecDocumentContext } from '../context';

const REQUIREMENT =
  /^[^A-Za-z0-9]{0,6}(FR-\d{1,4}|INF-[A-Z0-9]+(?:-[A-Z0-9]+){0,6}-\d{3})(?![A-Za-z0-9-])/;
const CRITERION = /^[^A-Za-z0-9]{0,6}(SC-\d{1,4})(?![A-Za-z0-9-])/;
const REQUIREMENT_ANY =
  /\b(FR-\d{1,4}|INF-[A-Z0-9]+(?:-[A-Z0-9]+){0,6}-\d{3})(?![A-Za-z0-9-])/g;
const CRITERION_ANY = /\b(SC-\d{1,4})(?![A-Za-z0-9-])/g;

function collect(
  ctx: SpecDocumentContext,
  definition: RegExp,
  mention: RegExp,
): string[] {
  const found: Array<{ line: number; id: string }> = [];
  const { items, tables, sections, paragraphs } = ctx.structure;
  for (const item of items) {
    const m = definition.exec(item.text);
    if (m) found.push({ line: item.line, id: m[1] });
  }
  for (const table of tables) {
    for (const row of table.rows) {
      const m = definition.exec(row.cells[0] ?? '');
      if (m) found.push({ line: row.line, id: m[1] });
    }
  }
  for (const section of sections) {
    const m = definition.exec(section.title);
    if (m) found.push({ line: section.line, id: m[1] });
  }
  if (found.length === 0) {
    const scan = (text: string, line: number) => {
      if (!text.includes('-')) return;
      for (const m of text.matchAll(mention)) found.push({ line, id: m[1] });
    };
    items.forEach(i => scan(i.text, i.line));
    paragraphs.forEach(p => scan(p.text, p.line));
    tables.forEach(t =>
      t.rows.forEach(r => r.cells.forEach(c => scan(c, r.line))),
    );
  }
  found.sort((a, b) => a.line - b.line);
  return [...new Set(found.map(f => f.id))];
}

export function readIds(ctx: SpecDocumentContext): {
  requirements: string[];
  successCriteria: string[];
} {
  return {
    requirements: collect(ctx, REQUIREMENT, REQUIREMENT_ANY),
    successCriteria: collect(ctx, CRITERION, CRITERION_ANY),
  };
}
