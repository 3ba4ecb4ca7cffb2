/*
 * JSON.parse of an evidence file with a reason a person can act on: empty, too large, the binary
 * plan file or a tool's table output instead of its JSON, or where the syntax breaks.
 */
import { MAX_EVIDENCE_CHARS } from './limits';

const MAX_REASON_CHARS = 200;

function hint(text: string): string | null {
  const start = text.slice(0, 2000);
  if (start.startsWith('PK\u0003\u0004'))
    return 'it is a binary plan file (a zip); save the JSON with `terraform show -json plan.tfplan > plan.json`';
  if (
    /Terraform (will perform|used the selected providers)|OpenTofu will perform|No changes\. Your infrastructure matches/.test(
      start,
    )
  )
    return 'it is the human-readable plan output; save the JSON with `terraform show -json plan.tfplan > plan.json`';
  if (/OVERALL TOTAL|Monthly cost change for|^Project: /m.test(start))
    return "it is Infracost's table output; save the JSON with `--format json`";
  return null;
}

/** The parsed JSON, or why the text is not JSON. */
export function parseEvidenceJson(
  text: unknown,
): { json: unknown } | { reason: string } {
  if (typeof text !== 'string')
    return { reason: `expected JSON text, got ${typeof text}` };
  if (text.length > MAX_EVIDENCE_CHARS)
    return {
      reason: `it has ${(text.length / 1048576).toFixed(
        1,
      )} M characters, more than the ${
        MAX_EVIDENCE_CHARS / 1048576
      } M an evidence file may have`,
    };
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === '') return { reason: 'the file is empty' };
  try {
    return { json: JSON.parse(body) };
  } catch (e) {
    const known = hint(body);
    if (known) return { reason: known };
    const message = String((e as Error)?.message ?? e).slice(
      0,
      MAX_REASON_CHARS,
    );
    return { reason: `it is not JSON (${message})` };
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** What a JSON value is, for messages (`an array`, `a string`). */
export function describeJson(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}
