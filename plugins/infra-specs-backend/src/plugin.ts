import { createBackendPlugin } from '@backstage/backend-plugin-api';

/**
 * The infra-specs backend plugin: indexes spec folders of catalog components and serves them.
 *
 * @public
 */
export const infraSpecsPlugin = createBackendPlugin({
  pluginId: 'infra-specs',
  register() {},
});
