/** Names of `npm run bench:instructions`' subjects that its controller reports on by name. */

/** The pipeline's pass right after a full collection (see instructions-subject.ts). */
export const AFTER_COLLECTION = 'pipeline right after a full collection';
