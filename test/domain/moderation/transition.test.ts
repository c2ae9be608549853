import { describe, expect, it } from 'vitest';
import type { CommentStatus, ModerationAction } from '../../../src/db/schema.js';
import { transition } from '../../../src/domain/moderation/transition.js';

describe('transition', () => {
  it.each([
    [null, 'publish', 'published'],
    [null, 'hold', 'pending'],
    [null, 'reject', 'deleted'],
    ['pending', 'approve', 'published'],
    ['pending', 'delete', 'deleted'],
    ['published', 'delete', 'deleted'],
    ['published', 'requeue', 'pending'],
    ['pending', 'erase', 'deleted'],
    ['published', 'erase', 'deleted'],
    ['deleted', 'erase', 'deleted'],
  ] as [CommentStatus | null, ModerationAction, CommentStatus][])('allows %s --%s--> %s', (from, action, to) => {
    expect(transition(from, action)).toEqual({ ok: true, to });
  });

  it.each([
    ['deleted', 'approve'],
    ['deleted', 'delete'],
    ['deleted', 'requeue'],
    ['published', 'approve'],
    ['pending', 'requeue'],
    ['pending', 'publish'],
    [null, 'approve'],
    [null, 'delete'],
    [null, 'erase'],
  ] as [CommentStatus | null, ModerationAction][])('refuses %s --%s-->', (from, action) => {
    expect(transition(from, action)).toEqual({ ok: false, from, action });
  });
});
