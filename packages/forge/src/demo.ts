import { startForge, type Forge } from './forge';
import type { ForgeWebhookTarget } from './webhooks';

/** What the portal's demo serves: repositories made from fixture folders, on a fixed port. */
export type DemoForgeOptions = {
  port: number;
  /** `owner/name` and the folder whose files become the default branch. */
  repositories: Array<{ name: string; folder: string }>;
  /** Where push and pull_request webhooks go (the backend's events route), when it has one. */
  webhooks?: ForgeWebhookTarget;
};

/**
 * Starts the demo's forge: `scripts/dev start` runs it inside the backend process (see
 * packages/backend/src/demoForge.ts), so the Create wizard's pull request path has a GitHub
 * to open pull requests against without a token or a network.
 */
export async function startDemoForge(
  options: DemoForgeOptions,
): Promise<Forge> {
  let forge: Forge;
  try {
    forge = await startForge({ port: options.port });
  } catch (error) {
    throw new Error(
      `The demo forge cannot listen on 127.0.0.1:${options.port} (${
        (error as Error).message
      }); set INFRA_SPECS_FORGE_PORT to a free port`,
    );
  }
  for (const repository of options.repositories) {
    forge.addRepository(repository.name, { folder: repository.folder });
  }
  if (options.webhooks) {
    forge.deliverWebhooks(options.webhooks);
  }
  return forge;
}
