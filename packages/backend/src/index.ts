/*
 * The infra-specs portal backend: a lean Backstage backend with the plugins this
 * product uses (catalog, scaffolder, search, permissions, guest auth) and the
 * infra-specs plugin with its catalog, scaffolder and search modules.
 */
import { createBackend } from '@backstage/backend-defaults';

const backend = createBackend();

backend.add(import('@backstage/plugin-app-backend'));

// auth: guest sign-in for the demo; add a real provider for production
backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));

// catalog
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(
  import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'),
);
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));

// scaffolder
backend.add(import('@backstage/plugin-scaffolder-backend'));
backend.add(import('@backstage/plugin-scaffolder-backend-module-github'));
backend.add(
  import('@infra-specs/backstage-plugin-scaffolder-backend-module-infra-specs'),
);

// permissions: read for everyone, refresh and create for the component's owners (permissionPolicy.ts)
backend.add(import('@backstage/plugin-permission-backend'));
backend.add(import('./permissionPolicy'));

// search: Lunr in memory by default, PostgreSQL's full text search when the database is PostgreSQL
backend.add(import('@backstage/plugin-search-backend'));
backend.add(import('@backstage/plugin-search-backend-module-pg'));
backend.add(import('@backstage/plugin-search-backend-module-catalog'));
// the infra-specs collator: specs as `infra-spec` search documents
backend.add(
  import('@infra-specs/backstage-plugin-search-backend-module-infra-specs'),
);

// user settings (stored per user), with signals pushing changes to open browsers
backend.add(import('@backstage/plugin-user-settings-backend'));
backend.add(import('@backstage/plugin-signals-backend'));

// infra-specs: the spec index and its REST API (/api/infra-specs)
backend.add(import('@infra-specs/backstage-plugin-infra-specs-backend'));
// notifications to a spec's owners: status changes, long reviews, new errors
backend.add(import('@backstage/plugin-notifications-backend'));
backend.add(
  import(
    '@infra-specs/backstage-plugin-infra-specs-backend-module-notifications'
  ),
);
// the Spec entity kind and one Spec entity per indexed spec in the catalog
backend.add(
  import('@infra-specs/backstage-plugin-catalog-backend-module-infra-specs'),
);

// MCP: the actions of the plugins in backend.actions.pluginSources (infra-specs, catalog) as MCP
// tools at /api/mcp-actions/v1, for AI assistants and automation (README, "Specs for assistants")
backend.add(import('@backstage/plugin-mcp-actions-backend'));

// Tech Insights: the infra-specs facts per component and the JSON rules engine for the checks
backend.add(import('@backstage-community/plugin-tech-insights-backend'));
backend.add(
  import('@backstage-community/plugin-tech-insights-backend-module-jsonfc'),
);
backend.add(
  import(
    '@infra-specs/backstage-plugin-tech-insights-backend-module-infra-specs'
  ),
);

// development: the demo's loopback GitHub (packages/forge) when `demoForge` is configured
backend.add(import('./demoForge'));

backend.start();
