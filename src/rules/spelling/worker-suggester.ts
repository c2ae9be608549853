import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Lang } from '../../db/schema.js';
import { projectRoot } from '../../project-root.js';
import { SUGGEST_WORKER_ROLE, type SuggestReply, type SuggestRequest, suggestionKey } from './suggest-worker.js';
import type { Suggester } from './suggester.js';

/** The bundled worker that `npm run build` writes, or null when it has not been built. */
export function builtSuggestWorkerFile(): string | null {
  const root = projectRoot();
  const file = root === null ? null : join(root, 'dist', 'suggest-worker.cjs');
  return file !== null && existsSync(file) ? file : null;
}

const CACHE_LIMIT = 10_000;
/**
 * How long after a request's budget its words are still looked up: the embed checks the draft
 * again as the reader types (every second or two), and that check gets the late answers. Older
 * words are skipped, so a backlog of slow words drains instead of growing.
 */
const LATE_ANSWERS_MS = 3_000;

/**
 * Spelling suggestions from a worker thread, so that a reader's draft check (/v1/check) or a
 * moderator's view never holds the event loop while Hunspell searches (100–700 ms a word).
 *
 * The request waits for its words up to its budget, then answers with those that came; the
 * others keep their place in the worker's queue for a few seconds more (LATE_ANSWERS_MS), and the
 * answers that come late are remembered here, so the reader's next check gets them at once. The
 * worker starts on the first request, and again after it died.
 */
export class WorkerSuggester implements Suggester {
  private worker: Worker | null = null;
  private readonly answers = new Map<string, string[]>();
  private readonly listeners = new Set<(key: string) => void>();
  private idleTimer: NodeJS.Timeout | null = null;
  private waitingRequests = 0;

  /**
   * `idleMs`: the worker stops after that long without a request, giving back its copy of the
   * dictionaries (~40 MB); the next request starts it again (~0.1–0.2 s, its words then come in
   * that request's budget or the next one's).
   */
  constructor(
    private readonly file: string,
    private readonly onError: (error: unknown) => void = () => {},
    private readonly idleMs = 60_000,
  ) {}

  /** Whether a worker thread is running now. */
  get running(): boolean {
    return this.worker !== null;
  }

  async suggest(lang: Lang, words: readonly string[], max: number, budgetMs: number): Promise<Map<string, string[]>> {
    const found = new Map<string, string[]>();
    const missing: string[] = [];
    for (const word of new Set(words)) {
      const known = this.answers.get(suggestionKey(lang, max, word));
      if (known) found.set(word, known);
      else missing.push(word);
    }
    if (missing.length === 0 || budgetMs <= 0) return found;

    const worker = this.started();
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.waitingRequests++;
    await new Promise<void>((resolve) => {
      const waitingFor = new Set(missing.map((word) => suggestionKey(lang, max, word)));
      const listener = (key: string) => {
        if (waitingFor.delete(key) && waitingFor.size === 0) done();
      };
      const done = () => {
        clearTimeout(timer);
        this.listeners.delete(listener);
        if (--this.waitingRequests === 0) this.stopWhenIdle();
        resolve();
      };
      const timer = setTimeout(done, budgetMs);
      this.listeners.add(listener);
      const skipAfter = Date.now() + budgetMs + LATE_ANSWERS_MS;
      for (const word of missing) worker.postMessage({ lang, word, max, skipAfter } satisfies SuggestRequest);
    });
    for (const word of missing) {
      const answer = this.answers.get(suggestionKey(lang, max, word));
      if (answer) found.set(word, answer);
    }
    return found;
  }

  /** Stops the worker (server shutdown, or idle). A later request starts a new one. */
  async close(): Promise<void> {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    const worker = this.worker;
    this.worker = null;
    await worker?.terminate();
  }

  /** Counted from the end of the last request: late answers still arrive meanwhile. */
  private stopWhenIdle() {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => this.close().catch(this.onError), this.idleMs);
    this.idleTimer.unref();
  }

  private started(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(this.file, { workerData: { role: SUGGEST_WORKER_ROLE } });
    // Never what keeps the process alive: shutdown does not wait for a search in progress.
    worker.unref();
    worker.on('message', (reply: SuggestReply) => {
      const key = suggestionKey(reply.lang, reply.max, reply.word);
      if (reply.suggestions) {
        if (this.answers.size >= CACHE_LIMIT) this.answers.clear();
        this.answers.set(key, reply.suggestions);
      }
      for (const listener of this.listeners) listener(key);
    });
    worker.on('error', (error) => this.onError(error));
    worker.on('exit', () => {
      // Requests waiting on it answer at their budget without the missing words.
      if (this.worker === worker) this.worker = null;
    });
    this.worker = worker;
    return worker;
  }
}
