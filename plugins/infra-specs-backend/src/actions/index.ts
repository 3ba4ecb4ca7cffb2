import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import type { SpecService } from '../service/SpecService';
import { createGetSpecAction } from './getSpec';
import { createLintSpecAction } from './lintSpec';
import { createListSpecsAction } from './listSpecs';
import { createNextSpecIdAction } from './nextSpecId';
import { createSummarizeSpecsAction } from './summarizeSpecs';

/** Registers every infra-specs action (MCP tools through the MCP actions backend). */
export function registerSpecActions(options: {
  actionsRegistry: ActionsRegistryService;
  service: SpecService;
  staleReviewMs: number;
  now?: () => Date;
}): void {
  createListSpecsAction(options);
  createGetSpecAction(options);
  createLintSpecAction(options);
  createSummarizeSpecsAction(options);
  createNextSpecIdAction(options);
}
