import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import type { SpecService } from '../service/SpecService';
import { diagnosticSchema } from './outputProperties';

/**
 * `lint-spec`: markdown in, the diagnostics `infra-specs lint` gives for it out (the same parser,
 * in the backend's worker pool, bounded by `infraSpecs.lint.maxBytes`). Evidence files are not
 * read: an assistant holds the markdown only.
 */
export function createLintSpecAction(options: {
  actionsRegistry: ActionsRegistryService;
  service: SpecService;
}) {
  const { actionsRegistry, service } = options;
  actionsRegistry.register({
    name: 'lint-spec',
    title: 'Lint an infrastructure spec',
    description: [
      'Checks the markdown of an infrastructure spec (infrastructure-change SPEC-NNNN,',
      'infrastructure-feature FEAT-NNN or smaqit INF) as the infra-specs CLI and the portal do:',
      'diagnostics with severity, line and a stable code (missing status, placeholders left in an',
      'approved spec, unknown blast radius...), and the fields the spec was read as. Nothing is stored.',
    ].join(' '),
    attributes: { readOnly: true, idempotent: true, destructive: false },
    examples: [
      {
        title: 'A draft with a placeholder author',
        input: {
          markdown:
            '# Spec: Flow logs\n\n**Spec ID**: SPEC-0200\n**Status**: Draft\n**Author**: [Name]\n',
          path: 'docs/specs/SPEC-0200-flow-logs.md',
        },
      },
    ],
    schema: {
      input: z =>
        z.object({
          markdown: z.string().describe('the whole spec file'),
          path: z
            .string()
            .max(1024)
            .optional()
            .describe(
              'its path (a spec.md in a per-spec folder, a status folder); default spec.md',
            ),
        }),
      output: z =>
        z.object({
          format: z.string(),
          id: z.string().nullable(),
          title: z.string(),
          status: z.string(),
          errors: z.number(),
          warnings: z.number(),
          diagnostics: z.array(diagnosticSchema(z)),
        }),
    },
    action: async ({ input }) => {
      const { document, diagnostics } = await service.lint(
        input.markdown,
        input.path,
      );
      return {
        output: {
          format: String(document.format),
          id: document.id,
          title: document.title,
          status: document.status,
          errors: diagnostics.filter(d => d.severity === 'error').length,
          warnings: diagnostics.filter(d => d.severity === 'warning').length,
          diagnostics: diagnostics.map(d => ({
            severity: d.severity,
            line: d.line,
            code: d.code,
            message: d.message,
          })),
        },
      };
    },
  });
}
