/*
 * What a format module reads a document through: front matter, header metadata, key/value
 * pairs anywhere (bold lines, bullet lines, two-column tables), sections by meaning, and a
 * diagnostics sink. Indexes are built lazily so that a format only pays for what it asks.
 */
import type { DiagnosticSeverity, SpecDiagnostic } from '../model/types';
import {
  isWithin,
  type MarkdownStructure,
  type MdListItem,
  type MdParagraph,
  type MdSection,
  type MdTable,
} from './document';
import { normalizeKey, normalizeTitle } from './text';

/** One `key: value` the document states. @public */
export interface SpecMetadataEntry {
  /** Normalized key (`last updated`). */
  key: string;
  /** Raw markdown of the value (`[#12](https://...)`), or the YAML value as a string. */
  value: string;
  line: number;
  source: 'front-matter' | 'header' | 'body' | 'table';
}

/** @public */
export interface SpecDocumentContext {
  /** The file path given to parseSpec, if any. */
  readonly path: string | undefined;
  /** YAML front matter, or null. */
  readonly frontMatter: Readonly<Record<string, unknown>> | null;
  readonly structure: MarkdownStructure;
  /** The document's title heading: the first level-1 heading, else the first heading. */
  readonly titleSection: MdSection | null;
  /** Front matter and header-block metadata (bold lines, bullet lines, `Key: value` lines before the first subsection). */
  meta(...keys: string[]): SpecMetadataEntry | undefined;
  /** Like meta(), then key/value pairs anywhere in the body; `prefer` sections are searched first. */
  field(keys: string[], prefer?: string[]): SpecMetadataEntry | undefined;
  /** Key/value pairs of `keys` found inside one of the `sections` only (for loose synonyms such as `Rollback`). */
  fieldWithin(
    keys: string[],
    sections: string[],
  ): SpecMetadataEntry | undefined;
  /** First section whose title means one of `names` (normalized; exact match first, then prefix). */
  section(...names: string[]): MdSection | undefined;
  paragraphsIn(section: MdSection): MdParagraph[];
  itemsIn(section: MdSection): MdListItem[];
  tablesIn(section: MdSection): MdTable[];
  report(
    severity: DiagnosticSeverity,
    line: number,
    code: string,
    message: string,
  ): void;
  readonly diagnostics: SpecDiagnostic[];
}

const MAX_KEY_CHARS = 80;
const BOLD_KEY =
  /^(?:[-*+][ \t]+)?(?:\*\*([^*\n]{1,80}?)\*\*|__([^_\n]{1,80}?)__)[ \t]*(:?)[ \t]*(.*)$/;
const PLAIN_KEY =
  /^(?:[-*+][ \t]+)?([A-Za-z][A-Za-z0-9 _/-]{0,40}?)[ \t]*:[ \t]+(\S.*)$/;

/** `**Spec ID**: SPEC-1`, `**Status:** done`, `- **Owner**: x` -> [key, value]; plain `Key: value` when allowed. */
export function splitKeyValue(
  line: string,
  allowPlain: boolean,
): [string, string] | null {
  const first = line.charCodeAt(0);
  if (
    first === 42 /* * */ ||
    first === 95 /* _ */ ||
    first === 45 /* - */ ||
    first === 43 /* + */
  ) {
    const m = BOLD_KEY.exec(line);
    if (m) {
      let key = (m[1] ?? m[2]).trim();
      const colonInside = key.endsWith(':');
      if (colonInside) key = key.slice(0, -1);
      if (colonInside || m[3] === ':') return [normalizeKey(key), m[4].trim()];
      return null;
    }
  }
  if (allowPlain) {
    const m = PLAIN_KEY.exec(line);
    if (m) return [normalizeKey(m[1]), m[2].trim()];
  }
  return null;
}

/**
 * Key/value lines of a paragraph; a line that is not a key continues the previous value
 * (`**Problem Statement**: The API keeps keys\nin its database.`).
 */
function addParagraphLines(
  paragraph: { text: string; line: number },
  allowPlain: boolean,
  source: SpecMetadataEntry['source'],
  add: (entry: SpecMetadataEntry) => void,
): void {
  const lines = paragraph.text.split('\n');
  let previous: SpecMetadataEntry | null = null;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    const kv = splitKeyValue(line, allowPlain);
    if (kv) {
      previous = { key: kv[0], value: kv[1], line: paragraph.line + i, source };
      add(previous);
    } else if (previous && line !== '' && previous.value.length < 4000) {
      previous.value =
        previous.value === '' ? line : `${previous.value} ${line}`;
    }
  }
}

