import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import {
  isSpecFile,
  parseSpec,
  type SpecDocument,
} from '@infra-specs/backstage-plugin-infra-specs-common';
import { listWorkspaceFiles } from './workspaceFiles';

export interface WorkspaceDocument {
  /** Relative to the workspace, forward slashes. */
  path: string;
  markdown: string;
  document: SpecDocument;
  /** Named by the caller itself rather than matched by a glob. */
  explicit: boolean;
  /** The parser recognises it as a spec (not a README, plan, or blank template). */
  isSpec: boolean;
}

/** Reads and parses the markdown files `patterns` name in the workspace. */
export async function readWorkspaceDocuments(
  workspace: string,
  patterns: string[] = ['**/*.md'],
): Promise<WorkspaceDocument[]> {
  const files = await listWorkspaceFiles(workspace, patterns);
  const out: WorkspaceDocument[] = [];
  for (const file of files) {
    const markdown = await fs.readFile(join(workspace, file.path), 'utf8');
    const document = parseSpec(markdown, { path: file.path });
    out.push({
      ...file,
      markdown,
      document,
      isSpec: isSpecFile(file.path, document),
    });
  }
  return out;
}

/** The ids of the specs below a folder (a workspace, a spec folder) and their paths; a missing folder has none. */
export async function workspaceSpecIds(
  workspace: string,
): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  try {
    await fs.access(workspace);
  } catch {
    return ids;
  }
  for (const doc of await readWorkspaceDocuments(workspace)) {
    if (doc.isSpec && doc.document.id) {
      ids.set(doc.document.id.trim().toUpperCase(), doc.path);
    }
  }
  return ids;
}
