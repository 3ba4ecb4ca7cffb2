/*
 * Open clarifications: `[NEEDS CLARIFICATION: ...]` markers anywhere (outside code and HTML
 * comments), and the open items of `Open questions` / `Clarifications` sections. A checked item
 * (`- [x] CL-2 ...`) or a `CL-N — <decision>` line is a resolved one.
 */
import type { SpecDocumentContext } from '../context';
import type { MdSection } from '../document';
import { MAX_FIELD_CHARS } from '../limits';
import { inlineToText } from '../plainText';
import { stripHtmlComments, truncateText } from '../text';

const SECTION_NAMES = [
  'open clarifications',
  'open questions',
  'clarifications',
  'open issues',
  'questions',
  'unresolved questions',
  'outstanding questions',
  'needs clarification',
];
const MARKER = 'needs clarification';
const RESOLVED =
  /^(?:[*_~]{0,2})(?:CL-\d+|resolved\b|answered\b|decided\b)|^~~/i;

/** Inner texts of `[NEEDS CLARIFICATION: ...]` markers, brackets balanced (linear scan). */
export function clarificationMarkers(text: string): string[] {
  const found: string[] = [];
  const lower = text.toLowerCase();
  let at = lower.indexOf(`[${MARKER}`);
  while (at >= 0) {
    let depth = 0;
    let end = -1;
    for (let i = at; i < text.length && i - at < MAX_FIELD_CHARS * 2; i++) {
      const c = text.charCodeAt(i);
      if (c === 91) depth++;
      else if (c === 93 && --depth === 0) {
        end = i;
        break;
      }
    }
    const inner = text.slice(
      at + 1 + MARKER.length,
      end < 0 ? Math.min(text.length, at + MAX_FIELD_CHARS) : end,
    );
    found.push(inlineToText(inner.replace(/^\s*:?\s*/, '')));
    if (end < 0) break;
    at = lower.indexOf(`[${MARKER}`, end + 1);
  }
  return found;
}

function isQuestionSection(section: MdSection): boolean {
  return SECTION_NAMES.some(
    name => section.key === name || section.key.startsWith(`${name} `),
  );
}

export function readClarifications(ctx: SpecDocumentContext): string[] {
  const open: Array<{ line: number; text: string }> = [];
  const seen = new Set<string>();
  const add = (line: number, raw: string) => {
    const text = truncateText(raw.trim(), MAX_FIELD_CHARS);
    if (text === '' || seen.has(text)) return;
    seen.add(text);
    open.push({ line, text });
  };
  const inQuestions = (section: MdSection) => {
    for (let s: MdSection | null = section; s; s = s.parent)
      if (isQuestionSection(s)) return true;
    return false;
  };

  for (const item of ctx.structure.items) {
    const raw = stripHtmlComments(item.text);
    const markers = raw.toLowerCase().includes(`[${MARKER}`)
      ? clarificationMarkers(raw)
      : [];
    if (item.checked === true) continue; // resolved, whatever it says
    if (markers.length > 0) {
      markers.forEach(m => add(item.line, m));
      continue;
    }
    if (item.depth !== 0 || item.quoted || !inQuestions(item.section)) continue;
    const first = raw.split('\n', 1)[0].trim();
    if (RESOLVED.test(first)) continue;
    add(item.line, inlineToText(first));
  }
  for (const paragraph of ctx.structure.paragraphs) {
    const raw = stripHtmlComments(paragraph.text);
    if (!raw.toLowerCase().includes(`[${MARKER}`)) continue;
    if (paragraph.item?.checked === true) continue;
    clarificationMarkers(raw).forEach(m => add(paragraph.line, m));
  }
  for (const table of ctx.structure.tables) {
    for (const row of table.rows) {
      for (const cell of row.cells) {
        if (cell.toLowerCase().includes(`[${MARKER}`))
          clarificationMarkers(cell).forEach(m => add(row.line, m));
      }
    }
  }
  open.sort((a, b) => a.line - b.line);
  for (const entry of open) {
    ctx.report(
      'info',
      entry.line,
      'open-clarification',
      `Open clarification: ${entry.text}`,
    );
  }
  return open.map(entry => entry.text);
}
