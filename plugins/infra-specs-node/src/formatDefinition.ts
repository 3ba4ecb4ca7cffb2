// Stand-in until infra-specs-common exports SpecFormatDefinition (being written in parallel).
/** @public */
export type SpecFormatDefinition = { name: string } & Record<string, unknown>;
