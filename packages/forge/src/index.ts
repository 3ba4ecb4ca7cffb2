/**
 * A GitHub-compatible forge on loopback, for tests and the demo.
 *
 * @packageDocumentation
 */
export {
  startForge,
  type Forge,
  type ForgeFlavor,
  type ForgeIntegrationConfig,
} from './forge';
export { startDemoForge, type DemoForgeOptions } from './demo';
export {
  ForgeRepository,
  filesFromFolder,
  type ForgeEndpoint,
  type ForgeFault,
  type ForgeChange,
  type ForgeCommit,
  type ForgeFiles,
  type ForgePull,
  type GeneratedTree,
  type GeneratedTreeStats,
} from './repository';
export type {
  ForgeWebhook,
  ForgeWebhookDelivery,
  ForgeWebhookTarget,
} from './webhooks';
