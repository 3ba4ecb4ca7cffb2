import { Readable } from 'node:stream';
import type {
  AuthService,
  DiscoveryService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import type { Permission } from '@backstage/plugin-permission-common';
import type { DocumentCollatorFactory } from '@backstage/plugin-search-common';
import {
  INFRA_SPEC_SEARCH_TYPE,
  infraSpecsSpecReadPermission,
  type InfraSpecSearchDocument,
} from '@infra-specs/backstage-plugin-infra-specs-common';
import { InfraSpecsClient } from '@infra-specs/backstage-plugin-infra-specs-node';
import pLimit from 'p-limit';
import { specToDocument } from './specToDocument';

/** @public */
export interface InfraSpecsCollatorFactoryOptions {
  discovery: DiscoveryService;
  auth: AuthService;
  logger: LoggerService;
  /** Specs listed per request (1..500). Default 100. */
  pageSize?: number;
  /** Spec details (for their markdown) fetched at the same time. Default 8. */
  concurrency?: number;
  /** For tests: a client instead of one built from discovery and auth. */
  client?: InfraSpecsClient;
}

/**
 * Indexes every current spec of the infra-specs backend as one `infra-spec` search document.
 * Reads through the backend's REST API with the search plugin's service credentials: the list
 * (`GET /specs`, paged with its cursor) for the fields, and each spec's detail for its markdown,
 * a few at a time. Results are filtered per user by `infra-specs.spec.read` on the Spec entity ref.
 *
 * @public
 */
export class InfraSpecsCollatorFactory implements DocumentCollatorFactory {
  readonly type = INFRA_SPEC_SEARCH_TYPE;
  readonly visibilityPermission: Permission = infraSpecsSpecReadPermission;

  readonly #client: InfraSpecsClient;
  readonly #logger: LoggerService;
  readonly #pageSize: number;
  readonly #concurrency: number;

  static fromOptions(
    options: InfraSpecsCollatorFactoryOptions,
  ): InfraSpecsCollatorFactory {
    return new InfraSpecsCollatorFactory(options);
  }

  private constructor(options: InfraSpecsCollatorFactoryOptions) {
    this.#client =
      options.client ??
      new InfraSpecsClient({
        discovery: options.discovery,
        auth: options.auth,
      });
    this.#logger = options.logger;
    this.#pageSize = Math.min(Math.max(options.pageSize ?? 100, 1), 500);
    this.#concurrency = Math.max(options.concurrency ?? 8, 1);
  }

  async getCollator(): Promise<Readable> {
    return Readable.from(this.#execute());
  }

  async *#execute(): AsyncGenerator<InfraSpecSearchDocument> {
    const limit = pLimit(this.#concurrency);
    let cursor: string | undefined;
    let indexed = 0;
    let vanished = 0;
    do {
      const page = await this.#client.listSpecs({
        limit: this.#pageSize,
        cursor,
        sort: 'id',
      });
      // Details of one page in parallel, yielded in list order.
      const details = await Promise.all(
        page.items.map(record =>
          limit(() => this.#client.getSpec(record.name)),
        ),
      );
      for (const detail of details) {
        if (!detail) {
          // Removed between the list and the detail request: the next run will not list it.
          vanished++;
          continue;
        }
        indexed++;
        yield specToDocument(detail, detail.markdown);
      }
      cursor = page.nextCursor;
    } while (cursor);
    this.#logger.info(
      `Collated ${indexed} infra-spec documents${
        vanished ? ` (${vanished} vanished while reading)` : ''
      }`,
    );
  }
}
