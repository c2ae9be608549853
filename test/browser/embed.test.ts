import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ARTICLE_ID, seedDemoArticle } from '../../src/seed.js';
import {
  chromiumAvailable,
  launchChromium,
  screenshot,
  squash,
  startSite,
  startVigie,
  type Vigie,
  watchPage,
} from './harness.js';

// In CI a missing Chromium is a failure (.ci/run installs it); on a laptop without it, a skip.
const run = chromiumAvailable || process.env.CI !== undefined;

const CLEAN = 'Merci pour cet article très clair sur la panne de la fibre à Lyon.';
const SMS = 'slt, pk la fibre tombe en panne aussi souvent à Lyon ?';

describe.skipIf(!run)('article-page embed, in Chromium', () => {
  let browser: Browser;
  let vigie: Vigie;
  let site: Awaited<ReturnType<typeof startSite>>;

  beforeAll(async () => {
    // "Another site": its own origin (another port), listed in CORS_ORIGINS.
    let vigieUrl = '';
    site = await startSite((path) => {
      if (path === '/articles/panne') {
        return `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Site partenaire</title></head>
<body><h1>Autres articles</h1>
<ul>
  <li>Panne de la fibre — <span id="count-demo" data-vigie-count="demo">…</span></li>
  <li>Article en anglais — <span id="count-en" data-vigie-count="outage-en" data-vigie-count-format="number">…</span></li>
  <li>Inconnu — <span id="count-unknown" data-vigie-count="inconnu">…</span></li>
</ul>
<div data-vigie-article="demo"></div>
<p>Bas de page : <span id="count-demo-2" data-vigie-count="demo">…</span></p>
<script src="${vigieUrl}/embed.js" async></script></body></html>`;
      }
      return null;
    });
    [vigie, browser] = await Promise.all([startVigie({ CORS_ORIGINS: [site.url] }), launchChromium()]);
    vigieUrl = vigie.url;
    expect(await seedDemoArticle(vigie.db, vigie.clock)).toBe(true);
    await vigie.putArticle('outage-en', {
      title: 'Fibre outage in Lyon',
      body: 'A cut cable left 200,000 homes in Lyon without internet for nine hours.',
      lang: 'en',
    });
  }, 30_000);

  afterAll(async () => {
    await browser?.close();
    await vigie?.close();
    await site?.close();
  });

  it('lets a reader post: pre-fill after "remember", live SMS warning, pending, published, errors', async () => {
    const context = await browser.newContext({
      timezoneId: 'Europe/Paris',
      locale: 'fr-FR',
      viewport: { width: 1000, height: 900 },
    });
    const page = await context.newPage();
    const problems = watchPage(page);
    let checks = 0;
    page.on('request', (request) => {
      if (request.url().endsWith('/v1/check')) checks++;
    });
    await page.goto(`${vigie.url}/demo/${DEMO_ARTICLE_ID}`);

    const form = page.locator('form.vigie-form');
    await expect.poll(() => form.count()).toBe(1);
    // The four rules, above the form.
    const rules = page.locator('.vigie-rules-list li');
    expect(await rules.allTextContents()).toEqual([
      'Restez dans le sujet de l’article.',
      'Respectez les autres lecteurs : pas de messages agressifs, vulgaires ou haineux.',
      'Pas de langage SMS (slt, mdr, jsp, pk, koi, 2m1…).',
      'Relisez-vous : vérifiez votre orthographe avant d’envoyer.',
    ]);
    expect(await page.locator('.vigie-list-status').textContent()).toContain('Aucun commentaire');
    expect(await page.locator('[data-vigie-count="demo"]').textContent()).toBe('Aucun commentaire');

    // A clean comment, with "remember": published at once.
    await page.getByLabel('Pseudo', { exact: true }).fill('Zoé');
    await page.getByLabel('Adresse e-mail', { exact: true }).fill('zoe@example.org');
    await page.getByLabel('Commentaire', { exact: true }).fill(CLEAN);
    await page.getByLabel('Sauvegarder mon pseudo et mon adresse e-mail pour la prochaine fois.').check();
    await page.getByRole('button', { name: 'Publier le commentaire' }).click();
    await expect.poll(() => page.locator('.vigie-outcome').textContent()).toBe('Votre commentaire est publié.');
    const zoe = page.locator('.vigie-comment', { hasText: 'Zoé' });
    expect(await zoe.locator('.vigie-comment-body').textContent()).toBe(CLEAN);
    expect(await page.locator('[data-vigie-count="demo"]').textContent()).toBe('1 commentaire');
    expect(await page.locator('.vigie-heading').textContent()).toContain('(1)');

    // Back later: the form is pre-filled from GET /v1/commenter (cookies).
    await page.reload();
    await expect.poll(() => page.getByLabel('Pseudo', { exact: true }).inputValue()).toBe('Zoé');
    expect(await page.getByLabel('Adresse e-mail', { exact: true }).inputValue()).toBe('zoe@example.org');
    expect(await page.getByLabel('Sauvegarder mon pseudo').isChecked()).toBe(true);
    expect(await page.locator('[data-vigie-count="demo"]').textContent()).toBe('1 commentaire');

    // SMS-speak while typing: the warning names the rule and the words, before sending.
    const body = page.getByLabel('Commentaire', { exact: true });
    await body.pressSequentially(SMS, { delay: 5 });
    const warning = page.locator('.vigie-warnings .vigie-warning');
    await expect.poll(() => warning.count(), { timeout: 5000 }).toBe(1);
    expect(await page.locator('.vigie-warnings').getAttribute('aria-live')).toBe('polite');
    const warningText = squash(await warning.textContent());
    expect(warningText).toMatch(/Langage SMS : .*« pk » → « pourquoi »/);
    expect(warningText).toContain('« slt » → « salut »');
    expect(await warning.locator('mark.vigie-mark').allTextContents()).toEqual(expect.arrayContaining(['slt', 'pk']));
    expect(checks).toBe(1); // debounced: one dry run for the whole draft
    await screenshot(page, 'embed.png');

    // Sent anyway: held, with the reasons.
    await page.getByRole('button', { name: 'Publier le commentaire' }).click();
    const pending = page.locator('.vigie-outcome-pending');
    await expect.poll(() => pending.count()).toBe(1);
    const pendingText = squash(await pending.textContent());
    expect(pendingText).toContain('Votre commentaire est en attente de modération');
    expect(pendingText).toContain('Langage SMS');
    expect(await page.locator('.vigie-warnings').textContent()).toBe('');
    expect(await page.locator('.vigie-comment').count()).toBe(1);

    // Errors in plain French, next to the field concerned.
    await page.getByLabel('Adresse e-mail', { exact: true }).fill('pas-une-adresse');
    await body.fill('Une seconde remarque sur la panne de la fibre.');
    await page.getByRole('button', { name: 'Publier le commentaire' }).click();
    const emailError = page.locator('.vigie-field-email .vigie-field-error');
    await expect.poll(() => emailError.textContent()).toBe('Cette adresse e-mail n’est pas valide.');
    expect(await page.getByLabel('Adresse e-mail', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    expect(await page.evaluate("document.activeElement?.getAttribute('name')")).toBe('email');

    await page.getByLabel('Adresse e-mail', { exact: true }).fill('zoe@example.org');
    await body.fill(CLEAN);
    await page.getByRole('button', { name: 'Publier le commentaire' }).click();
    const bodyError = page.locator('.vigie-field-body .vigie-field-error');
    await expect.poll(() => bodyError.textContent()).toBe('Vous avez déjà envoyé ce commentaire sur cet article.');
    expect(await emailError.isHidden()).toBe(true);

    await body.fill('');
    await page.getByLabel('Pseudo', { exact: true }).fill('');
    await page.getByRole('button', { name: 'Publier le commentaire' }).click();
    expect(await page.locator('.vigie-field-author .vigie-field-error').textContent()).toBe('Indiquez votre pseudo.');
    expect(await bodyError.textContent()).toBe('Écrivez votre commentaire.');

    // A threaded reply, from the keyboard.
    await page.getByLabel('Pseudo', { exact: true }).fill('Marc');
    await page.getByLabel('Adresse e-mail', { exact: true }).fill('marc@example.org');
    await page.getByRole('button', { name: 'Répondre à Zoé' }).focus();
    await page.keyboard.press('Enter');
    expect(await page.evaluate("document.activeElement?.getAttribute('name')")).toBe('body');
    expect(await page.locator('.vigie-replying').textContent()).toContain('En réponse à Zoé');
    await page.keyboard.type('Chez moi aussi, la fibre est revenue vers 16 h.');
    await page.getByRole('button', { name: 'Publier le commentaire' }).click();
    const reply = zoe.locator('ol.vigie-replies > li.vigie-comment');
    await expect.poll(() => reply.count()).toBe(1);
    expect(await reply.locator('.vigie-comment-author').textContent()).toBe('Marc');
    expect(await page.locator('[data-vigie-count="demo"]').textContent()).toBe('2 commentaires');
    expect(await page.locator('.vigie-replying').isHidden()).toBe(true);

    expect(problems).toEqual([]);
    await context.close();
  });

  it('works on a page of another origin listed in CORS_ORIGINS, with one count request per page', async () => {
    const context = await browser.newContext({ timezoneId: 'Europe/Paris', locale: 'fr-FR' });
    const page = await context.newPage();
    const problems = watchPage(page);
    const countRequests: string[] = [];
    page.on('request', (request) => {
      if (request.url().includes('/v1/comment-counts')) countRequests.push(request.url());
    });
    await page.goto(`${site.url}/articles/panne`);
    await expect.poll(() => page.locator('#count-demo').getAttribute('data-vigie-count-value')).toBe('2');
    expect(await page.locator('#count-demo').textContent()).toBe('2 commentaires');
    expect(await page.locator('#count-demo-2').textContent()).toBe('2 commentaires');
    expect(await page.locator('#count-en').textContent()).toBe('0');
    expect(await page.locator('#count-unknown').textContent()).toBe('Aucun commentaire');
    expect(countRequests).toHaveLength(1);

    // The comment section loads and posts across origins (credentials included).
    await expect.poll(() => page.locator('.vigie-comment').count()).toBe(2);
    await page.getByLabel('Pseudo', { exact: true }).fill('Inès');
    await page.getByLabel('Adresse e-mail', { exact: true }).fill('ines@example.org');
    await page.getByLabel('Commentaire', { exact: true }).fill('Bon résumé de la panne, merci.');
    await page.getByRole('button', { name: 'Publier le commentaire' }).click();
    await expect.poll(() => page.locator('.vigie-outcome').textContent()).toBe('Votre commentaire est publié.');
    expect(await page.locator('#count-demo').textContent()).toBe('3 commentaires');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('loads more comments on demand, replies threaded under their comment', async () => {
    await vigie.putArticle('long', { title: 'La fibre à Lyon', body: 'La fibre optique à Lyon.', tags: ['fibre'] });
    const ids: string[] = [];
    for (let i = 1; i <= 21; i++) {
      const res = await vigie.postComment('long', {
        author: `Lecteur ${i}`,
        email: `lecteur${i}@example.org`,
        body: `Commentaire numéro ${i} sur la fibre à Lyon.`,
      });
      expect(res.status).toBe(201);
      ids.push(res.body.comment.id);
    }
    const reply = await vigie.postComment('long', {
      author: 'Réponse',
      email: 'reponse@example.org',
      body: 'Je réponds au premier commentaire sur la fibre.',
      parentId: ids[0],
    });
    expect(reply.status).toBe(201);

    const context = await browser.newContext({ timezoneId: 'Europe/Paris', locale: 'fr-FR' });
    const page = await context.newPage();
    await page.goto(`${vigie.url}/demo/long`);
    const comments = page.locator('.vigie-comment');
    await expect.poll(() => comments.count()).toBe(20);
    const more = page.getByRole('button', { name: 'Afficher plus de commentaires' });
    await more.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => comments.count()).toBe(22);
    expect(await more.isHidden()).toBe(true);
    // The first newly loaded comment gets the focus; the reply sits under the first comment.
    expect(await page.locator(':focus .vigie-comment-author').textContent()).toBe('Lecteur 21');
    const first = page.locator('.vigie-comments > li').first();
    expect(await first.locator('ol.vigie-replies .vigie-comment-author').textContent()).toBe('Réponse');
    await context.close();
  });

  it('explains flood control next to the button', async () => {
    const context = await browser.newContext({ timezoneId: 'Europe/Paris', locale: 'fr-FR' });
    const page = await context.newPage();
    // The server's 429 for a second comment within FLOOD_INTERVAL_SECONDS (answered by the network
    // layer here, so that this server keeps flood control off for the other tests).
    await page.route('**/v1/articles/demo/comments', (route) =>
      route.request().method() === 'POST'
        ? route.fulfill({
            status: 429,
            headers: { 'Content-Type': 'application/problem+json', 'Retry-After': '12' },
            body: JSON.stringify({
              type: 'urn:vigie:problem:TooManyComments',
              title: 'Too many requests',
              status: 429,
              code: 'TooManyComments',
              retryAfter: 12,
            }),
          })
        : route.continue(),
    );
    await page.goto(`${vigie.url}/demo/demo`);
    await page.getByLabel('Pseudo', { exact: true }).fill('Rapide');
    await page.getByLabel('Adresse e-mail', { exact: true }).fill('rapide@example.org');
    await page.getByLabel('Commentaire', { exact: true }).fill('Encore un mot sur la panne de la fibre.');
    await page.getByRole('button', { name: 'Publier le commentaire' }).click();
    const error = page.locator('.vigie-form-error');
    await expect
      .poll(() => error.textContent())
      .toBe('Vous commentez trop vite : attendez 12 secondes avant d’envoyer un autre commentaire.');
    expect(await error.getAttribute('role')).toBe('alert');
    await context.close();
  });

  it('speaks English on an English article', async () => {
    const context = await browser.newContext({ timezoneId: 'Europe/Paris', locale: 'en-GB' });
    const page = await context.newPage();
    const problems = watchPage(page);
    await page.goto(`${vigie.url}/demo/outage-en`);
    await page.locator('form.vigie-form').waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(squash(await page.locator('.vigie-heading').textContent())).toBe('Comments (0)');
    expect(await page.locator('.vigie-rules-list li').first().textContent()).toBe(
      'Stay on the subject of the article.',
    );
    await page.getByLabel('Name', { exact: true }).fill('Sam');
    await page.getByLabel('E-mail address', { exact: true }).fill('sam@example.org');
    await page.getByLabel('Save my name and e-mail address for next time.').check();
    await page.getByLabel('Comment', { exact: true }).fill('Nine hours without internet in Lyon, what a mess.');
    await page.getByRole('button', { name: 'Post comment' }).click();
    await expect.poll(() => page.locator('.vigie-outcome').textContent()).toBe('Your comment is published.');
    expect(await page.locator('[data-vigie-count="outage-en"]').textContent()).toBe('1 comment');
    expect(problems).toEqual([]);
    await context.close();
  });
});
