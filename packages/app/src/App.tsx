import { createApp } from '@backstage/frontend-defaults';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import { navModule } from './modules/nav';
import { homeModule } from './modules/home';
import { catalogModule } from './modules/catalog';
import { searchModule } from './modules/search';

// Other plugins are discovered from this package's dependencies (app.packages: all).
export default createApp({
  features: [catalogPlugin, navModule, homeModule, catalogModule, searchModule],
});