function stringify(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean')
    return String(value);
  if (value instanceof Date)
    return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (Array.isArray(value)) {
    const parts = value.map(stringify).filter((v): v is string => v !== null);
    return parts.length > 0 ? parts.join(', ') : null;
  }
  return null;
}

export class DocumentContext implements SpecDocumentContext {
  readonly diagnostics: SpecDiagnostic[] = [];
  readonly titleSection: MdSection | null;
  private metaIndex: Map<string, SpecMetadataEntry[]> | null = null;
  private bodyIndex: Map<string, SpecMetadataEntry[]> | null = null;
  private readonly reportedDuplicates = new Set<string>();
  private byKey: Map<string, MdSection[]> | null = null;

  constructor(
    readonly path: string | undefined,
    readonly frontMatter: Record<string, unknown> | null,
    private readonly frontMatterLines: Record<string, number>,
    readonly structure: MarkdownStructure,
  ) {
    const headings = structure.sections.slice(1);
    this.titleSection =
      headings.find(s => s.level === 1 && s.title !== '') ??
      headings.find(s => s.title !== '') ??
      null;
  }

  report(
    severity: DiagnosticSeverity,
    line: number,
    code: string,
    message: string,
  ): void {
    this.diagnostics.push({ severity, line: Math.max(1, line), code, message });
  }

  /** The header block: content before the first heading, and directly under the title heading. */
  private inHeader(section: MdSection): boolean {
    return section.level === 0 || section === this.titleSection;
  }

  private buildMeta(): Map<string, SpecMetadataEntry[]> {
    const index = new Map<string, SpecMetadataEntry[]>();
    const add = (entry: SpecMetadataEntry) => {
      const list = index.get(entry.key);
      if (list) list.push(entry);
      else index.set(entry.key, [entry]);
    };
    for (const [rawKey, rawValue] of Object.entries(this.frontMatter ?? {})) {
      const value = stringify(rawValue);
      if (value === null) continue;
      add({
        key: normalizeKey(rawKey),
        value,
        line: this.frontMatterLines[rawKey] ?? 1,
        source: 'front-matter',
      });
    }
    for (const paragraph of this.structure.paragraphs) {
      if (
        paragraph.quoted ||
        paragraph.item ||
        !this.inHeader(paragraph.section)
      )
        continue;
      addParagraphLines(paragraph, true, 'header', add);
    }
    for (const item of this.structure.items) {
      if (item.quoted || item.depth > 0 || !this.inHeader(item.section))
        continue;
      addParagraphLines(item, true, 'header', add);
    }
    for (const table of this.structure.tables) {
      if (!this.inHeader(table.section) || table.header.length !== 2) continue;
      for (const row of table.rows) {
        const key = normalizeKey(row.cells[0] ?? '');
        if (key)
          add({
            key,
            value: (row.cells[1] ?? '').trim(),
            line: row.line,
            source: 'table',
          });
      }
    }
    return index;
  }

  private buildBody(): Map<string, SpecMetadataEntry[]> {
    const index = new Map<string, SpecMetadataEntry[]>();
    const add = (entry: SpecMetadataEntry) => {
      const list = index.get(entry.key);
      if (list) list.push(entry);
      else index.set(entry.key, [entry]);
    };
    for (const paragraph of this.structure.paragraphs) {
      if (
        this.inHeader(paragraph.section) &&
        !paragraph.item &&
        !paragraph.quoted
      )
        continue;
      addParagraphLines(paragraph, false, 'body', add);
    }
    for (const item of this.structure.items) {
      addParagraphLines(item, false, 'body', add);
    }
    for (const table of this.structure.tables) {
      if (table.header.length < 2) continue;
      for (const row of table.rows) {
        const first = row.cells[0] ?? '';
        if (first.length > MAX_KEY_CHARS) continue; // prose, not a key
        const key = normalizeKey(first);
        if (key)
          add({
            key,
            value: (row.cells[1] ?? '').trim(),
            line: row.line,
            source: 'table',
          });
      }
    }
    // Document order, so that the first statement of a key wins.
    for (const list of index.values()) list.sort((a, b) => a.line - b.line);
    return index;
  }

