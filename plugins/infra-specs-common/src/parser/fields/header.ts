/*
 * Header fields: id, title, status, author, dates, issue, complexity, component.
 */
import { KubernetesValidatorFunctions } from '@backstage/catalog-model';
import type { SpecDocument } from '../../model/types';
import { normalizeStatus } from '../../vocabulary/normalize';
import type { SpecDocumentContext } from '../context';
import { parseDate } from '../dates';
import { findPlaceholder, isNotApplicable } from '../placeholders';
import { inlineToText } from '../plainText';
import { firstLink, stripHtmlComments, toWords } from '../text';
import { readValue } from './values';

/** Synonyms of the metadata keys, normalized (see docs/spec-model.md). */
export const KEYS = {
  id: ['spec id', 'id', 'feature id', 'spec number'],
  status: ['status', 'state', 'spec status'],
  author: ['author', 'authors', 'owner', 'created by', 'written by'],
  created: ['created', 'created at', 'created on', 'date', 'creation date'],
  updated: [
    'last updated',
    'updated',
    'last modified',
    'modified',
    'updated at',
    'last update',
  ],
  issue: [
    'github issue',
    'issue',
    'tracking issue',
    'gitlab issue',
    'ticket',
    'jira',
    'issues',
  ],
  complexity: ['complexity level', 'complexity'],
  component: ['component', 'catalog component'],
  title: ['title', 'name'],
};

export type HeaderFields = Pick<
  SpecDocument,
  | 'id'
  | 'title'
  | 'status'
  | 'statusText'
  | 'complexity'
  | 'author'
  | 'created'
  | 'updated'
  | 'issue'
  | 'component'
> & {
  lines: Partial<
    Record<
      | 'id'
      | 'title'
      | 'status'
      | 'author'
      | 'created'
      | 'updated'
      | 'issue'
      | 'component',
      number
    >
  >;
  /** True when the title was missing or a placeholder. */
  titleUnfilled: boolean;
};

/** How a format reads its title heading and id. @public */
export interface HeaderOptions {
  /** Removed from the start of the title heading (`Spec:`, `Specification:`). */
  titlePrefix?: RegExp;
  /** Metadata keys of the id, most specific first. */
  idKeys?: string[];
}

// The id and the separator after it: `FEAT-1 — Name`, `FEAT-1: Name`, `FEAT-1:Name`, `FEAT-1 Name`.
// Punctuation after a space that is not followed by one belongs to the name (`FEAT-1 --dry-run`).
const LEADING_ID =
  /^(\[[^\]\n]{1,60}\]|[A-Z][A-Z0-9]*(?:-[A-Z0-9]+){0,4}-\d+)(?:[:–—-]+(?=[^\s:–—-])|(?:\s*[:–—-]+(?![:–—-]))+\s+|\s+|$)/;
const ID_TOKEN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}/;

/** A readable title from a path: `docs/specs/012-kv-store/spec.md` -> `012 kv store`. */
export function titleFromPath(path: string | undefined): string {
  if (!path) return '';
  const parts = path.split(/[\\/]/).filter(Boolean);
  let name = (parts.pop() ?? '').replace(/\.(md|markdown|mdx)$/i, '');
  if (/^(spec|index|readme)$/i.test(name) && parts.length > 0)
    name = parts.pop()!;
  return name.replace(/[-_]+/g, ' ').trim();
}

/**
 * `metaId`: the id the metadata states. A title that opens with another id-like token
 * (`K-9 unit rollout` in a spec whose id is SPEC-0042) keeps it: it is part of the name.
 */
function readTitle(
  ctx: SpecDocumentContext,
  options: HeaderOptions,
  metaId: string | null,
) {
  const section = ctx.titleSection;
  let text = section?.title ?? '';
  let line = section?.line ?? 1;
  if (text === '') {
    const fromMeta = ctx.meta(...KEYS.title);
    if (fromMeta) {
      text = inlineToText(fromMeta.value);
      line = fromMeta.line;
    }
  }
  if (options.titlePrefix) text = text.replace(options.titlePrefix, '');
  let idFromTitle: string | null = null;
  const lead = LEADING_ID.exec(text.slice(0, 200));
  const isHint = lead?.[1].startsWith('[') ?? false;
  const isTheId =
    metaId === null || lead?.[1].toLowerCase() === metaId.toLowerCase();
  if (lead && lead[0].length < text.length && (isHint || isTheId)) {
    // `FEAT-012 Name`, `[FEATURE-ID] [Feature Name]`: the id is not part of the name.
    if (!isHint) idFromTitle = lead[1];
    text = text.slice(lead[0].length);
  }
  text = text.trim();
  const placeholder = text === '' ? null : findPlaceholder(text);
  if (placeholder) {
    ctx.report(
      'warning',
      line,
      'placeholder',
      `Title still holds the template placeholder '${placeholder}'`,
    );
  }
  const unfilled = text === '' || placeholder !== null;
  return {
    title: unfilled ? titleFromPath(ctx.path) : text,
    idFromTitle,
    line,
    unfilled,
  };
}

