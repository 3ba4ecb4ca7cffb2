/*
 * A deliberately tiny template language for the spec skeletons in templates/specs/ (see its README):
 *
 *   {{ name }}                      the value, escaped for where it stands; empty when not given
 *   {{ name ?? literal text }}      the value, or the literal text (the seed's placeholder) when not given
 *   {{ a or b ?? literal }}         the first given of several values
 *   {{#if name}} ... {{/if}}        kept when the value is given (a non-empty list counts)
 *   {{#unless name}} ... {{/unless}} kept when it is not
 *   {{#each name}} ... {{/each}}    once per item of a list; the item's fields are in scope
 *
 * A block tag alone on its line takes the whole line with it, so conditional lines leave no gaps.
 * Values are escaped by context: YAML scalars inside the leading front matter, markdown elsewhere.
 */
import { escapeMarkdownText, yamlScalar } from './escape';

/** A value that is already markdown (`[#12](https://...)`), with its plain form for front matter. */
export interface MarkdownValue {
  markdown: string;
  plain: string;
}

/** A value a template can refer to (internal to the renderer; not exported by the package). */
export type TemplateValue =
  | string
  | number
  | boolean
  | null
  | undefined
  | MarkdownValue
  | TemplateScope[];

/** The names a template can refer to, with their values. */
export interface TemplateScope {
  [name: string]: TemplateValue;
}

type Node =
  | { kind: 'text'; text: string }
  | {
      kind: 'value';
      names: string[];
      fallback: string | undefined;
      lineStart: boolean;
      heading: boolean;
      frontMatter: boolean;
    }
  | { kind: 'if' | 'unless' | 'each'; name: string; children: Node[] };

