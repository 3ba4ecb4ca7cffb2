import { promises as fs } from 'node:fs';
import { dirname, posix } from 'node:path';
import {
  type PermissionsService,
  resolveSafeChildPath,
} from '@backstage/backend-plugin-api';
import type { UserEntity } from '@backstage/catalog-model';
import { InputError, NotAllowedError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  allocateSpecId,
  parseSpec,
  renderSpec,
  specEntityName,
  SPEC_SHORT_FORMATS,
  type SpecShortFormat,
  type SpecTemplateValues,
} from '@infra-specs/backstage-plugin-infra-specs-common';
import { componentRefOf } from '../lib/componentRef';
import {
  assertMayCreateSpec,
  initiatorCredentials,
} from '../lib/createPermission';
import { formatDiagnostics } from '../lib/lintReport';
import { slugify } from '../lib/slugify';
import {
  findIndexedSpec,
  indexedIdsWithPrefix,
  nextIdFromBackend,
  type SpecsApi,
} from '../lib/specsBackend';
import { workspaceSpecIds } from '../lib/workspaceSpecs';
import { examples } from './create.examples';
import * as inputs from './inputProperties';
import * as outputs from './outputProperties';

/** Where a new spec goes in the workspace unless `targetPath` says otherwise. */
export const DEFAULT_SPEC_DIR = 'docs/specs';

/**
 * `docs/specs/SPEC-0042-upgrade-eks.md`; smaqit specs are named after their concept already
 * (`docs/specs/INF-NAT-GATEWAY.md`).
 */
export function defaultSpecPath(
  format: SpecShortFormat,
  id: string,
  title: string,
): string {
  return format === 'smaqit'
    ? `${DEFAULT_SPEC_DIR}/${id}.md`
    : `${DEFAULT_SPEC_DIR}/${id}-${slugify(title)}.md`;
}

/** The user running the task, as a spec author: display name, else title, else entity ref. */
export function authorOf(user?: {
  entity?: UserEntity;
  ref?: string;
}): string | undefined {
  return (
    user?.entity?.spec?.profile?.displayName?.trim() ||
    user?.entity?.metadata?.title?.trim() ||
    user?.ref ||
    undefined
  );
}

/**
 * `infra-specs:create`: writes a new spec in one of the three formats into the workspace,
 * checks it with the parser and outputs where it is and what the indexer will call it.
 *
 * @public
 */