/** The id the metadata states (`**Spec ID**: SPEC-0042`, front matter `id:`). */
function readMetaId(ctx: SpecDocumentContext, keys: string[]) {
  const value = readValue(ctx, 'Spec ID', ctx.meta(...keys));
  const token = value?.text
    ? ID_TOKEN.exec(value.text.replace(/^#/, ''))
    : null;
  return { id: token ? token[0] : null, value };
}

function readId(
  ctx: SpecDocumentContext,
  meta: ReturnType<typeof readMetaId>,
  idFromTitle: string | null,
) {
  const { id, value } = meta;
  if (id) return { id, line: value!.line };
  if (value?.placeholder) return { id: null, line: value.line };
  return {
    id: idFromTitle,
    line: idFromTitle ? ctx.titleSection?.line : value?.line,
  };
}

function readDate(ctx: SpecDocumentContext, label: string, keys: string[]) {
  const entry = ctx.meta(...keys);
  const value = readValue(ctx, label, entry);
  if (!value?.text) return { date: null, line: entry?.line };
  const date = parseDate(value.text);
  if (!date) {
    ctx.report(
      'warning',
      value.line,
      'invalid-date',
      `${label} '${value.text}' is not a date (expected YYYY-MM-DD)`,
    );
  }
  return { date, line: value.line };
}

function readIssue(ctx: SpecDocumentContext) {
  const entry = ctx.meta(...KEYS.issue);
  if (!entry) return { issue: null, line: undefined };
  const raw = stripHtmlComments(entry.value).trim();
  const placeholder = findPlaceholder(raw);
  if (placeholder) {
    ctx.report(
      'warning',
      entry.line,
      'placeholder',
      `Issue still holds the template placeholder '${placeholder}'`,
    );
    return { issue: null, line: entry.line };
  }
  const text = inlineToText(raw);
  if (text === '' || isNotApplicable(text))
    return { issue: null, line: entry.line };
  const link = firstLink(raw);
  if (link && /^https?:\/\//i.test(link))
    return { issue: link, line: entry.line };
  const token = /^(#\d+|[A-Z][A-Z0-9]+-\d+|https?:\/\/\S+)(?=$|[\s,;(])/.exec(
    text,
  );
  return { issue: token ? token[1] : null, line: entry.line };
}

/**
 * A component value that is a catalog entity name is that name, whatever it spells: `na` and
 * `pending-jobs` are components. Only what cannot be a name (`N/A`, `-`, `TBD — later`) says
 * there is none.
 */
function isNotApplicableComponent(text: string): boolean {
  return (
    !KubernetesValidatorFunctions.isValidObjectName(text) &&
    isNotApplicable(text)
  );
}

function readComplexity(ctx: SpecDocumentContext): 1 | 2 | 3 | null {
  const value = readValue(
    ctx,
    'Complexity Level',
    ctx.meta(...KEYS.complexity),
  );
  if (!value?.text) return null;
  const words = toWords(value.text);
  const digit = /^(?:level )?([123])(?: |$)/.exec(words);
  if (digit) return Number(digit[1]) as 1 | 2 | 3;
  const word = /^(low|simple|medium|moderate|high|complex)\b/.exec(words);
  if (word)
    return (
      {
        low: 1,
        simple: 1,
        medium: 2,
        moderate: 2,
        high: 3,
        complex: 3,
      } as const
    )[word[1] as 'low'];
  ctx.report(
    'warning',
    value.line,
    'unknown-value',
    `Complexity Level '${value.text}' is not 1, 2 or 3`,
  );
  return null;
}

function readAuthor(ctx: SpecDocumentContext) {
  for (const key of KEYS.author) {
    const entry = ctx.meta(key);
    if (!entry) continue;
    // An owner that is an entity ref or a team path is not a person.
    if (key === 'owner' && /^(group|user):|\//i.test(entry.value.trim()))
      continue;
    const value = readValue(ctx, 'Author', entry);
    return { author: value?.text ?? null, line: entry.line };
  }
  return { author: null, line: undefined };
}

export function readHeader(
  ctx: SpecDocumentContext,
  options: HeaderOptions = {},
): HeaderFields {
  const metaId = readMetaId(ctx, options.idKeys ?? KEYS.id);
  const title = readTitle(ctx, options, metaId.id);
  const id = readId(ctx, metaId, title.idFromTitle);
  const statusEntry = ctx.meta(...KEYS.status);
  const statusText = statusEntry
    ? inlineToText(stripHtmlComments(statusEntry.value)) || null
    : null;
  const status = normalizeStatus(statusText);
  if (status.diagnostic) {
    const { severity, code, message } = status.diagnostic;
    ctx.report(severity, statusEntry?.line ?? title.line, code, message);
  }
  const author = readAuthor(ctx);
  const created = readDate(ctx, 'Created', KEYS.created);
  const updated = readDate(ctx, 'Last Updated', KEYS.updated);
  const issue = readIssue(ctx);
  const componentEntry = ctx.meta(...KEYS.component);
  const component = readValue(ctx, 'Component', componentEntry, {
    notApplicable: isNotApplicableComponent,
  });
  return {
    id: id.id,
    title: title.title,
    status: status.status,
    statusText,
    complexity: readComplexity(ctx),
    author: author.author,
    created: created.date,
    updated: updated.date,
    issue: issue.issue,
    component: component?.text ?? null,
    titleUnfilled: title.unfilled,
    lines: {
      id: id.line,
      title: title.line,
      status: statusEntry?.line,
      author: author.line,
      created: created.line,
      updated: updated.line,
      issue: issue.line,
      component: componentEntry?.line,
    },
  };
}
