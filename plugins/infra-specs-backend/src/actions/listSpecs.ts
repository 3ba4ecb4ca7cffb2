import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { SPEC_SORT_FIELDS } from '@infra-specs/backstage-plugin-infra-specs-common';
import type { SpecService } from '../service/SpecService';
import { refsOf, specFilterProperties } from './inputProperties';
import { specItemSchema, toSpecItem } from './outputProperties';
import { listSpecsExamples } from './listSpecs.examples';

/** `list-specs`: the specs a caller may read, with the filters, sort and paging of GET /specs. */
export function createListSpecsAction(options: {
  actionsRegistry: ActionsRegistryService;
  service: SpecService;
}) {
  const { actionsRegistry, service } = options;
  actionsRegistry.register({
    name: 'list-specs',
    title: 'List infrastructure specs',
    description: [
      'Lists the infrastructure specs (planned infrastructure changes) indexed from Git, newest first:',
      'id, title, status, component, owner, blast radius, rollback, downtime, the monthly cost each',
      'claims and, where the spec has an Infracost estimate, the estimate and how far they drift.',
      'Filter by status, component, owner, risk or cost drift; page with cursor. Use get-spec for one',
      "spec's diagnostics, history and plan, and summarize-specs for totals.",
    ].join(' '),
    attributes: { readOnly: true, idempotent: true, destructive: false },
    examples: listSpecsExamples,
    schema: {
      input: z =>
        z.object({
          ...specFilterProperties(z),
          sort: z
            .string()
            .regex(new RegExp(`^-?(${SPEC_SORT_FIELDS.join('|')})$`))
            .optional()
            .describe(
              `one of ${SPEC_SORT_FIELDS.join(
                ', ',
              )}; prefix - for descending (default -updated)`,
            ),
          limit: z
            .number()
            .int()
            .min(1)
            .max(100)
            .optional()
            .describe('default 20'),
          cursor: z
            .string()
            .max(4096)
            .optional()
            .describe('nextCursor of the previous answer'),
          includeProposed: z
            .boolean()
            .optional()
            .describe('also specs that exist only on open pull requests'),
        }),
      output: z =>
        z.object({
          items: z.array(specItemSchema(z)),
          totalCount: z.number(),
          nextCursor: z.string().optional(),
        }),
    },
    action: async ({ input, credentials }) => {
      const sort = input.sort ?? '-updated';
      const page = await service.listSpecs(
        {
          filter: {
            status: input.status,
            component: refsOf(input.component, 'component', 'component'),
            owner: refsOf(input.owner, 'owner', 'group'),
            blastRadius: input.blastRadius,
            rollback: input.rollback,
            downtime: input.downtime,
            costDrift: input.costDrift,
            q: input.q,
            includeProposed: input.includeProposed ?? false,
          },
          limit: input.limit ?? 20,
          cursor: input.cursor,
          sort: {
            field: sort.replace(/^-/, '') as (typeof SPEC_SORT_FIELDS)[number],
            order: sort.startsWith('-') ? 'desc' : 'asc',
          },
        },
        credentials,
      );
      return {
        output: {
          items: page.items.map(toSpecItem),
          totalCount: page.totalCount,
          ...(page.nextCursor && { nextCursor: page.nextCursor }),
        },
      };
    },
  });
}
