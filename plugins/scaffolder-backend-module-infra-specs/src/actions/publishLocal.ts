import { promises as fs } from 'node:fs';
import { join, posix, relative, sep } from 'node:path';
import {
  type PermissionsService,
  resolveSafeChildPath,
} from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import { InputError, NotAllowedError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  parseSpec,
  specEntityName,
} from '@infra-specs/backstage-plugin-infra-specs-common';
import { componentRefOf } from '../lib/componentRef';
import {
  assertMayCreateSpec,
  initiatorCredentials,
} from '../lib/createPermission';
import { localSpecFolder } from '../lib/localSpecFolder';
import {
  assertInsideRoots,
  resolveRelativeChild,
  resolveRoots,
  writeNewFile,
} from '../lib/safePaths';
import { refreshComponent, type SpecsApi } from '../lib/specsBackend';
import { workspaceSpecIds } from '../lib/workspaceSpecs';
import { examples } from './publishLocal.examples';
import * as inputs from './inputProperties';
import * as outputs from './outputProperties';

export const ALLOWED_ROOTS_KEY = 'infraSpecs.publish.local.allowedRoots';

/** Whether a template may replace an existing spec file (`overwrite: true`). Default false. */
export const ALLOW_OVERWRITE_KEY = 'infraSpecs.publish.local.allowOverwrite';

/** Reads `infraSpecs.publish.local.allowedRoots` (relative entries are resolved later, against `cwd`). */
export function readAllowedRoots(config: Config): string[] {
  const roots = config.getOptionalStringArray(ALLOWED_ROOTS_KEY) ?? [];
  roots.forEach((root, i) => {
    if (!root.trim()) {
      throw new InputError(`${ALLOWED_ROOTS_KEY}[${i}] must not be empty`);
    }
  });
  return roots;
}

/**
 * `infra-specs:publish-local`: copies a spec from the workspace into the local spec folder of
 * a component (for portals whose spec repositories are folders on the backend's machine), then
 * asks the specs backend to index it.
 *
 * @public
 */
export function createInfraSpecsPublishLocalAction(options: {
  config: Config;
  catalog: CatalogService;
  specs?: SpecsApi;
  /** Decides `infra-specs.spec.create` on the component, for the user who runs the template. */
  permissions?: PermissionsService;
  /** Resolves relative allowed roots; defaults to the backend's working directory. */
  cwd?: string;
}) {
  const allowedRoots = readAllowedRoots(options.config);
  const allowOverwrite =
    options.config.getOptionalBoolean(ALLOW_OVERWRITE_KEY) ?? false;
  const cwd = options.cwd ?? process.cwd();
  return createTemplateAction({
    id: 'infra-specs:publish-local',
    description: `Copies a spec from the workspace into the local spec folder of a component (its infra-specs.dev/spec-location), inside the folders ${ALLOWED_ROOTS_KEY} allows, and asks the infra-specs backend to index it`,
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        sourcePath: inputs.sourcePath,
        component: inputs.component,
        targetPath: inputs.publishTargetPath,
        overwrite: inputs.overwrite,
      },
      output: {
        path: z => z.string().describe('The file written, absolute'),
        entityRef: outputs.entityRef,
        entityUrl: outputs.entityUrl,
      },
    },
    async handler(ctx) {
      const { input, logger } = ctx;
      let source: string;
      try {
        source = resolveSafeChildPath(ctx.workspacePath, input.sourcePath);
      } catch {
        throw new NotAllowedError(
          `sourcePath '${input.sourcePath}' points outside the workspace`,
        );
      }
      let markdown: string;
      try {
        markdown = await fs.readFile(source, 'utf8');
      } catch {
        throw new InputError(
          `sourcePath '${input.sourcePath}' is not a file in the workspace`,
        );
      }

      const credentials = await initiatorCredentials(
        ctx,
        'infra-specs:publish-local',
      );
      const componentRef = componentRefOf(input.component);
      await assertMayCreateSpec(options.permissions, credentials, componentRef);
      if (input.overwrite && !allowOverwrite) {
        throw new NotAllowedError(
          `overwrite: true is refused: replacing an existing spec file needs ${ALLOW_OVERWRITE_KEY}: true in the backend config`,
        );
      }
      const entity = await options.catalog.getEntityByRef(componentRef, {
        credentials,
      });
      if (!entity) {
        throw new InputError(
          `${componentRef} is not in the catalog (or you may not see it)`,
        );
      }
      const folder = localSpecFolder(entity);

      const fileName =
        input.targetPath?.trim() ||
        posix.basename(input.sourcePath.replace(/\\/g, '/'));
      const target = resolveRelativeChild(folder, fileName, 'targetPath');
      if (!target.toLowerCase().endsWith('.md')) {
        throw new InputError(
          `targetPath '${fileName}' must name a markdown file (.md)`,
        );
      }
      const roots = await resolveRoots(allowedRoots, cwd);
      const { realPath } = await assertInsideRoots(
        roots,
        target,
        ALLOWED_ROOTS_KEY,
      );
      const specPath = relative(folder, target).split(sep).join('/');
      const document = parseSpec(markdown, { path: specPath });
      let entityName = specEntityName(document, specPath);
      if (document.id) {
        // ids allocated without the specs backend only saw the workspace: the folder may know more
        const twin = (await workspaceSpecIds(folder)).get(
          document.id.trim().toUpperCase(),
        );
        if (twin && twin !== specPath) {
          throw new InputError(
            `${document.id} is already used by ${join(
              folder,
              twin,
            )}; give the new spec another id`,
          );
        }
      }

      if (ctx.isDryRun) {
        logger.info(
          `Dry run: would write ${realPath} and refresh ${componentRef}`,
        );
      } else {
        await writeNewFile(realPath, markdown, {
          overwrite: input.overwrite ?? false,
        });
        logger.info(`Wrote ${realPath}`);
        const refreshed = await refreshComponent(
          options.specs,
          componentRef,
          credentials,
          logger,
        );
        if (refreshed && options.specs) {
          // the indexer's own name wins (it adds a suffix when two specs would collide)
          try {
            const { items } = await options.specs.getEntitySpecs(componentRef, {
              credentials,
            });
            const indexed = items.find(item => item.path === specPath);
            if (indexed) {
              entityName = indexed.name;
            }
          } catch (error) {
            logger.warn(
              `Could not read the indexed specs of ${componentRef}: ${
                (error as Error).message
              }`,
            );
          }
        }
      }

      ctx.output('path', realPath);
      ctx.output('entityRef', `spec:default/${entityName}`);
      ctx.output('entityUrl', `/catalog/default/spec/${entityName}`);
    },
  });
}
