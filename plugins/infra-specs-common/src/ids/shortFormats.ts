import type { SpecTemplateFormat } from '../render/values';
import { SMAQIT_PREFIX } from './smaqitIds';

/**
 * The short format names the scaffolder's `infra-specs:create` and `infra-specs new` take, with the
 * format each stands for and the prefix of its ids (smaqit ids name a concept after `INF-`).
 * @public
 */
export const SPEC_SHORT_FORMATS = {
  feature: { format: 'infrastructure-feature', idPrefix: 'FEAT' },
  change: { format: 'infrastructure-change', idPrefix: 'SPEC' },
  smaqit: { format: 'smaqit-infrastructure', idPrefix: SMAQIT_PREFIX },
} as const satisfies Record<
  string,
  { format: SpecTemplateFormat; idPrefix: string }
>;

/** `feature`, `change` or `smaqit`. @public */
export type SpecShortFormat = keyof typeof SPEC_SHORT_FORMATS;

/** The short format names, in the order forms and help texts list them. @public */
export const SPEC_SHORT_FORMAT_NAMES = Object.keys(SPEC_SHORT_FORMATS) as [
  SpecShortFormat,
  ...SpecShortFormat[],
];
