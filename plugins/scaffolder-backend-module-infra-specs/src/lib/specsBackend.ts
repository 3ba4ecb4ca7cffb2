import type {
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { ResponseError, stringifyError } from '@backstage/errors';
import type { SpecRecord } from '@infra-specs/backstage-plugin-infra-specs-common';
import type { InfraSpecsClient } from '@infra-specs/backstage-plugin-infra-specs-node';

/** The part of InfraSpecsClient the actions use (tests pass the real client or a stand-in). @public */
export type SpecsApi = Pick<
  InfraSpecsClient,
  'getNextId' | 'refresh' | 'getEntitySpecs' | 'listSpecs'
>;

const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ECONNRESET',
]);

/**
 * True when an error says the infra-specs backend is not there (not installed in this
 * backend, or not reachable), as opposed to an answer from it.
 */
export function isBackendUnavailable(error: unknown): boolean {
  if (error instanceof ResponseError) {
    if (error.statusCode === 502 || error.statusCode === 503) {
      return true;
    }
    // The plugin's own 404s (an unknown component) are Backstage error bodies naming the
    // request; a 404 without one comes from a backend where no plugin serves /api/infra-specs.
    return error.statusCode === 404 && !error.body?.request;
  }
  if (error instanceof SyntaxError) {
    return true;
  }
  const { name, code, cause } = (error ?? {}) as {
    name?: string;
    code?: string;
    cause?: unknown;
  };
  if (code && CONNECTION_CODES.has(code)) {
    return true;
  }
  if (name === 'NotFoundError') {
    // discovery of an unknown plugin
    return true;
  }
  return cause !== undefined && cause !== error && isBackendUnavailable(cause);
}

/**
 * The next id the specs backend hands out for `prefix` to a new spec of `componentRef`, or
 * undefined when there is no specs backend (then the caller relies on the ids it can see). Any
 * other failure (no permission, server error) is thrown: guessing an id then could reuse one.
 */
export async function nextIdFromBackend(
  api: SpecsApi | undefined,
  prefix: string,
  componentRef: string,
  credentials: BackstageCredentials,
  logger: LoggerService,
  /** `reserve: false` only previews the id (dry runs): nothing is handed out. */
  options: { reserve?: boolean } = {},
): Promise<string | undefined> {
  if (!api) {
    return undefined;
  }
  try {
    const { id } = await api.getNextId(
      prefix,
      options.reserve === false
        ? { credentials }
        : { credentials, reserve: true, entityRef: componentRef },
    );
    return id;
  } catch (error) {
    if (isBackendUnavailable(error)) {
      logger.info(
        `The infra-specs backend is not available (${stringifyError(
          error,
        )}); allocating the id from the specs in the workspace`,
      );
      return undefined;
    }
    throw error;
  }
}

/**
 * Asks the specs backend to re-read a component's spec location so the new spec shows up
 * now rather than at the next scheduled refresh. Best effort: a missing backend or a
 * failure is logged, never fatal (the scheduled refresh will find the file anyway).
 */
export async function refreshComponent(
  api: SpecsApi | undefined,
  entityRef: string,
  credentials: BackstageCredentials,
  logger: LoggerService,
): Promise<boolean> {
  if (!api) {
    logger.info(
      'No infra-specs backend client configured; the spec appears at the next scheduled refresh',
    );
    return false;
  }
  try {
    await api.refresh(entityRef, { credentials });
    logger.info(`Asked the infra-specs backend to refresh ${entityRef}`);
    return true;
  } catch (error) {
    if (isBackendUnavailable(error)) {
      logger.info(
        `The infra-specs backend is not installed or not reachable (${stringifyError(
          error,
        )}); skipping the refresh of ${entityRef}`,
      );
    } else {
      logger.warn(
        `The infra-specs backend could not refresh ${entityRef}: ${stringifyError(
          error,
        )}; the spec appears at its next scheduled refresh`,
      );
    }
    return false;
  }
}

/**
 * The indexed spec that already uses `id` (any case), or undefined when none does or
 * there is no specs backend to ask. Read-only, so it is safe in dry runs.
 */
export async function findIndexedSpec(
  api: SpecsApi | undefined,
  id: string,
  credentials: BackstageCredentials,
  logger: LoggerService,
): Promise<SpecRecord | undefined> {
  if (!api) {
    return undefined;
  }
  const wanted = id.trim().toUpperCase();
  try {
    const page = await api.listSpecs(
      { q: id.trim(), limit: 100 },
      { credentials },
    );
    return page.items.find(
      item => item.document.id?.trim().toUpperCase() === wanted,
    );
  } catch (error) {
    if (isBackendUnavailable(error)) {
      logger.info(
        `The infra-specs backend is not available (${stringifyError(
          error,
        )}); checked ${id} against the workspace only`,
      );
      return undefined;
    }
    throw error;
  }
}

/**
 * Ids of indexed specs that start with `prefix-`, highest first: a read-only look at what the
 * index knows, for dry runs that must not reserve an id. Empty without a specs backend.
 */
export async function indexedIdsWithPrefix(
  api: SpecsApi | undefined,
  prefix: string,
  credentials: BackstageCredentials,
  logger: LoggerService,
): Promise<string[]> {
  if (!api) {
    return [];
  }
  try {
    const page = await api.listSpecs(
      { q: `${prefix}-`, sort: '-id', limit: 100, includeRemoved: true },
      { credentials },
    );
    return page.items.flatMap(item =>
      item.document.id ? [item.document.id] : [],
    );
  } catch (error) {
    if (isBackendUnavailable(error)) {
      logger.info(
        `The infra-specs backend is not available (${stringifyError(error)})`,
      );
      return [];
    }
    throw error;
  }
}