const NAME = /^[A-Za-z][A-Za-z0-9]*$/;
const TAG = /\{\{([\s\S]*?)\}\}/g;
const STANDALONE_BLOCK_TAG =
  /^[ \t]*(\{\{\s*[#/](?:if|unless|each)\b[^}]*\}\})[ \t]*\r?\n/gm;

function frontMatterEnd(source: string): number {
  if (!source.startsWith('---\n')) return -1;
  const close = source.indexOf('\n---\n', 3);
  return close < 0 ? -1 : close + 1;
}

function parseValueTag(
  body: string,
  offset: number,
  source: string,
  fmEnd: number,
): Node {
  const [expr, ...rest] = body.split('??');
  const fallback = rest.length > 0 ? rest.join('??').trim() : undefined;
  const names = expr.trim().split(/\s+or\s+/);
  for (const name of names) {
    if (!NAME.test(name)) {
      throw new Error(
        `Template tag '{{${body}}}' has an invalid name '${name}'`,
      );
    }
  }
  const lineBegin = source.lastIndexOf('\n', offset - 1) + 1;
  const before = source.slice(lineBegin, offset);
  return {
    kind: 'value',
    names,
    fallback,
    lineStart: before.trim() === '',
    heading: /^#{1,6}\s/.test(before),
    frontMatter: offset < fmEnd,
  };
}

/** Parses a template into a tree; throws on unbalanced or malformed tags. */
export function compileTemplate(template: string): Node[] {
  const source = template.replace(STANDALONE_BLOCK_TAG, '$1');
  const fmEnd = frontMatterEnd(source);
  const root: Node[] = [];
  const stack: Array<{
    kind: 'if' | 'unless' | 'each';
    name: string;
    children: Node[];
  }> = [];
  const current = () =>
    stack.length ? stack[stack.length - 1].children : root;
  let last = 0;
  for (const match of source.matchAll(TAG)) {
    const offset = match.index!;
    if (offset > last)
      current().push({ kind: 'text', text: source.slice(last, offset) });
    last = offset + match[0].length;
    const body = match[1].trim();
    const open = /^#(if|unless|each)\s+([A-Za-z][A-Za-z0-9]*)$/.exec(body);
    const close = /^\/(if|unless|each)$/.exec(body);
    if (open) {
      const block = {
        kind: open[1] as 'if' | 'unless' | 'each',
        name: open[2],
        children: [],
      };
      current().push(block);
      stack.push(block);
    } else if (close) {
      const block = stack.pop();
      if (!block || block.kind !== close[1]) {
        throw new Error(
          `Template has '{{/${close[1]}}}' without a matching '{{#${close[1]} ...}}'`,
        );
      }
    } else if (/^[#/]/.test(body)) {
      throw new Error(`Template has an unknown block tag '{{${match[1]}}}'`);
    } else {
      current().push(parseValueTag(match[1], offset, source, fmEnd));
    }
  }
  if (stack.length) {
    throw new Error(
      `Template block '{{#${stack[stack.length - 1].kind} ${
        stack[stack.length - 1].name
      }}}' is not closed`,
    );
  }
  if (last < source.length)
    root.push({ kind: 'text', text: source.slice(last) });
  return root;
}

function isGiven(value: TemplateValue): boolean {
  if (value === undefined || value === null || value === false || value === '')
    return false;
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'object') return value.markdown !== '';
  return true;
}

function lookup(scopes: TemplateScope[], name: string): TemplateValue {
  for (let i = scopes.length - 1; i >= 0; i--) {
    if (Object.prototype.hasOwnProperty.call(scopes[i], name))
      return scopes[i][name];
  }
  throw new Error(`Template uses unknown variable '${name}'`);
}

function renderValue(
  node: Extract<Node, { kind: 'value' }>,
  scopes: TemplateScope[],
): string {
  for (const name of node.names) {
    const value = lookup(scopes, name);
    if (!isGiven(value)) continue;
    if (Array.isArray(value)) {
      throw new Error(
        `Template variable '${name}' is a list; use it with {{#each ${name}}}`,
      );
    }
    if (typeof value === 'object' && value !== null) {
      return node.frontMatter ? yamlScalar(value.plain) : value.markdown;
    }
    const text = String(value);
    if (typeof value === 'number') return text;
    if (node.frontMatter) return yamlScalar(text);
    return escapeMarkdownText(text, {
      lineStart: node.lineStart,
      heading: node.heading,
    });
  }
  return node.fallback ?? '';
}

function renderNodes(nodes: Node[], scopes: TemplateScope[]): string {
  let out = '';
  for (const node of nodes) {
    if (node.kind === 'text') {
      out += node.text;
    } else if (node.kind === 'value') {
      out += renderValue(node, scopes);
    } else {
      const value = lookup(scopes, node.name);
      if (node.kind === 'if' && isGiven(value))
        out += renderNodes(node.children, scopes);
      if (node.kind === 'unless' && !isGiven(value))
        out += renderNodes(node.children, scopes);
      if (node.kind === 'each' && isGiven(value)) {
        if (!Array.isArray(value)) {
          throw new Error(
            `Template variable '${node.name}' in {{#each}} is not a list`,
          );
        }
        for (const item of value)
          out += renderNodes(node.children, [...scopes, item]);
      }
    }
  }
  return out;
}

/**
 * Renders a template with a scope that must name every variable the template uses (a value may be
 * undefined), so that a misspelt variable fails loudly instead of silently keeping its fallback.
 */
export function renderTemplate(template: string, scope: TemplateScope): string {
  return renderNodes(compileTemplate(template), [scope]);
}

/** The top-level variables a template refers to, in order of first use (list item fields excluded). */
export function templateVariables(template: string): string[] {
  const names = new Set<string>();
  const visit = (nodes: Node[], inItem: boolean) => {
    for (const node of nodes) {
      if (node.kind === 'value') {
        if (!inItem) node.names.forEach(n => names.add(n));
      } else if (node.kind !== 'text') {
        if (!inItem) names.add(node.name);
        visit(node.children, inItem || node.kind === 'each');
      }
    }
  };
  visit(compileTemplate(template), false);
  return [...names];
}
