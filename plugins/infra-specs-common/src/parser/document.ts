/*
 * Markdown structure with line numbers: sections (by heading, any level), paragraphs, list items
 * (checkboxes included) and tables. Built from marked's block lexer only; inline markdown is
 * lexed later, and only for the few values the parser reads.
 */
import { Lexer, type Token, type Tokens } from 'marked';
import { inlineToText } from './plainText';
import { countNewlines, normalizeTitle } from './text';

/** @public */
export interface MdSection {
  /** Heading text as plain text ('' for the root and for headings without text). */
  title: string;
  /** `normalizeTitle(title)`: lower-case words, numbering dropped (`6. Acceptance Criteria` → `acceptance criteria`). */
  key: string;
  /** Heading level 1-6; 0 for the root section (content before the first heading). */
  level: number;
  line: number;
  /** Position in `MarkdownStructure.sections` (document order). */
  index: number;
  /** Index of the last section nested under this one (== index when it has none). */
  end: number;
  parent: MdSection | null;
}

/** @public */
export interface MdParagraph {
  line: number;
  /** Raw inline markdown; lines separated by `\n`. */
  text: string;
  section: MdSection;
  /** Inside a blockquote. */
  quoted: boolean;
  /** The list item the paragraph belongs to (loose lists), if any. */
  item: MdListItem | null;
}

/** @public */
export interface MdListItem {
  line: number;
  /** Raw inline markdown of the item's first block, checkbox removed. */
  text: string;
  /** true/false for task items (`- [x]` / `- [ ]`), null for plain items. */
  checked: boolean | null;
  /** 0 for top-level items. */
  depth: number;
  parent: MdListItem | null;
  section: MdSection;
  quoted: boolean;
}

/** @public */
export interface MdTableRow {
  line: number;
  /** Raw inline markdown of each cell, padded or cut to the header's length. */
  cells: string[];
}

/** @public */
export interface MdTable {
  line: number;
  /** Header cells as plain text. */
  header: string[];
  /** `normalizeTitle` of each header cell. */
  headerKeys: string[];
  rows: MdTableRow[];
  section: MdSection;
  /** First row whose cell count differs from the header's, if any. */
  malformed: { line: number; cells: number } | null;
}

/** @public */
export interface MarkdownStructure {
  sections: MdSection[];
  paragraphs: MdParagraph[];
  items: MdListItem[];
  tables: MdTable[];
  /** Lines of headings that have no text. */
  emptyHeadings: number[];
}

interface WalkState {
  section: MdSection;
  quoted: boolean;
  item: MdListItem | null;
  depth: number;
}

const TASK_PREFIX = /^\[[ xX]\][ \t]+/;

/** Cells of one raw table row: unescaped pipes outside the outer ones, as GFM counts them. */
function countCells(row: string): number {
  let text = row.trim();
  if (text.startsWith('|')) text = text.slice(1);
  if (text.endsWith('|') && !text.endsWith('\\|')) text = text.slice(0, -1);
  let cells = 1;
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) === 92 /* \ */) i++;
    else if (text.charCodeAt(i) === 124 /* | */) cells++;
  }
  return cells;
}

class StructureBuilder {
  readonly structure: MarkdownStructure;
  private readonly stack: MdSection[];

  constructor(firstLine: number) {
    const root: MdSection = {
      title: '',
      key: '',
      level: 0,
      line: firstLine,
      index: 0,
      end: 0,
      parent: null,
    };
    this.structure = {
      sections: [root],
      paragraphs: [],
      items: [],
      tables: [],
      emptyHeadings: [],
    };
    this.stack = [root];
  }

  get root(): MdSection {
    return this.structure.sections[0];
  }

  heading(token: Tokens.Heading, line: number): MdSection {
    const title = inlineToText(token.text);
    if (title === '') this.structure.emptyHeadings.push(line);
    while (
      this.stack.length > 1 &&
      this.stack[this.stack.length - 1].level >= token.depth
    ) {
      this.stack.pop();
    }
    const parent = this.stack[this.stack.length - 1];
    const index = this.structure.sections.length;
    const section: MdSection = {
      title,
      key: normalizeTitle(title),
      level: token.depth,
      line,
      index,
      end: index,
      parent,
    };
    for (const open of this.stack) open.end = index;
    this.structure.sections.push(section);
    this.stack.push(section);
    return section;
  }

