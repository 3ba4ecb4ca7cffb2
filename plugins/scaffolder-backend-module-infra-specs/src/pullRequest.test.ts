/*
 * The Create wizard's pull request path through the real scaffolder: a component whose specs
 * live in a Git repository (the loopback forge, as GitHub) gets its new spec as a pull request,
 * opened by Backstage's own publish:github:pull-request from the real template YAML. A failed
 * task retried through the scaffolder's retry endpoint (task recovery with the database
 * workspace provider) keeps its id and opens one pull request; a dry run touches nothing.
 */
import { promises as fs } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import scaffolderEntityModel from '@backstage/plugin-catalog-backend-module-scaffolder-entity-model';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import githubModule from '@backstage/plugin-scaffolder-backend-module-github';
import workspaceDatabaseModule from '@backstage/plugin-scaffolder-backend-module-workspace-database';
import { parseSpec } from '@infra-specs/backstage-plugin-infra-specs-common';
// eslint-disable-next-line @backstage/no-mixed-plugin-imports -- the real specs backend, started in the test
import infraSpecsBackend from '@infra-specs/backstage-plugin-infra-specs-backend';
import { startForge, type Forge, type ForgeRepository } from '@internal/forge';
import yaml from 'js-yaml';
import infraSpecsModule from './index';

jest.setTimeout(180_000);

const REPO = resolve(__dirname, '../../..');
const REPOSITORY = 'acme/network';
const COMPONENT = 'component:default/network-vpc';
const TEMPLATE = 'infrastructure-change-spec';
/** What the pull request path writes to the forge (reads are allowed). */
const WRITES = ['git', 'pulls', 'graphql'] as const;

async function until<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs = 60_000,
): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`Timed out waiting for ${what}`);
    await new Promise(r => setTimeout(r, 250));
  }
}

// Every decision allowed: the real permission backend refuses startTestBackend's mock tokens.
const allowAll = async (requests: unknown[]) =>
  requests.map(() => ({ result: AuthorizeResult.ALLOW }));
const permissionsFactory = createServiceFactory({
  service: coreServices.permissions,
  deps: {},
  factory: () =>
    ({ authorize: allowAll, authorizeConditional: allowAll } as any),
});

