import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { explainViolations, runPipeline } from '../../rules/pipeline.js';
import type { AppEnv, RouteDeps } from '../env.js';
import { problems } from '../problem.js';
import { checkInputSchema, checkResultSchema, problemResponses } from '../schemas.js';
import { violationView } from '../views.js';

const check = createRoute({
  method: 'post',
  path: '/v1/check',
  tags: ['Comments'],
  summary: 'Dry run of the rules on a draft: nothing stored, no flood counting',
  request: { body: { content: { 'application/json': { schema: checkInputSchema } }, required: true } },
  responses: {
    200: { description: 'What would happen', content: { 'application/json': { schema: checkResultSchema } } },
    ...problemResponses(400, 404, 413, 415, 422),
  },
});

export function registerCheckRoutes(
  app: OpenAPIHono<AppEnv>,
  { db, rules, logger, config, suggester, articles }: RouteDeps,
) {
  app.openapi(check, async (c) => {
    const input = c.req.valid('json');
    const found = input.articleId === undefined ? undefined : await articles.get(db, input.articleId);
    if (input.articleId !== undefined && !found) throw problems.notFound('ArticleNotFound', 'Article');
    const article = found?.row;
    const fallbackLang = article?.lang ?? input.lang ?? 'fr';
    const result = runPipeline(
      rules,
      {
        body: input.body.normalize('NFC'),
        article: found?.context ?? null,
        fallbackLang,
        submission: { author: input.author },
      },
      (rule, error) => logger.error({ err: error, rule }, 'rule failed; skipped'),
    );
    // The reader is waiting for help, not for a verdict: suggestions, within a short budget.
    await explainViolations(rules, result.violations, result.lang, config.CHECK_SUGGESTIONS_MS, suggester);
    const lang = article?.lang ?? input.lang ?? result.lang;
    return c.json(
      {
        decision: result.decision,
        lang: result.lang,
        violations: result.violations.map((v) => violationView(v, lang)),
      },
      200,
    );
  });
}