  meta(...keys: string[]): SpecMetadataEntry | undefined {
    this.metaIndex = this.metaIndex ?? this.buildMeta();
    for (const key of keys) {
      const entries = this.metaIndex.get(key);
      if (!entries) continue;
      // Front matter first (machine-written), then the header block in document order.
      const fromFrontMatter = entries.find(e => e.source === 'front-matter');
      const chosen = fromFrontMatter ?? entries[0];
      const other = entries.find(
        e =>
          e !== chosen &&
          e.value.trim() !== '' &&
          e.value.trim() !== chosen.value.trim(),
      );
      if (other && !this.reportedDuplicates.has(`meta:${key}`)) {
        this.reportedDuplicates.add(`meta:${key}`);
        this.report(
          'warning',
          other.line,
          'conflicting-metadata',
          `'${key}' is stated twice with different values (line ${chosen.line}: '${chosen.value}', line ${other.line}: '${other.value}'); the first is used`,
        );
      }
      return chosen;
    }
    return undefined;
  }

  /**
   * Every statement of the keys, with no conflict reported: front matter first, then the header
   * block and the body's bold lines and table rows, in document order.
   */
  entries(...keys: string[]): SpecMetadataEntry[] {
    this.metaIndex = this.metaIndex ?? this.buildMeta();
    this.bodyIndex = this.bodyIndex ?? this.buildBody();
    const found: SpecMetadataEntry[] = [];
    for (const key of keys) {
      found.push(...(this.metaIndex.get(key) ?? []));
      found.push(...(this.bodyIndex.get(key) ?? []));
    }
    const rank = (e: SpecMetadataEntry) =>
      e.source === 'front-matter' ? 0 : 1;
    return found.sort((a, b) => rank(a) - rank(b) || a.line - b.line);
  }

  field(keys: string[], prefer: string[] = []): SpecMetadataEntry | undefined {
    const fromMeta = this.meta(...keys);
    if (fromMeta) return fromMeta;
    this.bodyIndex = this.bodyIndex ?? this.buildBody();
    const preferred = prefer
      .map(name => this.section(name))
      .filter((s): s is MdSection => s !== undefined);
    for (const key of keys) {
      const entries = this.bodyIndex.get(key);
      if (!entries) continue;
      for (const section of preferred) {
        const inside = entries.find(
          e =>
            this.sectionAt(e.line) &&
            isWithin(this.sectionAt(e.line)!, section),
        );
        if (inside) return inside;
      }
      return entries[0];
    }
    return undefined;
  }

  fieldWithin(
    keys: string[],
    sections: string[],
  ): SpecMetadataEntry | undefined {
    this.bodyIndex = this.bodyIndex ?? this.buildBody();
    const targets = sections
      .map(name => this.section(name))
      .filter((s): s is MdSection => s !== undefined);
    if (targets.length === 0) return undefined;
    for (const key of keys) {
      for (const entry of this.bodyIndex.get(key) ?? []) {
        const at = this.sectionAt(entry.line);
        if (at && targets.some(t => isWithin(at, t))) return entry;
      }
    }
    return undefined;
  }

  /** The section a line belongs to (sections are in line order). */
  private sectionAt(line: number): MdSection | undefined {
    const sections = this.structure.sections;
    let lo = 0;
    let hi = sections.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (sections[mid].line <= line) lo = mid;
      else hi = mid - 1;
    }
    return sections[lo];
  }

  section(...names: string[]): MdSection | undefined {
    for (const raw of names) {
      const exact = this.sectionsByKey().get(normalizeTitle(raw));
      if (!exact) continue;
      if (
        exact.length > 1 &&
        !this.reportedDuplicates.has(`section:${exact[0].key}`)
      ) {
        this.reportedDuplicates.add(`section:${exact[0].key}`);
        this.report(
          'warning',
          exact[1].line,
          'duplicate-section',
          `Section '${exact[0].title}' appears ${
            exact.length
          } times (lines ${exact
            .map(s => s.line)
            .join(', ')}); the first one is read`,
        );
      }
      return exact[0];
    }
    for (const raw of names) {
      const prefix = `${normalizeTitle(raw)} `;
      const prefixed = this.structure.sections.find(s =>
        s.key.startsWith(prefix),
      );
      if (prefixed) return prefixed;
    }
    return undefined;
  }

  /** Sections by normalized title, in document order (built once). */
  private sectionsByKey(): Map<string, MdSection[]> {
    if (!this.byKey) {
      this.byKey = new Map();
      for (const section of this.structure.sections) {
        const list = this.byKey.get(section.key);
        if (list) list.push(section);
        else this.byKey.set(section.key, [section]);
      }
    }
    return this.byKey;
  }

  paragraphsIn(section: MdSection): MdParagraph[] {
    return this.structure.paragraphs.filter(p => isWithin(p.section, section));
  }

  itemsIn(section: MdSection): MdListItem[] {
    return this.structure.items.filter(i => isWithin(i.section, section));
  }

  tablesIn(section: MdSection): MdTable[] {
    return this.structure.tables.filter(t => isWithin(t.section, section));
  }
}
