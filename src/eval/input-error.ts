export { formatIssues } from '../rules/loader.js';

/**
 * A problem with what the user gave the evaluation (a corpus line, a CSV row, an argument),
 * as opposed to a bug: the CLI prints its message alone and exits with code 2.
 */
export class EvalInputError extends Error {}

/** A mistake on the command line: the CLI prints the usage after the message. */
export class UsageError extends EvalInputError {}
