import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { lintSpecSet } from '@infra-specs/backstage-plugin-infra-specs-common';
import {
  atLeast,
  countDiagnostics,
  formatDiagnostics,
  lintSummaryMarkdown,
  type FileDiagnostics,
} from '../lib/lintReport';
import { readWorkspaceDocuments } from '../lib/workspaceSpecs';
import { examples } from './validate.examples';
import * as inputs from './inputProperties';

/**
 * `infra-specs:validate`: lints the spec files of the workspace and fails the step with a
 * `path:line code message` list when any problem reaches `failOn`.
 *
 * @public
 */
export function createInfraSpecsValidateAction() {
  return createTemplateAction({
    id: 'infra-specs:validate',
    description:
      'Lints the infrastructure specs in the workspace (files or globs) and fails with a path:line list when one has errors (or warnings, with failOn: warning)',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        paths: inputs.paths,
        failOn: inputs.failOn,
      },
      output: {
        files: z => z.number().describe('Spec files linted'),
        errors: z => z.number().describe('Error diagnostics'),
        warnings: z => z.number().describe('Warning diagnostics'),
        problems: z =>
          z
            .array(z.string())
            .describe('Every diagnostic as `path:line code message`'),
        summary: z =>
          z
            .string()
            .describe(
              'Markdown for a pull request body: the counts and the first errors and warnings',
            ),
      },
    },
    async handler(ctx) {
      const failOn = ctx.input.failOn ?? 'error';
      if (failOn !== 'error' && failOn !== 'warning') {
        throw new InputError(
          `failOn must be error or warning, not '${failOn}'`,
        );
      }
      const patterns = ctx.input.paths?.length ? ctx.input.paths : ['**/*.md'];
      const documents = (
        await readWorkspaceDocuments(ctx.workspacePath, patterns)
      ).filter(
        // globs sweep up READMEs and plans: lint those only when named
        d => d.isSpec || d.explicit,
      );
      if (documents.length === 0) {
        ctx.logger.warn(`No spec files match ${patterns.join(', ')}`);
      }

      const setDiagnostics = lintSpecSet(
        documents
          .filter(d => d.isSpec)
          .map(d => ({ path: d.path, document: d.document })),
      );
      const files: FileDiagnostics[] = documents.map(d => ({
        path: d.path,
        diagnostics: [
          ...d.document.diagnostics,
          ...(setDiagnostics.get(d.path) ?? []),
        ],
      }));
      const counts = countDiagnostics(files);
      const problems = formatDiagnostics(files);
      for (const line of problems) {
        ctx.logger.info(line);
      }
      ctx.logger.info(
        `Linted ${counts.files} spec file(s): ${counts.errors} error(s), ${counts.warnings} warning(s)`,
      );

      ctx.output('files', counts.files);
      ctx.output('errors', counts.errors);
      ctx.output('warnings', counts.warnings);
      ctx.output('problems', problems);
      ctx.output('summary', lintSummaryMarkdown(files));

      const failing = formatDiagnostics(files, failOn);
      if (failing.length > 0) {
        const failingFiles = files.filter(f =>
          f.diagnostics.some(d => atLeast(d.severity, failOn)),
        );
        throw new InputError(
          `${failingFiles.length} spec file(s) have ${
            failOn === 'error' ? 'errors' : 'errors or warnings'
          }:\n${failing.join('\n')}`,
        );
      }
    },
  });
}
