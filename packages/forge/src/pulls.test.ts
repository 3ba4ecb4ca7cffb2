import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Octokit } from 'octokit';
import { createPullRequest } from 'octokit-plugin-create-pull-request';
import { startForge, type Forge, type ForgeWebhook } from './index';

/** The client the scaffolder's publish:github:pull-request action builds, pointed at the forge. */
function prClient(forge: Forge) {
  const Client = Octokit.plugin(createPullRequest);
  return new Client({
    auth: forge.integration.token,
    baseUrl: forge.apiBaseUrl,
  });
}

// octokit's first import under jest's transform takes seconds
jest.setTimeout(30_000);

describe('forge pull requests', () => {
  let forge: Forge;
  beforeEach(async () => {
    forge = await startForge();
  });
  afterEach(() => forge.close());

  it('takes a pull request from octokit-plugin-create-pull-request: blobs, tree, commit, branch, pull', async () => {
    const repo = forge.addRepository('acme/infra', {
      files: { 'network/specs/SPEC-0001.md': '# one', 'README.md': 'readme' },
    });
    const mainSha = repo.sha();
    const webhooks: ForgeWebhook[] = [];
    forge.onWebhook(w => webhooks.push(w));

    const response = await prClient(forge).createPullRequest({
      owner: 'acme',
      repo: 'infra',
      title: 'SPEC-0002 NAT gateway per AZ',
      body: 'Adds the spec',
      head: 'infra-specs/spec-0002',
      changes: [
        {
          files: {
            'network/specs/SPEC-0002.md': {
              content: Buffer.from('# two').toString('base64'),
              encoding: 'base64',
            },
            'README.md': 'readme, updated',
          },
          commit: 'Add SPEC-0002',
        },
      ],
    });

    expect(response!.data).toMatchObject({
      number: 1,
      state: 'open',
      html_url: forge.pullUrl('acme/infra', 1),
      base: { ref: 'main' },
      head: { ref: 'infra-specs/spec-0002' },
    });
    // the default branch is untouched; the new branch holds both changes on top of it
    expect(repo.sha()).toBe(mainSha);
    expect(repo.files('infra-specs/spec-0002')).toEqual({
      'network/specs/SPEC-0001.md': Buffer.from('# one'),
      'network/specs/SPEC-0002.md': Buffer.from('# two'),
      'README.md': Buffer.from('readme, updated'),
    });
    expect(repo.pulls()).toHaveLength(1);
    expect(forge.requests('pulls', 'acme/infra')).toBe(1);
    expect(forge.requests('unknown')).toBe(0);
    expect(
      webhooks.map(w => `${w.name}:${w.payload.action ?? w.payload.ref}`),
    ).toEqual(['push:refs/heads/infra-specs/spec-0002', 'pull_request:opened']);
    expect(webhooks[0].payload.commits).toEqual([
      expect.objectContaining({
        added: ['network/specs/SPEC-0002.md'],
        modified: ['README.md'],
        removed: [],
      }),
    ]);

    // A second run with the same head finds the open pull request instead of opening another.
    await expect(
      prClient(forge).createPullRequest({
        owner: 'acme',
        repo: 'infra',
        title: 'again',
        body: '',
        head: 'infra-specs/spec-0002',
        changes: [{ files: { 'x.md': 'x' }, commit: 'x' }],
      }),
    ).rejects.toThrow(/Pull request already exists: .*\/pull\/1/);
    expect(repo.pulls()).toHaveLength(1);
  });

  it('lists, filters, merges and closes pull requests as the REST API does', async () => {
    const repo = forge.addRepository('acme/infra', {
      files: { 'a/SPEC-0001.md': 'one' },
    });
    repo.write({ 'a/SPEC-0002.md': 'two' }, { branch: 'add-two' });
    repo.write({ 'a/SPEC-0001.md': null }, { branch: 'drop-one' });
    const two = repo.openPull({ head: 'add-two', title: 'Add two' });
    const drop = repo.openPull({ head: 'drop-one', title: 'Drop one' });
    // main moves on after both were opened: a merge keeps that change
    repo.write({ 'README.md': 'later' });

    const client = new Octokit({
      auth: forge.integration.token,
      baseUrl: forge.apiBaseUrl,
    });
    const open = await client.rest.pulls.list({
      owner: 'acme',
      repo: 'infra',
      state: 'open',
    });
    expect(open.data.map(p => p.number)).toEqual([drop.number, two.number]);
    const byHead = await client.rest.pulls.list({
      owner: 'acme',
      repo: 'infra',
      head: 'acme:add-two',
    });
    expect(byHead.data.map(p => p.title)).toEqual(['Add two']);
    const files = await client.rest.pulls.listFiles({
      owner: 'acme',
      repo: 'infra',
      pull_number: two.number,
    });
    expect(files.data).toEqual([
      { filename: 'a/SPEC-0002.md', status: 'added' },
    ]);

    const merged = await client.rest.pulls.merge({
      owner: 'acme',
      repo: 'infra',
      pull_number: two.number,
    });
    expect(merged.data.merged).toBe(true);
    expect(repo.files()).toEqual({
      'a/SPEC-0001.md': Buffer.from('one'),
      'a/SPEC-0002.md': Buffer.from('two'),
      'README.md': Buffer.from('later'),
    });
    await client.rest.pulls.update({
      owner: 'acme',
      repo: 'infra',
      pull_number: drop.number,
      state: 'closed',
    });
    expect(repo.files()['a/SPEC-0001.md']).toEqual(Buffer.from('one'));

    const closed = await client.rest.pulls.list({
      owner: 'acme',
      repo: 'infra',
      state: 'closed',
    });
    expect(
      closed.data.map(p => [
        p.number,
        p.closed_at !== null,
        p.merged_at !== null,
      ]),
    ).toEqual([
      [drop.number, true, false],
      [two.number, true, true],
    ]);
    await expect(
      client.rest.pulls.merge({
        owner: 'acme',
        repo: 'infra',
        pull_number: drop.number,
      }),
    ).rejects.toMatchObject({ status: 405 });
  });

  it('posts signed webhooks to a target, as GitHub does', async () => {
    const received: { event: string; signature: string; body: string }[] = [];
    const server = http.createServer((req, res) => {
      let body = '';
      req.on('data', c => (body += c));
      req.on('end', () => {
        received.push({
          event: String(req.headers['x-github-event']),
          signature: String(req.headers['x-hub-signature-256']),
          body,
        });
        res.statusCode = 202;
        res.end();
      });
    });
    await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${
      (server.address() as AddressInfo).port
    }/api/events/http/github`;
    try {
      forge.deliverWebhooks({ url, secret: 's3cret' });
      const repo = forge.addRepository('acme/infra', {
        files: { 'a.md': 'a' },
      });
      repo.write({ 'a.md': 'b' });
      repo.write({ 'b.md': 'b' }, { branch: 'feature' });
      const pull = repo.openPull({ head: 'feature', title: 'B' });
      repo.mergePull(pull.number);

      const deliveries = await forge.deliveries();
      expect(deliveries.map(d => d.status)).toEqual([202, 202, 202, 202, 202]);
      expect(received.map(r => r.event)).toEqual([
        'push',
        'push',
        'pull_request',
        'push',
        'pull_request',
      ]);
      for (const r of received) {
        const expected = `sha256=${createHmac('sha256', 's3cret')
          .update(r.body)
          .digest('hex')}`;
        expect(r.signature).toBe(expected);
      }
      const closing = JSON.parse(received[4].body);
      expect(closing).toMatchObject({
        action: 'closed',
        pull_request: { merged: true, number: 1 },
      });
      const mergePush = JSON.parse(received[3].body);
      expect(mergePush).toMatchObject({
        ref: 'refs/heads/main',
        repository: { full_name: 'acme/infra', default_branch: 'main' },
        commits: [{ added: ['b.md'], modified: [], removed: [] }],
      });
    } finally {
      await new Promise(r => server.close(r));
    }
  });
});
