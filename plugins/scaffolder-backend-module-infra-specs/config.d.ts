export interface Config {
  infraSpecs?: {
    publish?: {
      local?: {
        /**
         * Folders that `infra-specs:publish-local` may write spec files into. Relative entries
         * are resolved against the backend's working directory. A target outside every root
         * (through `..`, an absolute path or a symlink pointing out) is refused. Default: none,
         * so the action refuses every target until a root is configured.
         */
        allowedRoots?: string[];
        /**
         * Whether a template may replace an existing spec file with `overwrite: true` (a custom
         * template could otherwise rewrite an approved spec). Default false.
         */
        allowOverwrite?: boolean;
      };
    };
  };
}
