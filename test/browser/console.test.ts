import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HISTORY_COUNT_LIMIT } from '../../src/domain/moderation/history.js';
import { seedDemoArticle } from '../../src/seed.js';
import { commentRow } from '../helpers.js';
import { chromiumAvailable, launchChromium, screenshot, squash, startVigie, type Vigie, watchPage } from './harness.js';

const run = chromiumAvailable || process.env.CI !== undefined;

const SMS = 'slt, pk la fibre tombe en panne aussi souvent à Lyon ?';
const XSS_TITLE = 'Fibre : <script>alert("titre")</script> la panne expliquée';
const XSS_AUTHOR = '<script>alert("pseudo")</script>';
const XSS_BODY = 'slt, pk la fibre <img src=x onerror=alert(1)> tombe encore ? jsp koi faire';
const LINKS = 'Pour une fibre qui ne tombe pas en panne : https://promo.example et https://gain.example';

/** A promise the test resolves by hand (Node 20 has no Promise.withResolvers). */
function signal() {
  let fire!: () => void;
  const fired = new Promise<void>((resolve) => {
    fire = resolve;
  });
  return { fired, fire };
}

describe.skipIf(!run)('moderator console, in Chromium', () => {
  let browser: Browser;
  let vigie: Vigie;

  beforeAll(async () => {
    [vigie, browser] = await Promise.all([startVigie(), launchChromium()]);
    await seedDemoArticle(vigie.db, vigie.clock);
    await vigie.putArticle('xss', {
      title: XSS_TITLE,
      body: 'La fibre optique est tombée en panne à Lyon : un câble sectionné, un lien de secours mal configuré.',
      tags: ['fibre', 'panne'],
    });
    // Oldest first in the queue: Zoé's, then the injection attempt, then the links.
    const posted = [
      await vigie.postComment('demo', { author: 'Zoé', email: 'zoe@example.org', body: SMS }),
      await vigie.postComment('xss', { author: XSS_AUTHOR, email: 'x@example.org', body: XSS_BODY }),
      await vigie.postComment('demo', { author: 'Promo', email: 'promo@example.org', body: LINKS }),
    ];
    expect(posted.map((p) => p.status)).toEqual([202, 202, 202]);
    // The links' author has had more comments deleted than the API counts (HISTORY_COUNT_LIMIT).
    await vigie.db
      .insertInto('comments')
      .values(
        Array.from({ length: HISTORY_COUNT_LIMIT + 1 }, (_, i) =>
          commentRow({
            id: `promo-${i}`,
            article_id: 'xss',
            author: 'Promo',
            email: 'promo@example.org',
            status: 'deleted',
          }),
        ),
      )
      .execute();
  }, 30_000);

  afterAll(async () => {
    await browser?.close();
    await vigie?.close();
  });

  const currentAuthor = (page: Page) => page.locator('#items > li.current .author').textContent();

  const signInAsModerator = async (page: Page) => {
    await page.goto(`${vigie.url}/moderation`);
    await page.getByLabel('Jeton de modérateur').fill(vigie.tokens.moderator);
    await page.getByRole('button', { name: 'Se connecter' }).click();
  };

  it('signs in, shows the flagged comments highlighted, approves and deletes from the keyboard', async () => {
    const context = await browser.newContext({
      timezoneId: 'Europe/Paris',
      locale: 'fr-FR',
      viewport: { width: 1100, height: 900 },
    });
    const page = await context.newPage();
    const problems = watchPage(page);
    const response = await page.goto(`${vigie.url}/moderation`);
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");

    // A publisher's token is refused; a moderator's is kept in sessionStorage.
    await page.getByLabel('Jeton de modérateur').fill(vigie.tokens.publisher);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await expect.poll(() => page.locator('#token-error').textContent()).toContain('n’a pas accès à la modération');
    await page.getByLabel('Jeton de modérateur').fill(vigie.tokens.moderator);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    const items = page.locator('#items > li');
    await expect.poll(() => items.count()).toBe(3);
    expect(await page.evaluate("sessionStorage.getItem('vigie.moderatorToken')")).toBe(vigie.tokens.moderator);

    // Counts per rule, the flagged span highlighted, the rule's message and evidence, the history.
    expect(squash(await page.locator('#rule-counts').textContent())).toContain('Langage SMS (2)');
    expect(squash(await page.locator('#rule-counts').textContent())).toContain('Liens (1)');
    const zoe = items.nth(0);
    expect(await zoe.locator('.author').textContent()).toBe('Zoé');
    expect(await zoe.locator('.article-title').textContent()).toBe(
      'Panne géante de la fibre à Lyon : 200 000 foyers privés d’internet pendant neuf heures',
    );
    expect(await zoe.locator('mark[data-rules~="sms-speak"]').allTextContents()).toEqual(
      expect.arrayContaining(['slt', 'pk']),
    );
    expect(await zoe.locator('.body').textContent()).toBe(SMS);
    expect(squash(await zoe.locator('.violation[data-rule="sms-speak"]').textContent())).toContain(
      '« pk » → « pourquoi »',
    );
    expect(squash(await zoe.locator('.history').textContent())).toBe('Historique : 0 publié, 0 supprimé, 1 en attente');
    expect(squash(await items.nth(2).locator('.history').textContent())).toBe(
      `Historique : 0 publié, ${HISTORY_COUNT_LIMIT}+ supprimés, 1 en attente`,
    );

    // Injection attempts are text: pseudo, comment and article title.
    const xss = items.nth(1);
    expect(await xss.locator('.author').textContent()).toBe(XSS_AUTHOR);
    expect(await xss.locator('.body').textContent()).toBe(XSS_BODY);
    expect(await xss.locator('.article-title').textContent()).toBe(XSS_TITLE);
    expect(await page.locator('#items img, #items script').count()).toBe(0);

    await screenshot(page, 'console.png');

    // Filters: the rule chip, then back to everything.
    await page.locator('#rule-counts .chip', { hasText: 'Liens' }).click();
    await expect.poll(() => items.count()).toBe(1);
    expect(await items.first().locator('.author').textContent()).toBe('Promo');
    await page.getByRole('button', { name: 'Effacer les filtres' }).click();
    await expect.poll(() => items.count()).toBe(3);

    // j/k move, a approves the current comment.
    await page.keyboard.press('j');
    expect(await currentAuthor(page)).toBe(XSS_AUTHOR);
    await page.keyboard.press('k');
    expect(await currentAuthor(page)).toBe('Zoé');
    expect(await page.evaluate("document.activeElement?.classList.contains('current')")).toBe(true);
    await page.keyboard.press('a');
    await expect.poll(() => items.count()).toBe(2);
    expect(await page.locator('#queue-status').textContent()).toBe('Commentaire de Zoé approuvé et publié.');
    expect(await currentAuthor(page)).toBe(XSS_AUTHOR);
    await page.keyboard.press('a');
    await expect.poll(() => items.count()).toBe(1);

    // Multi-select and bulk delete.
    expect(await currentAuthor(page)).toBe('Promo');
    await page.keyboard.press('x');
    expect(await page.locator('#selected-count').textContent()).toBe('1 sélectionné');
    await page.getByRole('button', { name: 'Supprimer la sélection' }).click();
    await expect.poll(() => items.count()).toBe(0);
    expect(await page.locator('#queue-status').textContent()).toBe('1 commentaire supprimé.');
    // The counts are fetched after the decision, without holding the console up: wait for them.
    await expect.poll(() => page.locator('#tab-queue-count').textContent()).toBe('0');

    // The audit log and the per-rule stats.
    await page.getByRole('button', { name: 'Journal' }).click();
    const rows = page.locator('#log-rows tr');
    await expect.poll(() => rows.count()).toBe(6);
    const actions = (await page.locator('#log-rows tr td:nth-child(2)').allTextContents()).sort();
    expect(actions).toEqual(['Approuvé', 'Approuvé', 'Retenu', 'Retenu', 'Retenu', 'Supprimé']);
    await page.getByRole('button', { name: 'Statistiques' }).click();
    const sms = page.locator('#stats-rows tr[data-rule="sms-speak"] td');
    await expect.poll(() => sms.count()).toBe(6);
    expect((await sms.allTextContents()).slice(0, 2)).toEqual(['2', '2']);

    // Still signed in after a reload (same tab), signed out on request.
    await page.reload();
    await expect.poll(() => page.locator('#queue-status').textContent()).toBe('Aucun commentaire en attente.');
    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    expect(await page.locator('#signin').isVisible()).toBe(true);
    expect(await page.evaluate("sessionStorage.getItem('vigie.moderatorToken')")).toBeNull();
    expect(problems).toEqual([]);
    await context.close();
  });

  it('shows the approved comments on the article pages, as text', async () => {
    const context = await browser.newContext({ timezoneId: 'Europe/Paris', locale: 'fr-FR' });
    const page = await context.newPage();
    const problems = watchPage(page);
    await page.goto(`${vigie.url}/demo/demo`);
    const zoe = page.locator('.vigie-comment', { hasText: 'Zoé' });
    await expect.poll(() => zoe.count()).toBe(1);
    expect(await zoe.locator('.vigie-comment-body').textContent()).toBe(SMS);
    expect(await page.locator('.vigie-comment').count()).toBe(1);
    expect(await page.locator('[data-vigie-count="demo"]').textContent()).toBe('1 commentaire');

    await page.goto(`${vigie.url}/demo/xss`);
    await expect.poll(() => page.locator('.vigie-comment').count()).toBe(1);
    expect(await page.locator('h1').textContent()).toBe(XSS_TITLE);
    expect(await page.title()).toContain(XSS_TITLE);
    expect(await page.locator('.vigie-comment-author').textContent()).toBe(XSS_AUTHOR);
    expect(await page.locator('.vigie-comment-body').textContent()).toBe(XSS_BODY);
    expect(await page.locator('main img, main script').count()).toBe(0);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('keeps the latest queue count when the counts come back out of order', async () => {
    const posted = [
      await vigie.postComment('demo', { author: 'Léa', email: 'lea@example.org', body: 'slt, jsp pk la fibre tombe' }),
      await vigie.postComment('demo', { author: 'Max', email: 'max@example.org', body: 'mdr la fibre à Lyon, koi' }),
    ];
    expect(posted.map((p) => p.status)).toEqual([202, 202]);
    const context = await browser.newContext({ timezoneId: 'Europe/Paris', locale: 'fr-FR' });
    const page = await context.newPage();
    const problems = watchPage(page);
    // Counts are asked at sign-in, with the queue, then after each decision: the answer to the first
    // decision's (3rd request) is held until the second decision's (4th) has been answered, so the
    // older answer arrives last.
    let calls = 0;
    const latest = signal();
    const held = signal();
    await page.route('**/v1/moderation/queue/counts', async (route) => {
      const call = ++calls;
      const response = await route.fetch();
      if (call === 3) await latest.fired;
      await route.fulfill({ response });
      if (call === 3) held.fire();
      if (call === 4) latest.fire();
    });
    await signInAsModerator(page);
    const items = page.locator('#items > li');
    await expect.poll(() => items.count()).toBe(2);
    expect(await page.locator('#tab-queue-count').textContent()).toBe('2');

    await page.keyboard.press('a');
    await expect.poll(() => items.count()).toBe(1);
    await page.keyboard.press('a');
    await expect.poll(() => items.count()).toBe(0);
    await held.fired;
    // The held answer (1 in the queue) has now arrived: the console still shows the latest one.
    await page.waitForTimeout(200);
    expect(await page.locator('#tab-queue-count').textContent()).toBe('0');
    expect(calls).toBe(4);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('shows the list of the filters on screen when pages come back out of order', async () => {
    const posted = [
      await vigie.postComment('demo', { author: 'Inès', email: 'ines@example.org', body: 'slt, la fibre tombe mdr' }),
      await vigie.postComment('demo', { author: 'Pub', email: 'pub@example.org', body: LINKS }),
    ];
    expect(posted.map((p) => p.status)).toEqual([202, 202]);
    const context = await browser.newContext({ timezoneId: 'Europe/Paris', locale: 'fr-FR' });
    const page = await context.newPage();
    const problems = watchPage(page);
    // The page for the "Liens" filter is held until the unfiltered one asked after it has been answered.
    const unfiltered = signal();
    const filtered = signal();
    let filtering = false;
    await page.route('**/v1/moderation/queue?*', async (route) => {
      const byLinks = new URL(route.request().url()).searchParams.get('rule') === 'links';
      const response = await route.fetch();
      if (byLinks) await unfiltered.fired;
      await route.fulfill({ response });
      if (byLinks) filtered.fire();
      else if (filtering) unfiltered.fire();
    });
    await signInAsModerator(page);
    const items = page.locator('#items > li');
    await expect.poll(() => items.count()).toBe(2);

    filtering = true;
    await page.locator('#rule-counts .chip', { hasText: 'Liens' }).click();
    await page.getByRole('button', { name: 'Effacer les filtres' }).click();
    await filtered.fired;
    // The held page (Pub's only) has now arrived: the list is still the unfiltered one.
    await page.waitForTimeout(200);
    expect(await page.locator('#items .author').allTextContents()).toEqual(['Inès', 'Pub']);
    expect(problems).toEqual([]);
    await context.close();
  });
});