  walk(tokens: Token[], line: number, state: WalkState): void {
    let current = line;
    for (const token of tokens) {
      switch (token.type) {
        case 'heading':
          if (state.depth === 0 && !state.quoted && state.item === null) {
            state.section = this.heading(token as Tokens.Heading, current);
          } else {
            // Headings inside lists or quotes are content, not structure.
            this.paragraph((token as Tokens.Heading).text, current, state);
          }
          break;
        case 'paragraph':
        case 'text':
          this.paragraph((token as Tokens.Paragraph).text, current, state);
          break;
        case 'table':
          this.table(token as Tokens.Table, current, state);
          break;
        case 'list':
          this.list(token as Tokens.List, current, state);
          break;
        case 'blockquote':
          this.walk((token as Tokens.Blockquote).tokens, current, {
            ...state,
            quoted: true,
          });
          break;
        default:
          break; // code, html, hr, space, def: nothing the parser reads
      }
      current += countNewlines(token.raw);
    }
  }

  private paragraph(text: string, line: number, state: WalkState): void {
    this.structure.paragraphs.push({
      line,
      text,
      section: state.section,
      quoted: state.quoted,
      item: state.item,
    });
  }

  private list(list: Tokens.List, line: number, state: WalkState): void {
    let itemLine = line;
    for (const raw of list.items) {
      const tokens = raw.tokens ?? [];
      let first = 0;
      while (
        first < tokens.length &&
        (tokens[first].type === 'checkbox' || tokens[first].type === 'space')
      )
        first++;
      const head = tokens[first];
      const hasText =
        head !== undefined &&
        (head.type === 'text' || head.type === 'paragraph');
      let text = hasText ? (head as Tokens.Text).text : '';
      if (raw.task) text = text.replace(TASK_PREFIX, '');
      const item: MdListItem = {
        line: itemLine,
        text,
        checked: raw.task ? Boolean(raw.checked) : null,
        depth: state.depth,
        parent: state.item,
        section: state.section,
        quoted: state.quoted,
      };
      this.structure.items.push(item);
      // Nested blocks: lines counted from the item's first line through the tokens before them.
      let nestedLine = itemLine;
      for (let i = 0; i < tokens.length; i++) {
        const token = tokens[i];
        if (i !== first || !hasText) {
          if (token.type !== 'checkbox' && token.type !== 'space') {
            this.walk([token], nestedLine, {
              ...state,
              item,
              depth: state.depth + 1,
            });
          }
        }
        nestedLine += countNewlines(token.raw);
      }
      itemLine += countNewlines(raw.raw);
    }
  }

  private table(token: Tokens.Table, line: number, state: WalkState): void {
    const width = token.header.length;
    const rawRows = token.raw.split('\n');
    let malformed: MdTable['malformed'] = null;
    for (let i = 2; i < rawRows.length && !malformed; i++) {
      if (rawRows[i].trim() === '') continue;
      const cells = countCells(rawRows[i]);
      if (cells !== width) malformed = { line: line + i, cells };
    }
    const header = token.header.map(cell => inlineToText(cell.text));
    this.structure.tables.push({
      line,
      header,
      headerKeys: header.map(normalizeTitle),
      rows: token.rows.map((row, i) => ({
        line: line + 2 + i,
        cells: row.map(cell => cell.text),
      })),
      section: state.section,
      malformed,
    });
  }
}

/**
 * Reads the block structure of `markdown`, whose first line is line `firstLine` of the file.
 * Throws only what marked throws (the caller guards nesting depth and size before).
 */
export function readMarkdown(
  markdown: string,
  firstLine = 1,
): MarkdownStructure {
  const builder = new StructureBuilder(firstLine);
  // blockTokens without lex(): no inline pass over the whole document.
  const tokens = new Lexer({ gfm: true }).blockTokens(markdown, []);
  builder.walk(tokens, firstLine, {
    section: builder.root,
    quoted: false,
    item: null,
    depth: 0,
  });
  return builder.structure;
}

/** True when `inner` is `outer` or nested under it. */
export function isWithin(inner: MdSection, outer: MdSection): boolean {
  return inner.index >= outer.index && inner.index <= outer.end;
}
