/** Characters of an evidence file the readers parse; callers should bound the bytes they read well below. */
export const MAX_EVIDENCE_CHARS = 64 * 1024 * 1024;
/** Resources of a plan listed in `plan.resources`; the counts cover all of them. */
export const MAX_PLAN_RESOURCES = 500;
/** Resources named in a `plan-contradicts-impact` message. */
export const MAX_NAMED_RESOURCES = 5;
/** Projects named in an `estimate-incomplete` message. */
export const MAX_NAMED_PROJECTS = 5;
