/**
 * Names of the benchmark's rows that targets.ts judges, shared with the sections that measure
 * them (http.ts, scale.ts), so that a renamed row cannot silently drop out of the verdicts.
 */
export const POST_COMMENT = 'POST comment (all rules + DB)';
/**
 * The same load for as long again, right after: the POST row's 10 s come before V8's first major
 * collections (under this load the old generation fills in ~15 s), which a running site has.
 */
export const POST_COMMENT_LATER = 'POST comment, the next 10 s';
/**
 * The same POST at a steady rate well under this machine's saturation (~4,000-6,000 req/s on the
 * 29th) and far above a news site's comments: the latency and loop delay a reader's post meets
 * when the server is not saturated, which the saturated rows cannot show (paced.ts).
 */
export const PACED_RATE = 1_000;
/** How the rows and the targets name that rate. */
export const PACED = `paced at ${PACED_RATE.toLocaleString('en')} req/s`;
export const POST_COMMENT_PACED = `POST comment, ${PACED}`;
export const BASELINE_FULL = 'baseline: bare Hono + Kysely insert, synchronous=FULL';
export const BASELINE_NORMAL = 'baseline: same, synchronous=NORMAL (no fsync)';

/** The queue pages a moderator loads: the first, a deep one, the console's own size, filtered. */
export const QUEUE_PAGE_ROWS = [
  'queue, first page (50)',
  'queue, page 41 (50)',
  // The page the moderation console loads (PAGE_SIZE in src/ui/console.js).
  'queue, first page (25, the console’s)',
  'queue filtered by rule',
] as const;

/** An article's comment pages: the first and a deep one. */
export const COMMENT_PAGE_ROWS = ['comment page, first (20)', 'comment page 41 (20)'] as const;
