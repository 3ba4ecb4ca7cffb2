import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { SPEC_ID_PREFIX_PATTERN } from '@infra-specs/backstage-plugin-infra-specs-common';
import { componentRefOf, type SpecService } from '../service/SpecService';

/**
 * `next-spec-id`: reserves the next free numbered id for a new spec of a component, as the
 * scaffolder does (POST /next-id): it needs `infra-specs.spec.create` on the component, and an id
 * handed out is never handed out again, so two authors never collide.
 */
export function createNextSpecIdAction(options: {
  actionsRegistry: ActionsRegistryService;
  service: SpecService;
}) {
  const { actionsRegistry, service } = options;
  actionsRegistry.register({
    name: 'next-spec-id',
    title: 'Reserve the next spec id',
    description: [
      'Reserves the next free spec id (SPEC-0043, FEAT-013) for a new spec of a component. Each',
      'call hands out a new id (unused ids leave gaps, which is harmless). Needs permission to',
      'create specs for the component; call it when writing the spec, not to look ids up.',
    ].join(' '),
    attributes: { readOnly: false, idempotent: false, destructive: false },
    examples: [
      {
        title: 'A change spec id for payments-api',
        input: { component: 'payments-api', prefix: 'SPEC' },
      },
    ],
    schema: {
      input: z =>
        z.object({
          component: z
            .string()
            .min(1)
            .max(512)
            .describe('the component the spec is for: a ref or a name'),
          prefix: z
            .string()
            .regex(SPEC_ID_PREFIX_PATTERN)
            .optional()
            .describe(
              'SPEC (default) for change specs, FEAT for feature specs',
            ),
        }),
      output: z => z.object({ id: z.string() }),
    },
    action: async ({ input, credentials }) => ({
      output: await service.nextId(input.prefix ?? 'SPEC', {
        reserve: true,
        componentRef: componentRefOf(input.component),
        credentials,
      }),
    }),
  });
}
