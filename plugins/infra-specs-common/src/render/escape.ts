/*
 * Escaping of values written into a spec, so that no value can change the document's structure:
 * every value is one line of text, markdown punctuation that would start markup is backslash-escaped
 * (CommonMark allows a backslash before any ASCII punctuation), and front matter values are YAML
 * scalars. Plain words stay plain: `snake_case`, `C#` in a paragraph and `$120` are left alone.
 */

// C0 controls except tab/newline/CR (turned into spaces below) and DEL: never meaningful in a spec.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

/** The value as one line: control characters dropped, every run of whitespace (newlines too) one space. */
export function singleLine(text: string): string {
  return text.replace(CONTROL, '').replace(/\s+/g, ' ').trim();
}

const ALWAYS = new Set(['\\', '`', '*', '[', ']', '<', '|', '~']);
const WORD_CHAR = /[\p{L}\p{N}]/u;
const ENTITY_AHEAD =
  /^&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});/;

/**
 * Markdown text for one inline value. `lineStart`: the value opens a line (a paragraph), so a leading
 * `#`, `>`, `-`, `+`, `=` or `1.` would start a block. `heading`: the value sits in an ATX heading,
 * where a trailing `#` run would be read as the closing sequence.
 */
export function escapeMarkdownText(
  text: string,
  options: { lineStart?: boolean; heading?: boolean } = {},
): string {
  const value = singleLine(text);
  let out = '';
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (ALWAYS.has(c)) {
      out += `\\${c}`;
    } else if (c === '_') {
      // Intraword underscores never make emphasis; only escape the ones at a word boundary.
      const inside =
        WORD_CHAR.test(value[i - 1] ?? '') &&
        WORD_CHAR.test(value[i + 1] ?? '');
      out += inside ? c : '\\_';
    } else if (c === '&') {
      out += ENTITY_AHEAD.test(value.slice(i, i + 40)) ? '\\&' : c;
    } else if (c === '#' && options.heading) {
      out += '\\#';
    } else {
      out += c;
    }
  }
  if (options.lineStart) {
    if (/^[#>+=-]/.test(out)) {
      out = `\\${out}`;
    } else {
      out = out.replace(/^(\d{1,9})([.)])/, '$1\\$2');
    }
  }
  return out;
}

const YAML_WORDS = /^(?:true|false|yes|no|on|off|y|n|null|~)$/i;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A YAML scalar for one front matter value: plain when it cannot be misread (`INF-GPU`, `Jane Doe`,
 * `2026-01-05`, a URL), else a double-quoted JSON string, which is valid YAML.
 */
export function yamlScalar(text: string): string {
  const value = singleLine(text);
  if (ISO_DATE.test(value)) return value;
  const plain =
    /^[A-Za-z][A-Za-z0-9 ._/@+:()-]*$/.test(value) &&
    !/:(?: |$)/.test(value) &&
    !/ $/.test(value) &&
    !YAML_WORDS.test(value);
  return plain ? value : JSON.stringify(value);
}