export function createInfraSpecsCreateAction(
  options: {
    /** The infra-specs backend client; without it ids come from the workspace only. */
    specs?: SpecsApi;
    /** Decides `infra-specs.spec.create` on the component, for the user who runs the template. */
    permissions?: PermissionsService;
    /** For tests: today's date. */
    now?: () => Date;
  } = {},
) {
  const now = options.now ?? (() => new Date());
  return createTemplateAction({
    id: 'infra-specs:create',
    description:
      'Writes a new infrastructure spec (feature, change or smaqit format) into the workspace, allocating its id when none is given, and fails when the parser does not read it back as a valid spec',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        format: inputs.format,
        title: inputs.title,
        id: inputs.id,
        idPrefix: inputs.idPrefix,
        component: inputs.component,
        owner: inputs.owner,
        summary: inputs.summary,
        problem: inputs.problem,
        status: inputs.status,
        complexity: inputs.complexity,
        blastRadius: inputs.blastRadius,
        rollbackComplexity: inputs.rollbackComplexity,
        downtime: inputs.downtime,
        monthlyCost: inputs.monthlyCost,
        currency: inputs.currency,
        costItems: inputs.costItems,
        issue: inputs.issue,
        author: inputs.author,
        targetPath: inputs.createTargetPath,
      },
      output: {
        path: z =>
          z.string().describe('The spec file, relative to the workspace'),
        id: outputs.id,
        entityName: outputs.entityName,
        markdown: z => z.string().describe('The rendered spec'),
      },
    },
    async handler(ctx) {
      const { input, logger } = ctx;
      const format = SPEC_SHORT_FORMATS[input.format]?.format;
      if (!format) {
        throw new InputError(
          `format must be feature, change or smaqit, not '${input.format}'`,
        );
      }
      const title = input.title.trim();
      if (!title) {
        throw new InputError('title must not be empty');
      }
      const credentials = await initiatorCredentials(ctx, 'infra-specs:create');
      const componentRef = componentRefOf(input.component);
      await assertMayCreateSpec(options.permissions, credentials, componentRef);
      const known = await workspaceSpecIds(ctx.workspacePath);

      let id = input.id?.trim();
      if (id) {
        const inWorkspace = known.get(id.toUpperCase());
        if (inWorkspace) {
          throw new InputError(
            `${id} is already used by ${inWorkspace} in the workspace`,
          );
        }
      } else {
        const prefix =
          input.format === 'smaqit'
            ? undefined
            : (
                input.idPrefix ?? SPEC_SHORT_FORMATS[input.format].idPrefix
              ).toUpperCase();
        // Dry runs (the template editor) must not reserve ids (a reservation is never undone),
        // so they preview the backend's next id, and look at what the index and workspace hold.
        // A real run reserves once per task: a retried task gets its checkpointed id back.
        const fromBackend = (reserve: boolean) => async () =>
          (await nextIdFromBackend(
            options.specs,
            prefix!,
            componentRef,
            credentials,
            logger,
            { reserve },
          )) ?? null;
        let offered: string | null = null;
        if (prefix) {
          offered = ctx.isDryRun
            ? await fromBackend(false)()
            : await ctx.checkpoint({
                key: `infra-specs-next-id-${prefix}`,
                fn: fromBackend(true),
              });
        }
        const indexed =
          prefix && ctx.isDryRun
            ? await indexedIdsWithPrefix(
                options.specs,
                prefix,
                credentials,
                logger,
              )
            : [];
        const allocated = allocateSpecId({
          format: input.format,
          title,
          prefix,
          known: [...known.keys(), ...indexed],
          offered: offered ?? undefined,
        });
        if (!allocated.ok) {
          throw new InputError(allocated.reason);
        }
        id = allocated.id;
        logger.info(
          ctx.isDryRun && prefix
            ? `Dry run: ${id} follows the ids known now; a real run reserves its id from the infra-specs backend`
            : `Allocated ${id}`,
        );
      }

      const taken = await findIndexedSpec(
        options.specs,
        id,
        credentials,
        logger,
      );
      if (taken) {
        throw new InputError(
          `${id} is already used by ${taken.document.title || taken.name} (${
            taken.componentRef
          }, ${taken.path})`,
        );
      }

      const targetPath = (
        input.targetPath?.trim() || defaultSpecPath(input.format, id, title)
      ).replace(/\\/g, '/');
      if (!targetPath.toLowerCase().endsWith('.md')) {
        throw new InputError(
          `targetPath '${targetPath}' must name a markdown file (.md)`,
        );
      }
      let absolute: string;
      try {
        absolute = resolveSafeChildPath(ctx.workspacePath, targetPath);
      } catch {
        throw new NotAllowedError(
          `targetPath '${targetPath}' points outside the workspace; use a relative path such as ${DEFAULT_SPEC_DIR}/${id}.md`,
        );
      }

      const today = now().toISOString().slice(0, 10);
      const values: SpecTemplateValues = {
        id,
        title,
        status: input.status ?? 'draft',
        author: input.author?.trim() || authorOf(ctx.user),
        created: today,
        updated: today,
        issue: input.issue,
        component: input.component,
        owner: input.owner,
        complexity: input.complexity,
        blastRadius: input.blastRadius?.level,
        blastRadiusText: input.blastRadius?.description,
        rollback: input.rollbackComplexity,
        downtime: input.downtime,
        monthlyCost: input.monthlyCost,
        currency: input.currency ?? 'USD',
        costItems: input.costItems,
        summary: input.summary,
        problem: input.problem,
      };
      let markdown: string;
      try {
        markdown = renderSpec(format, values);
      } catch (error) {
        throw new InputError(
          `Cannot write the spec: ${(error as Error).message}`,
        );
      }

      const relativePath = posix.normalize(targetPath).replace(/^\.\//, '');
      const document = parseSpec(markdown, { path: relativePath });
      const errors = document.diagnostics.filter(d => d.severity === 'error');
      if (errors.length > 0) {
        throw new InputError(
          `The new spec is not valid:\n${formatDiagnostics([
            { path: relativePath, diagnostics: errors },
          ]).join('\n')}`,
        );
      }
      if (document.format !== format || document.id !== id) {
        throw new InputError(
          `The new spec reads back as ${document.format} '${document.id}', not ${format} '${id}'`,
        );
      }
      const warnings = document.diagnostics.filter(
        d => d.severity === 'warning',
      ).length;
      if (warnings > 0) {
        logger.info(
          `${relativePath}: ${warnings} warning(s), mostly template placeholders for the author to fill in`,
        );
      }

      await fs.mkdir(dirname(absolute), { recursive: true });
      try {
        await fs.writeFile(absolute, markdown, {
          encoding: 'utf8',
          flag: 'wx',
        });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
          throw new InputError(
            `${relativePath} already exists in the workspace`,
          );
        }
        throw error;
      }
      logger.info(`Wrote ${relativePath}`);

      ctx.output('path', relativePath);
      ctx.output('id', id);
      ctx.output(
        'entityName',
        specEntityName(document, posix.basename(relativePath)),
      );
      ctx.output('markdown', markdown);
    },
  });
}
