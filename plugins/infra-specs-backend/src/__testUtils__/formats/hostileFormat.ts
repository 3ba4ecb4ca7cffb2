/*
 * A format that misbehaves on purpose, for the parser pool's tests: it spins forever on a
 * document titled `# Spin forever` and ends its thread on one titled `# Crash the worker`.
 */
import type { SpecFormatDefinition } from '@infra-specs/backstage-plugin-infra-specs-common';

export const format: SpecFormatDefinition = {
  name: 'hostile',
  label: 'Hostile',
  recognise: ctx => {
    const title = ctx.titleSection?.title;
    if (title === 'Spin forever') {
      for (;;) {
        // never returns: only the pool's timeout ends this
      }
    }
    if (title === 'Crash the worker') {
      process.exit(3);
    }
    return 0;
  },
  read: () => {
    throw new Error('never chosen');
  },
};