describe('the Create wizard opens a pull request against the forge', () => {
  let root: string;
  let forge: Forge;
  let repo: ForgeRepository;
  let base: string;
  let stopBackend: () => Promise<void>;

  beforeAll(async () => {
    root = await fs.realpath(
      await fs.mkdtemp(join(tmpdir(), 'infra-specs-pr-')),
    );
    forge = await startForge();
    // The network repository as the demo has it: catalog-info.yaml next to docs/specs.
    repo = forge.addRepository(REPOSITORY, {
      folder: join(REPO, 'examples/components/network-vpc'),
    });
    // The component is registered from a file here, its specs read from the repository.
    const catalogInfo = yaml.load(
      await fs.readFile(
        join(REPO, 'examples/components/network-vpc/catalog-info.yaml'),
        'utf8',
      ),
    ) as any;
    catalogInfo.metadata.annotations[
      'infra-specs.dev/spec-location'
    ] = `url:${forge.url(REPOSITORY, 'docs/specs')}`;
    await fs.writeFile(join(root, 'catalog-info.yaml'), yaml.dump(catalogInfo));

    const backend = await startTestBackend({
      features: [
        catalogPlugin,
        scaffolderEntityModel,
        scaffolderPlugin,
        githubModule,
        workspaceDatabaseModule,
        infraSpecsModule,
        infraSpecsBackend,
        permissionsFactory,
        mockServices.rootConfig.factory({
          data: {
            integrations: { github: [forge.integration] },
            scaffolder: {
              // A retried task skips the steps that completed and reuses its checkpoints;
              // the workspace (the written spec) comes back from the database.
              taskRecovery: { enabled: true, workspaceProvider: 'database' },
            },
            catalog: {
              rules: [{ allow: ['Component', 'Location', 'Template'] }],
              locations: [
                { type: 'file', target: join(root, 'catalog-info.yaml') },
                {
                  type: 'file',
                  target: join(REPO, 'templates', TEMPLATE, 'template.yaml'),
                },
              ],
            },
            infraSpecs: {
              locations: { allowedUrls: [forge.url(REPOSITORY)] },
            },
          },
        }),
      ],
    });
    stopBackend = () => backend.stop();
    base = `http://localhost:${
      (backend.server.address() as AddressInfo).port
    }/api`;
    const api = base;
    for (const ref of [COMPONENT, `template:default/${TEMPLATE}`]) {
      const [kind, rest] = ref.split(':');
      await until(`${ref} in the catalog`, async () =>
        (
          await fetch(`${api}/catalog/entities/by-name/${kind}/${rest}`)
        ).ok
          ? true
          : undefined,
      );
    }
    // The specs backend indexes the repository's specs (SPEC-0101, SPEC-0102), as its refresh does.
    const refresh = await fetch(`${base}/infra-specs/refresh`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ entityRef: COMPONENT }),
    });
    if (refresh.status !== 200) {
      throw new Error(
        `Refresh failed: ${refresh.status} ${await refresh.text()}`,
      );
    }
  });

  afterAll(async () => {
    await stopBackend?.();
    await forge?.close();
    if (root) await fs.rm(root, { recursive: true, force: true });
  });

  const values = (title: string) => ({
    component: COMPONENT,
    title,
    summary: `${title}, so that egress survives an AZ outage.`,
    problem: 'One NAT gateway is a single point of failure.',
    status: 'draft',
    blastRadiusLevel: 'high',
    rollbackComplexity: 'easy',
    downtime: 'maintenance-window',
    currency: 'USD',
    costItems: [{ resource: 'NAT Gateway', monthly: 64.8 }],
  });

  const nextId = async () =>
    (await (await fetch(`${base}/infra-specs/next-id?prefix=SPEC`)).json())
      .id as string;

  async function settle(id: string) {
    return until(
      `task ${id}`,
      async () => {
        const body = await (
          await fetch(`${base}/scaffolder/v2/tasks/${id}`)
        ).json();
        return ['completed', 'failed', 'cancelled'].includes(body.status)
          ? body
          : undefined;
      },
      120_000,
    );
  }

  async function events(id: string): Promise<any[]> {
    return (await fetch(`${base}/scaffolder/v2/tasks/${id}/events`)).json();
  }

  async function start(title: string) {
    const res = await fetch(`${base}/scaffolder/v2/tasks`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        templateRef: `template:default/${TEMPLATE}`,
        values: values(title),
      }),
    });
    if (res.status !== 201) {
      throw new Error(
        `Creating the task failed: ${res.status} ${await res.text()}`,
      );
    }
    return (await res.json()).id as string;
  }

  function messages(list: any[]) {
    return list
      .map(e => e.body?.message)
      .filter(Boolean)
      .join('\n');
  }

  it('commits the spec on infra-specs/<id>, opens a pull request that links it with its lint summary, and links the pull request', async () => {
    const id = await nextId();
    const mainSha = repo.sha();
    const taskId = await start('NAT gateway per availability zone');
    const task = await settle(taskId);
    const log = await events(taskId);
    expect({
      status: task.status,
      log: task.status === 'completed' ? '' : messages(log),
    }).toEqual({
      status: 'completed',
      log: '',
    });

    const branch = `infra-specs/${id.toLowerCase()}`;
    const file = `docs/specs/${id}-nat-gateway-per-availability-zone.md`;
    const pulls = repo.pulls();
    expect(pulls).toHaveLength(1);
    const [pull] = pulls;
    expect(pull).toMatchObject({
      head: branch,
      base: 'main',
      state: 'open',
      title: `${id}: NAT gateway per availability zone`,
    });
    // main is untouched; the branch adds exactly the new spec on top of it
    expect(repo.sha()).toBe(mainSha);
    const onBranch = repo.files(branch);
    const onMain = repo.files();
    expect(Object.keys(onBranch).filter(p => !(p in onMain))).toEqual([file]);
    const doc = parseSpec(onBranch[file].toString('utf8'), { path: file });
    expect(doc).toMatchObject({
      id,
      format: 'infrastructure-change',
      title: 'NAT gateway per availability zone',
      status: 'draft',
      cost: { monthlyDelta: 64.8, currency: 'USD' },
    });

    // The pull request's files, as the REST API lists them.
    const files = await (
      await fetch(
        `${forge.apiBaseUrl}/repos/${REPOSITORY}/pulls/${pull.number}/files`,
        { headers: { authorization: `token ${forge.integration.token}` } },
      )
    ).json();
    expect(files.map((f: any) => [f.filename, f.status])).toEqual([
      [file, 'added'],
    ]);

    // The body links the file on the branch and carries the lint summary of infra-specs:validate.
    const specUrl = forge.url(REPOSITORY, file, { ref: branch, kind: 'blob' });
    expect(pull.body).toContain(`[${file}](${specUrl})`);
    const warnings = doc.diagnostics.filter(d => d.severity === 'warning');
    expect(pull.body).toContain(
      `**Lint** (infra-specs): 0 errors, ${warnings.length} warning${
        warnings.length === 1 ? '' : 's'
      } in 1 file`,
    );
    // a new spec always has template placeholders to fill in: the first is listed
    expect(warnings.length).toBeGreaterThan(0);
    expect(pull.body).toContain(
      `- \`${file}:${warnings[0].line} ${warnings[0].code}`,
    );
    // The forge serves the linked file on the branch (what a reviewer opens).
    const raw = await fetch(
      `${forge.rawBaseUrl}/${REPOSITORY}/${branch}/${file}`,
    );
    expect(await raw.text()).toBe(onBranch[file].toString('utf8'));

    // The task output links the pull request and the spec on its branch; no local spec link.
    const output = log.find(e => e.type === 'completion').body.output;
    expect(output.links.slice(0, 2)).toEqual([
      {
        title: 'Open the pull request',
        icon: 'github',
        url: forge.pullUrl(REPOSITORY, pull.number),
      },
      {
        title: "The spec on the pull request's branch",
        icon: 'docs',
        url: specUrl,
      },
    ]);
    expect(output.text.map((t: any) => t.title)).toEqual([
      `${id} (${file})`,
      'Lint',
    ]);
    expect(await nextId()).not.toBe(id);
  });

  it('a task whose pull request failed keeps its id when retried, and opens one pull request', async () => {
    const id = await nextId();
    const pullsBefore = repo.pulls().length;
    repo.fail(500, ['pulls']);
    let taskId: string;
    try {
      taskId = await start('Egress through IPv6');
      const failed = await settle(taskId);
      expect(failed.status).toBe('failed');
      expect(messages(await events(taskId))).toMatch(
        /Pull request creation failed/,
      );
    } finally {
      repo.fail(null);
    }
    // the id was reserved by the failed run: the next one is past it
    const afterFailure = await nextId();
    expect(afterFailure).not.toBe(id);
    expect(repo.pulls()).toHaveLength(pullsBefore);

    const retried = await fetch(`${base}/scaffolder/v2/tasks/${taskId}/retry`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({}),
    });
    expect(retried.status).toBe(201);
    const task = await settle(taskId);
    const log = await events(taskId);
    expect({
      status: task.status,
      log: task.status === 'completed' ? '' : messages(log),
    }).toEqual({
      status: 'completed',
      log: '',
    });
    expect(messages(log)).toMatch(
      /Skipping step create-spec because it was already completed/,
    );

    const branch = `infra-specs/${id.toLowerCase()}`;
    const opened = repo.pulls().filter(p => p.head === branch);
    expect(opened).toHaveLength(1);
    expect(repo.pulls()).toHaveLength(pullsBefore + 1);
    expect(opened[0].title).toBe(`${id}: Egress through IPv6`);
    expect(
      Object.keys(repo.files(branch)).filter(p =>
        p.startsWith(`docs/specs/${id}`),
      ),
    ).toEqual([`docs/specs/${id}-egress-through-ipv6.md`]);
    // one reservation: the retry reserved nothing more
    expect(await nextId()).toBe(afterFailure);
    const output = log.find(e => e.type === 'completion').body.output;
    expect(output.links[0].url).toBe(
      forge.pullUrl(REPOSITORY, opened[0].number),
    );
  });

  it('a dry run (the template editor) renders the spec and its lint result without touching the forge or reserving an id', async () => {
    const id = await nextId();
    forge.resetRequests();
    const template = yaml.load(
      await fs.readFile(
        join(REPO, 'templates', TEMPLATE, 'template.yaml'),
        'utf8',
      ),
    );
    const res = await fetch(`${base}/scaffolder/v2/dry-run`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        template,
        values: values('Dry run spec'),
        secrets: {},
        directoryContents: [],
      }),
    });
    const body = await res.json();
    expect({
      status: res.status,
      body: res.status === 200 ? {} : body,
    }).toEqual({
      status: 200,
      body: {},
    });
    const [markdown, lint] = body.output.text;
    expect(parseSpec(markdown.content)).toMatchObject({
      id,
      title: 'Dry run spec',
      format: 'infrastructure-change',
    });
    expect(lint).toEqual({
      title: 'Lint',
      content: expect.stringMatching(
        /^\*\*Lint\*\* \(infra-specs\): 0 errors, \d+ warnings? in 1 file/,
      ),
    });
    expect(body.directoryContents.map((f: { path: string }) => f.path)).toEqual(
      [`docs/specs/${id}-dry-run-spec.md`],
    );
    for (const endpoint of WRITES) {
      expect({ endpoint, requests: forge.requests(endpoint) }).toEqual({
        endpoint,
        requests: 0,
      });
    }
    expect(await nextId()).toBe(id);
  });
});
