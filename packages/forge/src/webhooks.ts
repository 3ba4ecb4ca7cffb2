import { createHmac, randomUUID } from 'node:crypto';
import type { ForgeChange } from './repository';

/** A webhook as GitHub sends it: the event name (`x-github-event`), a delivery id and the payload. */
export type ForgeWebhook = {
  name: 'push' | 'pull_request';
  id: string;
  payload: Record<string, unknown>;
};

/** Where the forge posts its webhooks, as a repository's webhook settings would say. */
export type ForgeWebhookTarget = {
  url: string;
  /** Signs each body as `x-hub-signature-256`, as GitHub does with the webhook's secret. */
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

/** GitHub's webhook payload for a change of a repository. */
export function webhookOf(
  fullName: string,
  change: ForgeChange,
  json: ForgeJson,
): ForgeWebhook {
  const repository = json.repository(fullName);
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

/** Posts a webhook the way GitHub does: JSON body, event and delivery headers, HMAC signature. */
export async function deliverWebhook(
  target: ForgeWebhookTarget,
  webhook: ForgeWebhook,
): Promise<ForgeWebhookDelivery> {
  const body = JSON.stringify(webhook.payload);
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
  try {
    const response = await fetch(target.url, { method: 'POST', headers, body });
    await response.arrayBuffer();
    return { webhook, status: response.status };
  } catch (error) {
    return { webhook, error: String(error) };
  }
}
