/*
 * What owners read: the notification of each event, pure. Scopes make repeats of one event
 * (a retried delivery, a second instance) update one notification instead of adding another.
 */
import type { NotificationPayload } from '@backstage/plugin-notifications-common';
import {
  statusLabel,
  type SpecDiagnostic,
  type SpecRecord,
} from '@infra-specs/backstage-plugin-infra-specs-common';

export const TOPICS = {
  statusChange: 'infra-specs.status-changed',
  staleReview: 'infra-specs.stale-review',
  newErrors: 'infra-specs.new-errors',
} as const;

/** The Spec entity page; the notifications UI resolves it against the app's base URL. */
function linkOf(record: SpecRecord): string {
  return `/catalog/default/spec/${encodeURIComponent(record.name)}`;
}

function nameOf(record: SpecRecord): string {
  const { id, title } = record.document;
  return id ? `${id} ${title}` : title;
}

export function statusChangeNotification(
  record: SpecRecord,
  from: string | null,
): NotificationPayload {
  const to = record.document.status;
  return {
    title:
      from === null
        ? `New spec ${nameOf(record)} (${statusLabel(to)})`
        : `${nameOf(record)}: ${statusLabel(from)} → ${statusLabel(to)}`,
    description:
      from === null
        ? `A new spec of ${
            record.componentRef
          } was indexed with status ${statusLabel(to)}.`
        : `The spec of ${record.componentRef} moved from ${statusLabel(
            from,
          )} to ${statusLabel(to)}.`,
    link: linkOf(record),
    severity: to === 'rejected' ? 'high' : 'normal',
    topic: TOPICS.statusChange,
    scope: `infra-specs:status:${record.name}:${to}`,
  };
}

export function staleReviewNotification(
  record: SpecRecord,
  message: string,
): NotificationPayload {
  return {
    title: `${nameOf(record)} is waiting for review`,
    description: `${message}. Review it, or move it back to draft.`,
    link: linkOf(record),
    severity: 'normal',
    topic: TOPICS.staleReview,
    scope: `infra-specs:stale-review:${record.name}`,
  };
}

export function newErrorsNotification(
  record: SpecRecord,
  errors: SpecDiagnostic[],
): NotificationPayload {
  const codes = [...new Set(errors.map(e => e.code))].sort();
  return {
    title: `${nameOf(record)}: ${errors.length} new error${
      errors.length === 1 ? '' : 's'
    }`,
    description: errors
      .slice(0, 3)
      .map(e => `Line ${e.line}: ${e.message}`)
      .join('\n'),
    link: linkOf(record),
    severity: 'high',
    topic: TOPICS.newErrors,
    scope: `infra-specs:errors:${record.name}:${codes.join(',')}`,
  };
}
