import { createHash } from 'node:crypto';
import type { Clock } from '../../clock.js';
import type { Config } from '../../config.js';
import type { Db } from '../../db/connection.js';
import type { ArticleRow, CommentRow, HoldReason, ModerationAction } from '../../db/schema.js';
import { lockKeys, writeTransaction } from '../../db/transaction.js';
import { ProblemError, problems } from '../../http/problem.js';
import { newId } from '../../ids.js';
import type { RuleSet } from '../../rules/loader.js';
import { type RuleErrorHandler, runPipeline } from '../../rules/pipeline.js';
import type { Decision, Violation } from '../../rules/types.js';
import type { ArticleCache } from '../articles/article-cache.js';
import { appendEvent } from '../moderation/events.js';
import {
  findByFingerprint,
  findComment,
  flaggedRules,
  hasPublishedComment,
  insertComment,
  latestCommentSince,
} from './repository.js';

export interface SubmitDeps {
  db: Db;
  /** Where the article comes from (ArticleCache: what a comment may reuse, and for how long). */
  articles: ArticleCache;
  rules: RuleSet;
  config: Config;
  clock: Clock;
  onRuleError?: RuleErrorHandler;
}

export interface SubmitInput {
  articleId: string;
  author: string;
  email: string;
  body: string;
  parentId?: string | undefined;
  honeypot?: string | undefined;
  ip: string | null;
  userAgent: string | null;
}

export interface SubmitOutcome {
  article: ArticleRow;
  comment: CommentRow;
  decision: Decision;
  violations: Violation[];
}

/** Same article, same e-mail, same text: the key of a duplicate post. */
export function commentFingerprint(articleId: string, email: string, body: string): string {
  return createHash('sha256').update(`${articleId}\0${email}\0${body}`).digest('hex');
}

/** Unique-constraint failures, as better-sqlite3 and node-postgres report them. */
function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === '23505';
}

const duplicate = () =>
  new ProblemError(409, 'DuplicateComment', 'Duplicate comment', 'You already posted this comment on this article.');

/**
 * A reader's comment, from validated fields to a stored row: the article must accept comments,
 * a reply must answer a published comment of the same article, the rules decide, and the
 * duplicate and flood checks run in the same transaction as the insert so that concurrent posts
 * cannot both slip through.
 */
export async function submitComment(deps: SubmitDeps, input: SubmitInput): Promise<SubmitOutcome> {
  const { db, rules, config, clock } = deps;
  const found = await deps.articles.get(db, input.articleId);
  if (!found) throw problems.notFound('ArticleNotFound', 'Article');
  const article = found.row;
  if (!article.comments_open) {
    throw new ProblemError(403, 'CommentsClosed', 'Comments are closed', 'This article no longer accepts comments.');
  }

  let parentBody: string | undefined;
  if (input.parentId !== undefined) {
    const parent = await findComment(db, input.parentId);
    if (!parent || parent.article_id !== article.id || parent.status !== 'published') {
      throw problems.validation([{ path: 'parentId', message: 'Must be a published comment of the same article.' }]);
    }
    parentBody = parent.body;
  }

  const email = input.email.trim().toLowerCase();
  const body = input.body.normalize('NFC').trim();
  const result = runPipeline(
    rules,
    {
      body,
      article: found.context,
      fallbackLang: article.lang,
      submission: { author: input.author, honeypot: input.honeypot, parentBody },
    },
    deps.onRuleError,
  );

  const now = clock.now();
  const at = now.toISOString();
  const fingerprint = commentFingerprint(article.id, email, body);

  try {
    return await writeTransaction(db, async (tx) => {
      // Several instances on one PostgreSQL: only one transaction at a time per e-mail and per IP.
      await lockKeys(tx, [`commenter:${email}`, ...(input.ip ? [`ip:${input.ip}`] : [])]);
      // A duplicate (same article, e-mail and text) is refused by the unique index on the
      // fingerprint when the comment is inserted (409 below): no query for it on every post.
      if (config.FLOOD_INTERVAL_SECONDS > 0) {
        const windowMs = config.FLOOD_INTERVAL_SECONDS * 1000;
        const since = new Date(now.getTime() - windowMs).toISOString();
        const latest = await latestCommentSince(tx, { ip: input.ip, email, since });
        if (latest !== null) {
          // A second click on "send" is within the interval too: it is a duplicate, and says so.
          if (await findByFingerprint(tx, fingerprint)) throw duplicate();
          const retryAfter = Math.max(1, Math.ceil((Date.parse(latest) + windowMs - now.getTime()) / 1000));
          throw problems.tooManyRequests(
            'TooManyComments',
            retryAfter,
            `Please wait ${retryAfter} s before posting another comment.`,
          );
        }
      }

      const { action, holdReason } = await outcomeFor(
        tx,
        result.decision,
        article.premoderation ?? rules.policy.premoderation,
        email,
      );
      const comment: CommentRow = {
        id: newId(),
        article_id: article.id,
        parent_id: input.parentId ?? null,
        author: input.author.normalize('NFC').trim(),
        email,
        body,
        status: action === 'publish' ? 'published' : action === 'hold' ? 'pending' : 'deleted',
        hold_reason: action === 'hold' ? holdReason : null,
        lang: result.lang,
        ip: input.ip,
        user_agent: input.userAgent,
        fingerprint,
        flagged_rules: flaggedRules(result.violations),
        created_at: at,
        updated_at: at,
      };
      await insertComment(tx, comment, result.violations, rules.version);
      await appendEvent(tx, comment.id, action, null, comment.status, {
        actor: 'system',
        reason: result.violations.length > 0 ? result.violations.map((v) => v.rule).join(',') : holdReason,
        at,
      });
      return { article, comment, decision: result.decision, violations: result.violations };
    });
  } catch (error) {
    // The unique index on the fingerprint: a duplicate, or two identical posts racing (several
    // instances on PostgreSQL), whichever inserts second.
    if (isUniqueViolation(error)) throw duplicate();
    throw error;
  }
}

async function outcomeFor(
  tx: Db,
  decision: Decision,
  premoderation: 'none' | 'first' | 'all',
  email: string,
): Promise<{ action: ModerationAction; holdReason: HoldReason | null }> {
  if (decision === 'reject') return { action: 'reject', holdReason: null };
  if (decision === 'queue') return { action: 'hold', holdReason: 'flagged' };
  if (premoderation === 'all') return { action: 'hold', holdReason: 'premoderation' };
  if (premoderation === 'first' && !(await hasPublishedComment(tx, email))) {
    return { action: 'hold', holdReason: 'premoderation' };
  }
  return { action: 'publish', holdReason: null };
}
