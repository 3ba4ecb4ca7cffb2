/*
 * The demo components of examples/components, as the catalog holds them when it reads
 * examples/all.yaml: each one's catalog-info.yaml with its file: location annotations.
 */
import { promises as fs } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Entity } from '@backstage/catalog-model';
import { parseEntityYaml } from '@backstage/plugin-catalog-node';

export const EXAMPLES_DIR = resolve(__dirname, '../../../../examples');

export async function readDemoComponents(): Promise<Entity[]> {
  const componentsDir = join(EXAMPLES_DIR, 'components');
  const entities: Entity[] = [];
  for (const name of (await fs.readdir(componentsDir)).sort()) {
    const file = join(componentsDir, name, 'catalog-info.yaml');
    const location = { type: 'file', target: file };
    for (const result of parseEntityYaml(await fs.readFile(file), location)) {
      if (result.type !== 'entity') {
        throw new Error(`${file}: ${JSON.stringify(result)}`);
      }
      const entity = result.entity;
      entity.metadata.namespace ??= 'default';
      entity.metadata.annotations = {
        ...entity.metadata.annotations,
        'backstage.io/managed-by-location': `file:${file}`,
        'backstage.io/managed-by-origin-location': `file:${join(
          EXAMPLES_DIR,
          'all.yaml',
        )}`,
      };
      entities.push(entity);
    }
  }
  return entities;
}
