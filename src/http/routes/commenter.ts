import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { forgetCommenter, readCommenter } from '../commenter-cookies.js';
import type { AppDeps, AppEnv } from '../env.js';
import { commenterSchema } from '../schemas.js';

const getCommenter = createRoute({
  method: 'get',
  path: '/v1/commenter',
  tags: ['Commenter'],
  summary: 'The saved pseudo and e-mail (from cookies), to pre-fill the form',
  responses: {
    200: {
      description: 'Saved details, nulls when none',
      content: { 'application/json': { schema: commenterSchema } },
    },
  },
});

const deleteCommenter = createRoute({
  method: 'delete',
  path: '/v1/commenter',
  tags: ['Commenter'],
  summary: 'Forget the saved pseudo and e-mail (expires the cookies)',
  responses: { 204: { description: 'Forgotten' } },
});

export function registerCommenterRoutes(app: OpenAPIHono<AppEnv>, { config }: AppDeps) {
  app.openapi(getCommenter, (c) => {
    // Personal data: never cached by a shared cache.
    c.header('Cache-Control', 'private, no-store');
    return c.json(readCommenter(c), 200);
  });
  app.openapi(deleteCommenter, (c) => {
    forgetCommenter(c, config);
    return c.body(null, 204);
  });
}
