import { setFlagsFromString } from 'node:v8';
import { describe, expect, it } from 'vitest';
import type { CommentRow } from '../../src/db/schema.js';
import { submittedCommentView } from '../../src/http/views.js';

// V8's own test of whether two objects share a hidden class, without starting the test process
// with --allow-natives-syntax (the flag applies to functions compiled after it is set).
setFlagsFromString('--allow-natives-syntax');
const haveSameMap = new Function('a', 'b', 'return %HaveSameMap(a, b)') as (a: object, b: object) => boolean;

const row = (n: number, status: CommentRow['status']) => ({
  id: `c${n}`,
  article_id: 'a',
  parent_id: null,
  author: `Lecteur ${n}`,
  body: `Commentaire ${n}`,
  lang: 'fr' as const,
  created_at: '2026-11-29T12:00:00.000Z',
  status,
});

describe('submittedCommentView', () => {
  it('answers the public fields and the status', () => {
    expect(submittedCommentView(row(1, 'pending'))).toEqual({
      id: 'c1',
      articleId: 'a',
      parentId: null,
      author: 'Lecteur 1',
      body: 'Commentaire 1',
      lang: 'fr',
      createdAt: '2026-11-29T12:00:00.000Z',
      status: 'pending',
    });
  });

  it('gives every comment the same hidden class', () => {
    // `{ ...publicCommentView(row), status }` made a new one per call on Node 20's V8 once the
    // spread's inline cache had warmed up (from the ~10th call), and the old generation filled
    // with them under a stream of posts.
    const views = Array.from({ length: 40 }, (_, n) => submittedCommentView(row(n, n % 2 ? 'published' : 'pending')));
    const changes = views.slice(1).filter((view, i) => !haveSameMap(views[i] as object, view)).length;
    expect(changes).toBe(0);
  });
});
