import { createHmac, randomUUID } from 'node:crypto';
import type { ForgeChange } from './repository';

/**
 * A webhook as GitHub sends it (the event name of `x-github-event`, a delivery id and the
 * payload), or as GitLab sends it (a Push Hook, `flavor: 'gitlab'`).
 */
export type ForgeWebhook = {
  name: 'push' | 'pull_request';
  flavor: 'github' | 'gitlab';
  id: string;
  payload: Record<string, unknown>;
};

/** Where the forge posts its webhooks, as a repository's webhook settings would say. */
export type ForgeWebhookTarget = {
  url: string;
  /**
   * GitHub: signs each body as `x-hub-signature-256` with it. GitLab: sends it as
   * `x-gitlab-token`.
   */
  secret?: string;
};

/** One delivery's outcome: the HTTP status, or the network error. */
export type ForgeWebhookDelivery = {
  webhook: ForgeWebhook;
  status?: number;
  error?: string;
};

/** The JSON of a repository and of a pull request, as the REST API answers them. */
export type ForgeJson = {
  repository(fullName: string): Record<string, unknown>;
  pull(fullName: string, number: number): Record<string, unknown>;
};

const SENDER = { login: 'forge-bot', type: 'Bot' };

/** GitLab's Push Hook for a push; GitLab's flavour of the forge has no merge requests. */
function gitlabWebhookOf(
  change: ForgeChange & { kind: 'push' },
  project: Record<string, unknown>,
): ForgeWebhook {
  const commit = {
    id: change.after,
    message: 'forge push',
    added: change.added,
    modified: change.modified,
    removed: change.removed,
  };
  return {
    name: 'push',
    flavor: 'gitlab',
    id: randomUUID(),
    payload: {
      object_kind: 'push',
      event_name: 'push',
      ref: `refs/heads/${change.branch}`,
      before: change.before,
      after: change.after,
      project,
      commits: [commit],
      total_commits_count: 1,
    },
  };
}

/** The webhook for a change of a repository, as GitHub (or GitLab) would send it; none if it has none. */
export function webhookOf(
  fullName: string,
  change: ForgeChange,
  json: ForgeJson,
  flavor: 'github' | 'gitlab' = 'github',
): ForgeWebhook | undefined {
  const repository = json.repository(fullName);
  if (flavor === 'gitlab') {
    return change.kind === 'push' ? gitlabWebhookOf(change, repository) : undefined;
  }
  if (change.kind === 'push') {
    const commit = {
      id: change.after,
      message: 'forge push',
      added: change.added,
      modified: change.modified,
      removed: change.removed,
    };
    return {
      name: 'push',
      flavor: 'github',
      id: randomUUID(),
      payload: {
        ref: `refs/heads/${change.branch}`,
        before: change.before,
        after: change.after,
        created: /^0+$/.test(change.before),
        deleted: false,
        forced: false,
        commits: [commit],
        head_commit: commit,
        repository,
        pusher: { name: SENDER.login },
        sender: SENDER,
      },
    };
  }
  return {
    name: 'pull_request',
    flavor: 'github',
    id: randomUUID(),
    payload: {
      action: change.action,
      number: change.pull.number,
      pull_request: json.pull(fullName, change.pull.number),
      repository,
      sender: SENDER,
    },
  };
}

/** Posts a webhook the way GitHub (or GitLab) does: JSON body, event and delivery headers, the secret. */
export async function deliverWebhook(
  target: ForgeWebhookTarget,
  webhook: ForgeWebhook,
): Promise<ForgeWebhookDelivery> {
  const body = JSON.stringify(webhook.payload);
  if (webhook.flavor === 'gitlab') {
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'x-gitlab-event': 'Push Hook',
      'x-gitlab-event-uuid': webhook.id,
      ...(target.secret ? { 'x-gitlab-token': target.secret } : {}),
    };
    return post(target, webhook, headers, body);
  }
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'user-agent': 'GitHub-Hookshot/forge',
    'x-github-event': webhook.name,
    'x-github-delivery': webhook.id,
  };
  if (target.secret) {
    headers['x-hub-signature-256'] = `sha256=${createHmac(
      'sha256',
      target.secret,
    )
      .update(body)
      .digest('hex')}`;
  }
  return post(target, webhook, headers, body);
}

async function post(
  target: ForgeWebhookTarget,
  webhook: ForgeWebhook,
  headers: Record<string, string>,
  body: string,
): Promise<ForgeWebhookDelivery> {
  try {
    const response = await fetch(target.url, { method: 'POST', headers, body });
    await response.arrayBuffer();
    return { webhook, status: response.status };
  } catch (error) {
    return { webhook, error: String(error) };
  }
}
