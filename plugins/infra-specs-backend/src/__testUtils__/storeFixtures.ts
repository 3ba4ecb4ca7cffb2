import { createHash } from 'node:crypto';
import type { TestDatabases } from '@backstage/backend-test-utils';
import type {
  SpecDocument,
  SpecRecord,
} from '@infra-specs/backstage-plugin-infra-specs-common';
import { DatabaseSpecStore } from '../database/DatabaseSpecStore';
import { applyDatabaseMigrations } from '../database/migrations';
import type { LocationSync, SpecWrite } from '../database/SpecStore';

/** Shared by the store tests (one file per store responsibility, all against real databases). */

export const COMPONENT_A = 'component:default/a';
export const COMPONENT_B = 'component:default/b';
export const TEAM_A = 'group:default/team-a';
export const TEAM_B = 'group:default/team-b';

export function write(
  name: string,
  document: SpecDocument,
  path?: string,
): SpecWrite {
  return {
    name,
    path: path ?? `${name}.md`,
    viewUrl: `https://git.example.com/specs/${name}.md`,
    setDiagnostics: [],
    content: {
      markdown: `# ${document.title}`,
      contentHash: createHash('sha256')
        .update(JSON.stringify(document))
        .digest('hex'),
      document,
    },
  };
}

export function sync(
  componentRef: string,
  specs: SpecWrite[],
  at: string,
  ownerRef = TEAM_A,
): LocationSync {
  return {
    componentRef,
    target: `https://git.example.com/${componentRef}/specs`,
    ownerRef,
    etag: `etag-${at}`,
    parserFingerprint: 'test',
    at,
    specs,
    otherFiles: {},
    warnings: [],
  };
}

export async function setup(
  databases: TestDatabases,
  id: Parameters<TestDatabases['init']>[0],
) {
  const knex = await databases.init(id);
  await applyDatabaseMigrations(knex);
  return {
    knex,
    store: DatabaseSpecStore.create(knex),
  };
}

export async function listAll(
  store: DatabaseSpecStore,
  sort: Parameters<DatabaseSpecStore['listSpecs']>[0]['sort'],
  limit: number,
): Promise<{ pages: SpecRecord[][]; totals: number[] }> {
  const pages: SpecRecord[][] = [];
  const totals: number[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.listSpecs({ filter: {}, limit, sort, cursor });
    pages.push(page.items);
    totals.push(page.totalCount);
    cursor = page.nextCursor;
  } while (cursor && pages.length < 100);
  return { pages, totals };
}
