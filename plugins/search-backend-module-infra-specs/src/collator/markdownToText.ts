/*
 * Markdown -> plain text for the search index: the words people search for, without the
 * syntax around them (`**`, `|`, `#`, link targets, HTML comments).
 */
import { Lexer, type Token, type Tokens } from 'marked';

const TAG = /<[^>]*>/g;

function inline(tokens: Token[] | undefined, out: string[]): void {
  for (const token of tokens ?? []) {
    switch (token.type) {
      case 'html':
        // inline HTML: keep what is between the tags, never the tags or comments
        out.push(stripHtml((token as Tokens.HTML).text));
        break;
      case 'br':
        out.push(' ');
        break;
      case 'checkbox':
        break;
      case 'image':
        out.push((token as Tokens.Image).text);
        break;
      case 'codespan':
      case 'escape':
        out.push((token as Tokens.Codespan).text);
        break;
      default: {
        const children = (token as { tokens?: Token[] }).tokens;
        if (children && children.length > 0) {
          inline(children, out);
        } else if ('text' in token && typeof token.text === 'string') {
          out.push(token.text);
        }
      }
    }
  }
}

function stripHtml(html: string): string {
  return html.replace(/<!--[\s\S]*?(-->|$)/g, ' ').replace(TAG, ' ');
}

function line(tokens: Token[] | undefined): string {
  const out: string[] = [];
  inline(tokens, out);
  return out.join('').replace(/\s+/g, ' ').trim();
}

function blocks(tokens: Token[], out: string[]): void {
  for (const token of tokens) {
    switch (token.type) {
      case 'space':
      case 'hr':
      case 'def':
        break;
      case 'html': {
        const text = stripHtml((token as Tokens.HTML).text)
          .replace(/\s+/g, ' ')
          .trim();
        if (text) out.push(text);
        break;
      }
      case 'code':
        out.push((token as Tokens.Code).text);
        break;
      case 'heading':
      case 'paragraph':
        out.push(line((token as Tokens.Heading | Tokens.Paragraph).tokens));
        break;
      case 'text': {
        // a block-level text token (tight list items) may hold inline tokens
        const text = token as Tokens.Text;
        out.push(
          text.tokens
            ? line(text.tokens)
            : text.text.replace(/\s+/g, ' ').trim(),
        );
        break;
      }
      case 'blockquote':
        blocks((token as Tokens.Blockquote).tokens, out);
        break;
      case 'list':
        for (const item of (token as Tokens.List).items) {
          blocks(item.tokens, out);
        }
        break;
      case 'table': {
        const table = token as Tokens.Table;
        out.push(table.header.map(cell => line(cell.tokens)).join(' '));
        for (const row of table.rows) {
          out.push(row.map(cell => line(cell.tokens)).join(' '));
        }
        break;
      }
      default: {
        const children = (token as { tokens?: Token[] }).tokens;
        if (children) {
          out.push(line(children));
        } else if ('text' in token && typeof token.text === 'string') {
          out.push(token.text);
        }
      }
    }
  }
}

/**
 * The text of a markdown document, one line per block (headings, paragraphs, list items,
 * table rows, code). Empty lines are dropped.
 */
export function markdownToText(markdown: string): string {
  const out: string[] = [];
  blocks(new Lexer({ gfm: true }).lex(markdown), out);
  return out
    .map(text => text.trim())
    .filter(Boolean)
    .join('\n');
}
