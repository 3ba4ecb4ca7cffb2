/*
 * The evidence options of `lint` and `parse`, parsed by commander: each reader throws an
 * InvalidArgumentError (exit 2) whose message says what the value should be.
 */
import { InvalidArgumentError } from 'commander';

/** Evidence files larger than this are refused rather than read (10 MiB). */
export const DEFAULT_MAX_EVIDENCE_BYTES = 10 * 1024 * 1024;

/** What commander hands the commands for the evidence options. */
export interface EvidenceCliOptions {
  /** False with `--no-evidence`. */
  evidence?: boolean;
  evidenceRoot?: string;
  maxEvidenceBytes?: number;
  driftShare?: number;
  driftAmount?: number;
}

const DECIMAL = /^\d+(\.\d+)?$|^\.\d+$/;

/** `0.2` or `20%` -> 0.2; between 0 and 1 (0% and 100%). */
export function parseDriftShare(value: string): number {
  const text = value.trim();
  const percent = text.endsWith('%');
  const number = percent ? text.slice(0, -1).trim() : text;
  const share = DECIMAL.test(number)
    ? Number(number) / (percent ? 100 : 1)
    : NaN;
  if (!Number.isFinite(share) || share < 0 || share > 1) {
    throw new InvalidArgumentError(
      'expected a share of the claimed cost between 0 and 1, or a percentage such as 20%.',
    );
  }
  return share;
}

/** `50` or `12.5`: an amount of 0 or more in the spec's currency. */
export function parseDriftAmount(value: string): number {
  const text = value.trim();
  const amount = DECIMAL.test(text) ? Number(text) : NaN;
  if (!Number.isFinite(amount)) {
    throw new InvalidArgumentError(
      "expected an amount of 0 or more in the spec's currency, such as 50.",
    );
  }
  return amount;
}

/** A whole number of bytes, at least 1. */
export function parseMaxEvidenceBytes(value: string): number {
  const text = value.trim();
  const bytes = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(bytes) || bytes < 1) {
    throw new InvalidArgumentError(
      'expected a whole number of bytes, 1 or more (the default is 10485760, 10 MiB).',
    );
  }
  return bytes;
}
