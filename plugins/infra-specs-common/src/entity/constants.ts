/** Annotation on a Component: the folder of its specs, relative (`./docs/specs`) or `url:...`. @public */
export const ANNOTATION_SPEC_LOCATION = 'infra-specs.dev/spec-location';
/** Annotation on a Spec entity: the spec's own id as written (`SPEC-0042`). @public */
export const ANNOTATION_SPEC_ID = 'infra-specs.dev/spec-id';

/** @public */
export const SPEC_ENTITY_API_VERSION = 'infra-specs.dev/v1alpha1';
/** @public */
export const SPEC_ENTITY_KIND = 'Spec';

/** Relation from a Spec to the Component it changes. @public */
export const RELATION_SPEC_OF = 'specOf';
/** Reverse of {@link RELATION_SPEC_OF}. @public */
export const RELATION_HAS_SPEC = 'hasSpec';

/** The backend plugin id, also the REST API's base path segment. @public */
export const INFRA_SPECS_PLUGIN_ID = 'infra-specs';
