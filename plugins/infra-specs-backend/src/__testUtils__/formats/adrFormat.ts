/*
 * Spec formats as modules, for the parser pool's tests: worker threads load these by path.
 */
import {
  readSpecFields,
  type SpecFormatDefinition,
} from '@infra-specs/backstage-plugin-infra-specs-common';

/** Architecture decision records: `# ADR-0007: Use Karpenter`. */
const adrFormat: SpecFormatDefinition = {
  name: 'adr',
  label: 'Architecture decision record',
  recognise: ctx => (/^ADR-\d+/.test(ctx.titleSection?.title ?? '') ? 0.9 : 0),
  read: ctx => readSpecFields(ctx, { titlePrefix: /^ADR-\d+:?\s*/ }),
};

export default adrFormat;
