import type { HumanDuration } from '@backstage/types';

export interface Config {
  /** Configuration of the infra-specs backend plugin. */
  infraSpecs?: {
    refresh?: {
      /**
       * How often spec locations are read. A duration (`{ minutes: 5 }`, `PT5M`, `5m`) or
       * `{ cron: '*\/5 * * * *' }`. Default `{ minutes: 5 }`.
       */
      frequency?: HumanDuration | string | { cron: string };
      /** How long one refresh of every location may take. Default `{ minutes: 15 }`. */
      timeout?: HumanDuration | string;
      /** Delay of the first refresh after start. Default `{ seconds: 15 }`. */
      initialDelay?: HumanDuration | string;
      /** Reads at the same time (a location, or the shared read of a repository's locations). Default 4. */
      concurrency?: number;
      /**
       * How long one read may take before it counts as failed: of a location, or of a GitHub
       * repository and ref whose locations are read together (each of them then fails). Default `{ minutes: 2 }`.
       */
      locationTimeout?: HumanDuration | string;
      /** Markdown and JSON (evidence) files larger than this are skipped with a warning on the location. Default 1 MiB. */
      maxFileBytes?: number;
      /**
       * Markdown and JSON files one location may hold, skipped large ones included. A read that finds
       * more stops there (remote reads abort the download) and fails the location, which keeps
       * its last good specs. Default 10000.
       */
      maxFiles?: number;
      /**
       * Bytes the markdown and JSON files of one location may add up to, counted while the tree streams,
       * before the files are held in memory. Over it, the read stops and fails the location,
       * which keeps its last good specs. At least `maxFileBytes`. Default 32 MiB.
       */
      maxBytes?: number;
      /** Retry delays of a failing location: `initial`, doubled per failure, at most `max`. */
      backoff?: {
        /** Default `{ minutes: 5 }`. */
        initial?: HumanDuration | string;
        /** Default `{ hours: 6 }`. */
        max?: HumanDuration | string;
      };
      /**
       * `POST /refresh`, e.g. the Specs tab's Refresh button. Requests for a component that is
       * being read share one read queued behind it, so a burst reads the location at most twice.
       */
      manual?: {
        /**
         * Refresh requests per caller (user or service) and backend instance: `max` at once, then
         * `max` per `window`. Beyond it the answer is 429 with a Retry-After header.
         */
        rateLimit?: {
          /** Default 20. */
          max?: number;
          /** Default `{ minutes: 1 }`. */
          window?: HumanDuration | string;
        };
      };
    };
    local?: {
      /**
       * Folders from which `file:`/`dir:` spec locations may be read. Relative entries are
       * resolved against the backend's working directory. Anything outside (including `..`
       * and symlinks that point out) is refused. Default: none, so local reading is off.
       */
      allowedRoots?: string[];
    };
    /**
     * Which spec locations a component may use, checked before anything is read. The defaults
     * are safe: a component reads only from its own repository, or from its own folder.
     */
    locations?: {
      /**
       * `url:` locations (also bare URLs) outside the component's own repository that may be
       * read anyway. By default a URL must be in the repository of the component's
       * `backstage.io/managed-by-location` (same host and owner/name, any branch). Each entry is a
       * URL prefix (`https://github.com/acme/shared-specs`, matched on whole path segments) or a
       * pattern with `*`, `**`, `[...]` or `{a,b}` in its path (`https://github.com/acme/*\/tree/main/specs`,
       * minimatch, `*` is one segment); either allows that folder and everything below it. Scheme
       * and host are compared exactly. Default: none.
       */
      allowedUrls?: string[];
      /**
       * Lets `dir:`/`file:` locations point anywhere inside `infraSpecs.local.allowedRoots`, for
       * any component. By default a local folder is only for components registered from a `file:`
       * location, and must be inside the folder of their catalog-info.yaml. Default false.
       */
      allowDirOutsideComponent?: boolean;
    };
    /** Specs in review: which open pull requests propose or change specs. */
    pullRequests?: {
      /**
       * When the task `infra-specs-pull-requests` (one run at a time across instances) lists the
       * open pull requests of every GitHub repository that holds a spec location, to catch
       * `pull_request` events that never arrived. One request per repository per run. Default
       * every 30 minutes, timeout 10 minutes, first run 2 minutes after start.
       */
      schedule?: {
        frequency?: HumanDuration | string | { cron: string };
        timeout?: HumanDuration | string;
        initialDelay?: HumanDuration | string;
      };
    };
    retention?: {
      /**
       * When the retention task (`infra-specs-retention`, one run at a time across instances)
       * applies `history.retention`, `removed.retention` and `changes.retention`.
       */
      schedule?: {
        /** A duration or `{ cron: '0 3 * * *' }`. Default `{ days: 1 }`. */
        frequency?: HumanDuration | string | { cron: string };
        /** How long one run may take. Default `{ minutes: 30 }`. */
        timeout?: HumanDuration | string;
        /** Delay of the first run after start. Default `{ minutes: 1 }`. */
        initialDelay?: HumanDuration | string;
      };
    };
    history?: {
      /** How long status history is kept; the latest entry of each spec always stays. Default `{ years: 1 }`. */
      retention?: HumanDuration | string;
    };
    /**
     * Evidence files a spec links (an Infracost JSON, a Terraform or OpenTofu plan JSON), read
     * from the spec's location with its limits.
     */
    review?: {
      /**
       * A spec in review longer than this (since its status last changed) needs attention: the
       * summarize-specs action lists it, its owner is notified, and the Tech Insights fact counts
       * it. Default `{ days: 21 }`.
       */
      staleAfter?: HumanDuration | string;
    };
    evidence?: {
      /**
       * A `cost-drift` warning when the spec's claimed monthly cost differs from the estimate by
       * more than both `share` (of the claim) and `amount` (in the spec's currency).
       */
      costDrift?: {
        /** Default 0.2. */
        share?: number;
        /** Default 50. */
        amount?: number;
      };
    };
    removed?: {
      /**
       * How long removed specs are kept (for their history): specs whose file vanished, and the
       * specs of components that left the catalog or lost the annotation, which are restored
       * if the component comes back within this time. Default `{ days: 30 }`.
       */
      retention?: HumanDuration | string;
      /**
       * The share (above 0, at most 1) of all current specs that one refresh may remove because
       * their components are no longer in the catalog. Beyond it the refresh removes nothing and
       * logs an error: a catalog that briefly lists nothing must not empty the index. Not applied
       * below 10 specs. Default 0.5.
       */
      maxShare?: number;
    };
    changes?: {
      /** How long the change log behind GET /changes is kept. Default `{ days: 7 }`. */
      retention?: HumanDuration | string;
    };
    lint?: {
      /** Largest markdown POST /lint accepts, in bytes. Default 1 MiB. */
      maxBytes?: number;
    };
    ids?: {
      /**
       * How far above the ids in use (a prefix's counter, or the number of its ids in a first
       * index) an indexed numbered id may raise the next-id counter. A spec claiming an id beyond
       * that (`SPEC-999999999`) gets an `id-beyond-counter` diagnostic instead, so one file cannot
       * push every later id past nine digits. Default 1000.
       */
      maxJump?: number;
    };
    /** Parsing in worker threads (piscina), off the main thread that serves the API. */
    parsing?: {
      /**
       * Worker threads; 0 parses on the main thread. Default: one per CPU but one, at least
       * one (`os.availableParallelism() - 1`), so the main thread keeps a core for SQL and JSON.
       */
      workers?: number;
      /**
       * How long a worker may spend on one batch of documents. A batch over it is parsed again
       * one document at a time; a document over it is skipped with a warning on its location
       * (a stored spec keeps its last good version) and its worker is replaced. Default 10 s.
       */
      timeout?: HumanDuration | string;
    };
  };
}
