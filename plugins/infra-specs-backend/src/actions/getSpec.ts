import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import { InputError, NotFoundError } from '@backstage/errors';
import {
  SPEC_ID_PATTERN,
  type SpecDetail,
} from '@infra-specs/backstage-plugin-infra-specs-common';
import { specNameOfRef } from '../refs';
import type { SpecService } from '../service/SpecService';
import { specDetailSchema, toSpecDetail } from './outputProperties';

/**
 * A spec by entity name, entity ref or spec id: an id is looked up among the specs the caller
 * may read, so a denied caller gets the same "no spec" as for a name.
 */
async function findSpec(
  service: SpecService,
  spec: string,
  credentials: BackstageCredentials,
): Promise<SpecDetail> {
  const name = specNameOfRef(spec.trim());
  try {
    return await service.getSpec(name, credentials);
  } catch (error) {
    if (!(error instanceof NotFoundError) || !SPEC_ID_PATTERN.test(name))
      throw error;
  }
  const { items } = await service.listSpecs(
    {
      filter: { q: name },
      limit: 20,
      sort: { field: 'id', order: 'asc' },
    },
    credentials,
  );
  const matches = items.filter(
    item => item.document.id?.toLowerCase() === name.toLowerCase(),
  );
  if (matches.length > 1) {
    throw new InputError(
      `${matches.length} specs have the id ${name} (${matches
        .map(m => `${m.name} of ${m.componentRef}`)
        .join(', ')}); ask for one by name`,
    );
  }
  if (matches.length === 0) throw new NotFoundError(`No spec named '${spec}'`);
  return service.getSpec(matches[0].name, credentials);
}

/** `get-spec`: one spec with its diagnostics, status history, pull request, estimate and plan. */
export function createGetSpecAction(options: {
  actionsRegistry: ActionsRegistryService;
  service: SpecService;
  staleReviewMs: number;
  now?: () => Date;
}) {
  const { actionsRegistry, service, staleReviewMs } = options;
  const now = options.now ?? (() => new Date());
  actionsRegistry.register({
    name: 'get-spec',
    title: 'Get an infrastructure spec',
    description: [
      'Gets one infrastructure spec by its id (SPEC-0042, FEAT-012), its Spec entity name or ref:',
      'status and its history, impact (blast radius, rollback, downtime), claimed monthly cost, the',
      'Infracost estimate and plan summary where the spec has them, diagnostics with line numbers,',
      'the open pull request changing it, and what needs attention. includeMarkdown adds the file.',
    ].join(' '),
    attributes: { readOnly: true, idempotent: true, destructive: false },
    examples: [
      {
        title: 'A spec by id',
        input: { spec: 'SPEC-0102' },
      },
      {
        title: 'A spec with its markdown',
        input: { spec: 'FEAT-014', includeMarkdown: true },
      },
    ],
    schema: {
      input: z =>
        z.object({
          spec: z
            .string()
            .min(1)
            .max(512)
            .describe('spec id, Spec entity name, or spec:default/<name>'),
          includeMarkdown: z
            .boolean()
            .optional()
            .describe('also return the markdown file'),
        }),
      output: z => specDetailSchema(z),
    },
    action: async ({ input, credentials }) => {
      const detail = await findSpec(service, input.spec, credentials);
      return {
        output: toSpecDetail(detail, {
          now: now(),
          staleReviewMs,
          includeMarkdown: input.includeMarkdown ?? false,
        }),
      };
    },
  });
}
