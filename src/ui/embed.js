/*
 * Vigie comment section, for article pages. Dependency-free, no build step.
 *
 *   <div data-vigie-article="ARTICLE_ID"></div>
 *   <span data-vigie-count="ARTICLE_ID"></span>
 *   <script src="https://vigie.example/embed.js" async></script>
 *
 * Every piece of data (comment text, pseudo, rule messages) goes into the page as text nodes:
 * nothing received from the API is ever parsed as HTML.
 */
(() => {
  const script =
    document.currentScript || document.querySelector('script[src$="/embed.js"], script[src*="/embed.js?"]');
  // The API lives next to this script, whatever origin the page is on.
  const apiRoot = new URL('.', script ? script.src : document.baseURI);
  const apiUrl = (path) => new URL(path.replace(/^\//, ''), apiRoot).toString();

  const RULES = {
    fr: [
      'Restez dans le sujet de l’article.',
      'Respectez les autres lecteurs : pas de messages agressifs, vulgaires ou haineux.',
      'Pas de langage SMS (slt, mdr, jsp, pk, koi, 2m1…).',
      'Relisez-vous : vérifiez votre orthographe avant d’envoyer.',
    ],
    en: [
      'Stay on the subject of the article.',
      'Respect other readers: no aggressive, vulgar or hateful messages.',
      'No text-speak (u, ur, idk, pls, 2day…).',
      'Proofread: check your spelling before you send.',
    ],
  };

  const NBSP = '\u00a0';
  const STRINGS = {
    fr: {
      heading: 'Commentaires',
      rulesHeading: 'Les règles de la discussion',
      formHeading: 'Laisser un commentaire',
      author: 'Pseudo',
      email: 'Adresse e-mail',
      emailHint: 'Votre adresse e-mail ne sera pas publiée.',
      body: 'Commentaire',
      remember: 'Sauvegarder mon pseudo et mon adresse e-mail pour la prochaine fois.',
      honeypot: 'Ne pas remplir ce champ',
      submit: 'Publier le commentaire',
      sending: 'Envoi en cours…',
      reply: 'Répondre',
      replyTo: (name) => `Répondre à ${name}`,
      replyingTo: (name) => `En réponse à ${name}`,
      cancelReply: 'Annuler la réponse',
      more: 'Afficher plus de commentaires',
      loading: 'Chargement des commentaires…',
      none: 'Aucun commentaire pour l’instant. Soyez le premier à réagir.',
      loadError: 'Les commentaires n’ont pas pu être chargés.',
      unavailable: 'Les commentaires ne sont pas disponibles pour cet article.',
      closed: 'Les commentaires sont fermés pour cet article.',
      count: (n) => (n === 0 ? 'Aucun commentaire' : n === 1 ? '1 commentaire' : `${n} commentaires`),
      published: 'Votre commentaire est publié.',
      pending: 'Votre commentaire est en attente de modération.',
      pendingWhy: 'Un modérateur le relira avant publication, pour ces raisons :',
      pendingPolicy: 'Les commentaires de ce site sont relus avant publication.',
      warnQueue: 'Avant d’envoyer : ce commentaire serait relu par un modérateur.',
      warnReject: 'Avant d’envoyer : ce commentaire serait refusé.',
      checking: 'Vérification…',
      colon: `${NBSP}: `,
      quote: (s) => `«${NBSP}${s}${NBSP}»`,
      ruleNames: {
        'on-topic': 'hors sujet',
        civility: 'civilité',
        'sms-speak': 'langage SMS',
        proofreading: 'orthographe',
        links: 'liens',
        honeypot: 'anti-spam',
      },
      required: {
        author: 'Indiquez votre pseudo.',
        email: 'Indiquez votre adresse e-mail.',
        body: 'Écrivez votre commentaire.',
      },
      invalid: {
        author: 'Ce pseudo n’est pas valide (1 à 50 caractères, sans caractères spéciaux invisibles).',
        email: 'Cette adresse e-mail n’est pas valide.',
        body: 'Ce commentaire n’est pas valide (trop long ou caractères interdits).',
        parentId: 'Le commentaire auquel vous répondez n’est plus disponible.',
      },
      duplicate: 'Vous avez déjà envoyé ce commentaire sur cet article.',
      flood: (s) => `Vous commentez trop vite : attendez ${s} secondes avant d’envoyer un autre commentaire.`,
      rateLimited: (s) => `Trop de requêtes : réessayez dans ${s} secondes.`,
      rejected: 'Votre commentaire n’a pas été publié : il enfreint les règles du site.',
      tooLarge: 'Votre commentaire est trop long.',
      network: 'Le commentaire n’a pas pu être envoyé (erreur réseau). Réessayez.',
      generic: 'Le commentaire n’a pas pu être envoyé. Réessayez plus tard.',
      dateLocale: 'fr-FR',
    },
    en: {
      heading: 'Comments',
      rulesHeading: 'Discussion rules',
      formHeading: 'Leave a comment',
      author: 'Name',
      email: 'E-mail address',
      emailHint: 'Your e-mail address will not be published.',
      body: 'Comment',
      remember: 'Save my name and e-mail address for next time.',
      honeypot: 'Leave this field empty',
      submit: 'Post comment',
      sending: 'Sending…',
      reply: 'Reply',
      replyTo: (name) => `Reply to ${name}`,
      replyingTo: (name) => `Replying to ${name}`,
      cancelReply: 'Cancel reply',
      more: 'Show more comments',
      loading: 'Loading comments…',
      none: 'No comments yet. Be the first to react.',
      loadError: 'The comments could not be loaded.',
      unavailable: 'Comments are not available for this article.',
      closed: 'Comments are closed for this article.',
      count: (n) => (n === 0 ? 'No comments' : n === 1 ? '1 comment' : `${n} comments`),
      published: 'Your comment is published.',
      pending: 'Your comment is awaiting moderation.',
      pendingWhy: 'A moderator will review it before it is published, for these reasons:',
      pendingPolicy: 'Comments on this site are reviewed before they are published.',
      warnQueue: 'Before you send: a moderator would review this comment.',
      warnReject: 'Before you send: this comment would be refused.',
      checking: 'Checking…',
      colon: ': ',
      quote: (s) => `“${s}”`,
      ruleNames: {
        'on-topic': 'off topic',
        civility: 'civility',
        'sms-speak': 'text-speak',
        proofreading: 'spelling',
        links: 'links',
        honeypot: 'anti-spam',
      },
      required: { author: 'Enter your name.', email: 'Enter your e-mail address.', body: 'Write your comment.' },
      invalid: {
        author: 'This name is not valid (1 to 50 characters, no invisible control characters).',
        email: 'This e-mail address is not valid.',
        body: 'This comment is not valid (too long or forbidden characters).',
        parentId: 'The comment you are replying to is no longer available.',
      },
      duplicate: 'You have already posted this comment on this article.',
      flood: (s) => `You are commenting too fast: wait ${s} seconds before posting another comment.`,
      rateLimited: (s) => `Too many requests: try again in ${s} seconds.`,
      rejected: 'Your comment was not published: it breaks the site rules.',
      tooLarge: 'Your comment is too long.',
      network: 'The comment could not be sent (network error). Try again.',
      generic: 'The comment could not be sent. Try again later.',
      dateLocale: 'en-GB',
    },
  };

  const PAGE_SIZE = 20;
  const CHECK_DELAY_MS = 600;
  // /v1/check counts against the per-IP write limit, like the post itself: at most one draft
  // check every few seconds, so that a slow typist never spends the budget of the real post.
  const CHECK_MIN_INTERVAL_MS = 4000;
  let uid = 0;

  /* ---------- DOM helpers: text nodes only ---------- */

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    if (attrs) {
      for (const [name, value] of Object.entries(attrs)) {
        if (value === null || value === undefined || value === false) continue;
        if (name === 'class') node.className = value;
        else if (name === 'text') node.textContent = value;
        else node.setAttribute(name, value === true ? '' : String(value));
      }
    }
    for (const child of children) {
      if (child === null || child === undefined) continue;
      node.append(typeof child === 'string' ? document.createTextNode(child) : child);
    }
    return node;
  }

  /** The text with its spans wrapped in <mark>; overlapping spans are merged. */
  function highlighted(text, spans, className) {
    const fragment = document.createDocumentFragment();
    const ranges = spans
      .filter((s) => Number.isInteger(s.start) && Number.isInteger(s.end) && s.start < s.end && s.start >= 0)
      .map((s) => ({ start: s.start, end: Math.min(s.end, text.length) }))
      .sort((a, b) => a.start - b.start);
    const merged = [];
    for (const r of ranges) {
      const last = merged[merged.length - 1];
      if (last && r.start <= last.end) last.end = Math.max(last.end, r.end);
      else merged.push({ ...r });
    }
    let at = 0;
    for (const r of merged) {
      if (r.start > at) fragment.append(document.createTextNode(text.slice(at, r.start)));
      fragment.append(el('mark', { class: className, text: text.slice(r.start, r.end) }));
      at = r.end;
    }
    if (at < text.length) fragment.append(document.createTextNode(text.slice(at)));
    return fragment;
  }

  async function api(path, init) {
    const response = await fetch(apiUrl(path), { credentials: 'include', ...init });
    let body = null;
    const type = response.headers.get('content-type') || '';
    if (type.includes('json')) body = await response.json().catch(() => null);
    return { status: response.status, ok: response.ok, body, headers: response.headers };
  }

  function pageLang(node) {
    const declared = (
      node?.closest('[lang]')?.getAttribute('lang') ||
      document.documentElement.lang ||
      ''
    ).toLowerCase();
    return declared.startsWith('en') ? 'en' : 'fr';
  }

  /** What the reader sees for one violation: the rule, then the words at fault (and fixes). */
  function violationLine(t, v) {
    const name = t.ruleNames[v.rule] || v.rule;
    const details = v.details || {};
    const pairs = [];
    const tokens = Array.isArray(details.tokens) ? details.tokens : [];
    const errors = Array.isArray(details.errors) ? details.errors : [];
    for (const token of tokens) {
      if (token && typeof token.text === 'string') {
        pairs.push(
          typeof token.standard === 'string' && token.standard !== ''
            ? `${t.quote(token.text)} → ${t.quote(token.standard)}`
            : t.quote(token.text),
        );
      }
    }
    for (const error of errors) {
      if (error && typeof error.text === 'string') {
        const suggestion = Array.isArray(error.suggestions) ? error.suggestions[0] : undefined;
        pairs.push(
          typeof suggestion === 'string' ? `${t.quote(error.text)} → ${t.quote(suggestion)}` : t.quote(error.text),
        );
      }
    }
    if (pairs.length === 0 && Array.isArray(v.spans)) {
      const seen = new Set();
      for (const span of v.spans) {
        if (span && typeof span.text === 'string' && !seen.has(span.text)) {
          seen.add(span.text);
          pairs.push(t.quote(span.text));
        }
      }
    }
    const capitalised = name.charAt(0).toUpperCase() + name.slice(1);
    const item = el('li', { class: 'vigie-violation', 'data-rule': v.rule });
    item.append(el('strong', { class: 'vigie-rule-name', text: capitalised }));
    if (pairs.length > 0) item.append(t.colon + pairs.join(', '));
    // The rule's own sentence, unless it only repeats the words listed above.
    const message = typeof v.message === 'string' ? v.message : '';
    const plain = (s) => s.replace(/\s+/g, ' ');
    const repeats = pairs.length > 0 && pairs.every((pair) => plain(message).includes(plain(pair.split(' → ')[0])));
    if (message !== '' && !repeats) {
      item.append(
        el('span', {
          class: 'vigie-violation-message',
          text: pairs.length > 0 ? ` — ${message}` : `${t.colon}${message}`,
        }),
      );
    }
    return item;
  }

  /* ---------- comment counts: one request for the whole page ---------- */

  async function fillCounts() {
    const nodes = Array.from(document.querySelectorAll('[data-vigie-count]'));
    const ids = [...new Set(nodes.map((n) => n.getAttribute('data-vigie-count')).filter((id) => id))];
    if (ids.length === 0) return;
    const counts = {};
    for (let i = 0; i < ids.length; i += 100) {
      const chunk = ids.slice(i, i + 100);
      try {
        const res = await api(`/v1/comment-counts?articles=${chunk.map(encodeURIComponent).join(',')}`);
        if (res.ok && res.body?.counts) Object.assign(counts, res.body.counts);
      } catch {
        // A count is decoration: leave the placeholder.
      }
    }
    for (const node of nodes) {
      const n = counts[node.getAttribute('data-vigie-count')];
      if (typeof n === 'number') showCount(node, n);
    }
  }

  function showCount(node, n) {
    node.setAttribute('data-vigie-count-value', String(n));
    node.textContent =
      node.getAttribute('data-vigie-count-format') === 'number' ? String(n) : STRINGS[pageLang(node)].count(n);
  }

  /** After a comment is published here, every counter of this article on the page goes up. */
  function bumpCounts(articleId) {
    for (const node of document.querySelectorAll('[data-vigie-count]')) {
      if (node.getAttribute('data-vigie-count') !== articleId) continue;
      const n = Number(node.getAttribute('data-vigie-count-value'));
      if (Number.isFinite(n)) showCount(node, n + 1);
    }
  }

  /* ---------- the comment section ---------- */

  async function mount(root) {
    const articleId = root.getAttribute('data-vigie-article');
    if (!articleId || root.hasAttribute('data-vigie-ready')) return;
    root.setAttribute('data-vigie-ready', '');
    let lang = pageLang(root);
    const section = el('section', { class: 'vigie', 'aria-busy': 'true' });
    const loading = el('p', { class: 'vigie-loading', text: STRINGS[lang].loading });
    section.append(loading);
    root.replaceChildren(section);

    let article;
    let commenter = { author: null, email: null };
    try {
      const [articleRes, commenterRes] = await Promise.all([
        api(`/v1/articles/${encodeURIComponent(articleId)}`),
        api('/v1/commenter').catch(() => null),
      ]);
      if (!articleRes.ok) {
        loading.textContent = STRINGS[lang].unavailable;
        section.removeAttribute('aria-busy');
        return;
      }
      article = articleRes.body;
      if (commenterRes?.ok && commenterRes.body) commenter = commenterRes.body;
    } catch {
      loading.textContent = STRINGS[lang].loadError;
      section.removeAttribute('aria-busy');
      return;
    }
    if (root.getAttribute('data-vigie-lang') === 'fr' || root.getAttribute('data-vigie-lang') === 'en') {
      lang = root.getAttribute('data-vigie-lang');
    } else if (article.lang === 'en' || article.lang === 'fr') {
      lang = article.lang;
    }
    const t = STRINGS[lang];
    section.setAttribute('lang', lang);
    const prefix = `vigie-${++uid}`;

    /* heading and list */
    const headingCount = el('span', { class: 'vigie-heading-count' });
    const heading = el('h2', { class: 'vigie-heading', id: `${prefix}-heading` }, t.heading, ' ', headingCount);
    section.setAttribute('aria-labelledby', heading.id);
    let publishedCount = article.commentCount;
    const setHeadingCount = () => {
      headingCount.textContent = `(${publishedCount})`;
    };
    setHeadingCount();

    const list = el('ol', { class: 'vigie-comments' });
    const listStatus = el('p', { class: 'vigie-list-status' });
    const moreButton = el('button', { type: 'button', class: 'vigie-more', text: t.more, hidden: true });
    const rendered = new Map();
    let cursor = null;

    const dateFormat = new Intl.DateTimeFormat(t.dateLocale, { dateStyle: 'long', timeStyle: 'short' });

    function renderComment(comment) {
      const item = el('li', { class: 'vigie-comment', id: `${prefix}-c-${comment.id}`, 'data-comment-id': comment.id });
      const authorId = `${prefix}-a-${comment.id}`;
      const when = new Date(comment.createdAt);
      const body = el('div', { class: 'vigie-comment-body' });
      body.textContent = comment.body;
      const replyButton = el('button', {
        type: 'button',
        class: 'vigie-reply',
        text: t.reply,
        'aria-label': t.replyTo(comment.author),
      });
      replyButton.addEventListener('click', () => startReply(comment, replyButton));
      const articleNode = el(
        'article',
        { class: 'vigie-comment-card', 'aria-labelledby': authorId },
        el(
          'header',
          { class: 'vigie-comment-header' },
          el('span', { class: 'vigie-comment-author', id: authorId, text: comment.author }),
          ' ',
          el('time', {
            class: 'vigie-comment-date',
            datetime: comment.createdAt,
            text: Number.isNaN(when.getTime()) ? '' : dateFormat.format(when),
          }),
        ),
        body,
        el('footer', { class: 'vigie-comment-footer' }, replyButton),
      );
      item.append(articleNode);
      return item;
    }

    function addComment(comment) {
      if (rendered.has(comment.id)) return rendered.get(comment.id);
      const item = renderComment(comment);
      const parent = comment.parentId ? rendered.get(comment.parentId) : null;
      if (parent) {
        let replies = parent.querySelector(':scope > ol.vigie-replies');
        if (!replies) {
          replies = el('ol', { class: 'vigie-replies' });
          parent.append(replies);
        }
        replies.append(item);
      } else {
        list.append(item);
      }
      rendered.set(comment.id, item);
      return item;
    }

    async function loadPage() {
      moreButton.disabled = true;
      const query = `limit=${PAGE_SIZE}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      try {
        const res = await api(`/v1/articles/${encodeURIComponent(articleId)}/comments?${query}`);
        if (!res.ok || !res.body) throw new Error(String(res.status));
        for (const comment of res.body.items) addComment(comment);
        cursor = res.body.nextCursor;
        listStatus.textContent = rendered.size === 0 ? t.none : '';
        listStatus.hidden = rendered.size !== 0;
      } catch {
        listStatus.textContent = t.loadError;
        listStatus.hidden = false;
      }
      moreButton.hidden = !cursor;
      moreButton.disabled = false;
    }
    moreButton.addEventListener('click', () => {
      const before = rendered.size;
      loadPage().then(() => {
        // Keyboard users land on the first newly loaded comment.
        const first = Array.from(rendered.values())[before];
        if (first) {
          const card = first.querySelector('.vigie-comment-card');
          card.setAttribute('tabindex', '-1');
          card.focus();
        }
      });
    });

    /* rules */
    const rules = el(
      'div',
      { class: 'vigie-rules' },
      el('h3', { class: 'vigie-rules-heading', text: t.rulesHeading }),
      el('ol', { class: 'vigie-rules-list' }, ...RULES[lang].map((rule) => el('li', { text: rule }))),
    );

    /* form */
    const form = el('form', { class: 'vigie-form', novalidate: true, 'aria-labelledby': `${prefix}-form-heading` });
    const formHeading = el('h3', { class: 'vigie-form-heading', id: `${prefix}-form-heading`, text: t.formHeading });
    const replyBanner = el('p', { class: 'vigie-replying', hidden: true });
    const replyLabel = el('span', { class: 'vigie-replying-label' });
    const cancelReply = el('button', { type: 'button', class: 'vigie-cancel-reply', text: t.cancelReply });
    replyBanner.append(replyLabel, ' ', cancelReply);

    function field(name, label, control, hint) {
      const id = `${prefix}-${name}`;
      control.id = id;
      control.name = name;
      const error = el('p', { class: 'vigie-field-error', id: `${id}-error`, hidden: true });
      const describedBy = [];
      let hintNode = null;
      if (hint) {
        hintNode = el('p', { class: 'vigie-hint', id: `${id}-hint`, text: hint });
        describedBy.push(hintNode.id);
      }
      describedBy.push(error.id);
      control.setAttribute('aria-describedby', describedBy.join(' '));
      const wrapper = el(
        'div',
        { class: `vigie-field vigie-field-${name}` },
        el('label', { for: id, text: label }),
        control,
      );
      if (hintNode) wrapper.append(hintNode);
      wrapper.append(error);
      return { wrapper, control, error };
    }

    const authorField = field(
      'author',
      t.author,
      el('input', { type: 'text', autocomplete: 'nickname', maxlength: '50', required: true }),
    );
    const emailField = field(
      'email',
      t.email,
      el('input', { type: 'email', autocomplete: 'email', maxlength: '254', required: true }),
      t.emailHint,
    );
    const bodyField = field('body', t.body, el('textarea', { rows: '6', required: true }));
    const fields = { author: authorField, email: emailField, body: bodyField };

    const rememberId = `${prefix}-remember`;
    const remember = el('input', { type: 'checkbox', id: rememberId, name: 'remember' });
    const rememberRow = el(
      'div',
      { class: 'vigie-remember' },
      remember,
      el('label', { for: rememberId, text: t.remember }),
    );

    // Honeypot: hidden from people and assistive technology, filled only by bots.
    const honeypot = el('input', { type: 'text', name: 'website', tabindex: '-1', autocomplete: 'off' });
    const honeypotRow = el(
      'div',
      { class: 'vigie-hp', 'aria-hidden': 'true' },
      el('label', { text: t.honeypot }, honeypot),
    );

    const warnings = el('div', { class: 'vigie-warnings', 'aria-live': 'polite', id: `${prefix}-warnings` });
    const submit = el('button', { type: 'submit', class: 'vigie-submit', text: t.submit });
    const formStatus = el('div', { class: 'vigie-form-status', role: 'status', 'aria-live': 'polite' });
    const formError = el('p', { class: 'vigie-form-error', role: 'alert', hidden: true });

    form.append(
      formHeading,
      replyBanner,
      authorField.wrapper,
      emailField.wrapper,
      bodyField.wrapper,
      warnings,
      rememberRow,
      honeypotRow,
      formError,
      el('div', { class: 'vigie-actions' }, submit),
      formStatus,
    );

    if (commenter.author) authorField.control.value = commenter.author;
    if (commenter.email) emailField.control.value = commenter.email;
    if (commenter.author || commenter.email) remember.checked = true;

    /* replies */
    let replyTo = null;
    let replyOpener = null;
    function startReply(comment, opener) {
      replyTo = comment;
      replyOpener = opener;
      replyLabel.textContent = t.replyingTo(comment.author);
      replyBanner.hidden = false;
      bodyField.control.focus();
    }
    function endReply(returnFocus) {
      replyTo = null;
      replyBanner.hidden = true;
      replyLabel.textContent = '';
      if (returnFocus && replyOpener?.isConnected) replyOpener.focus();
      replyOpener = null;
    }
    cancelReply.addEventListener('click', () => endReply(true));

    /* errors */
    function clearErrors() {
      for (const f of Object.values(fields)) {
        f.error.hidden = true;
        f.error.textContent = '';
        f.control.removeAttribute('aria-invalid');
      }
      formError.hidden = true;
      formError.textContent = '';
    }
    function fieldError(name, message) {
      const f = fields[name];
      if (!f) return false;
      f.error.textContent = message;
      f.error.hidden = false;
      f.control.setAttribute('aria-invalid', 'true');
      return true;
    }
    function generalError(message) {
      formError.textContent = message;
      formError.hidden = false;
    }
    function focusFirstInvalid() {
      const invalid = form.querySelector('[aria-invalid="true"]');
      if (invalid) invalid.focus();
    }

    /* live check while typing */
    let checkTimer = null;
    let checkSeq = 0;
    let checkAbort = null;
    let lastCheckAt = 0;
    let lastChecked = null;
    let checksPausedUntil = 0;
    function scheduleCheck() {
      clearTimeout(checkTimer);
      const now = Date.now();
      const wait = Math.max(CHECK_DELAY_MS, lastCheckAt + CHECK_MIN_INTERVAL_MS - now, checksPausedUntil - now);
      checkTimer = setTimeout(runCheck, wait);
    }
    async function runCheck() {
      const text = bodyField.control.value.trim().normalize('NFC');
      if (text === lastChecked) return;
      const seq = ++checkSeq;
      if (checkAbort) checkAbort.abort();
      if (text.length < 2) {
        lastChecked = null;
        warnings.replaceChildren();
        return;
      }
      checkAbort = new AbortController();
      lastCheckAt = Date.now();
      try {
        const payload = { articleId, body: text };
        const author = authorField.control.value.trim();
        if (author) payload.author = author.slice(0, 50);
        const res = await api('/v1/check', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(payload),
          signal: checkAbort.signal,
        });
        if (seq !== checkSeq) return;
        if (res.status === 429) {
          checksPausedUntil = Date.now() + (Number(res.headers.get('retry-after')) || 30) * 1000;
          return;
        }
        if (!res.ok || !res.body) {
          warnings.replaceChildren();
          return;
        }
        lastChecked = text;
        showWarnings(text, res.body);
      } catch {
        // Aborted by newer typing, or offline: the warning is advisory only.
      }
    }
    function showWarnings(text, result) {
      const violations = Array.isArray(result.violations) ? result.violations : [];
      if (result.decision === 'publish' || violations.length === 0) {
        warnings.replaceChildren();
        return;
      }
      const box = el(
        'div',
        { class: `vigie-warning vigie-warning-${result.decision}` },
        el('p', { class: 'vigie-warning-title', text: result.decision === 'reject' ? t.warnReject : t.warnQueue }),
        el('ul', { class: 'vigie-violations' }, ...violations.map((v) => violationLine(t, v))),
      );
      const spans = violations.flatMap((v) => (Array.isArray(v.spans) ? v.spans : []));
      if (spans.length > 0) {
        box.append(el('p', { class: 'vigie-preview' }, highlighted(text, spans, 'vigie-mark')));
      }
      warnings.replaceChildren(box);
    }
    bodyField.control.addEventListener('input', scheduleCheck);

    /* sending */
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      clearErrors();
      formStatus.replaceChildren();
      const values = {
        author: authorField.control.value.trim(),
        email: emailField.control.value.trim(),
        body: bodyField.control.value.trim(),
      };
      let missing = false;
      for (const name of ['author', 'email', 'body']) {
        if (values[name] === '') missing = fieldError(name, t.required[name]) || missing;
      }
      if (missing) {
        focusFirstInvalid();
        return;
      }
      const payload = { ...values, remember: remember.checked };
      if (replyTo) payload.parentId = replyTo.id;
      if (honeypot.value) payload.website = honeypot.value;

      submit.disabled = true;
      submit.textContent = t.sending;
      form.setAttribute('aria-busy', 'true');
      let res;
      try {
        res = await api(`/v1/articles/${encodeURIComponent(articleId)}/comments`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(payload),
        });
      } catch {
        res = null;
      }
      submit.disabled = false;
      submit.textContent = t.submit;
      form.removeAttribute('aria-busy');

      if (!res) {
        generalError(t.network);
        return;
      }
      if (res.status === 201 || res.status === 202) {
        const { comment, violations } = res.body;
        clearTimeout(checkTimer);
        checkSeq++;
        lastChecked = null;
        warnings.replaceChildren();
        bodyField.control.value = '';
        const parentOpener = replyOpener;
        endReply(false);
        if (comment.status === 'published') {
          const item = addComment(comment);
          publishedCount += 1;
          setHeadingCount();
          bumpCounts(articleId);
          listStatus.hidden = true;
          formStatus.replaceChildren(el('p', { class: 'vigie-outcome vigie-outcome-published', text: t.published }));
          item.classList.add('vigie-comment-new');
        } else {
          const box = el(
            'div',
            { class: 'vigie-outcome vigie-outcome-pending' },
            el('p', { class: 'vigie-outcome-title', text: t.pending }),
          );
          if (violations.length > 0) {
            box.append(
              el('p', { text: t.pendingWhy }),
              el('ul', { class: 'vigie-violations' }, ...violations.map((v) => violationLine(t, v))),
            );
          } else {
            box.append(el('p', { text: t.pendingPolicy }));
          }
          formStatus.replaceChildren(box);
        }
        if (parentOpener) parentOpener.blur();
        return;
      }
      showProblem(res);
      focusFirstInvalid();
    });

    function showProblem(res) {
      const problem = res.body || {};
      const retry = Number(res.headers.get('retry-after')) || problem.retryAfter || 15;
      switch (problem.code) {
        case 'ValidationFailed': {
          let placed = false;
          for (const e of problem.errors || []) {
            const name = String(e.path || '').split('.')[0];
            const message = t.invalid[name];
            if (name === 'parentId') {
              endReply(false);
              generalError(message);
              placed = true;
            } else if (message) placed = fieldError(name, message) || placed;
          }
          if (!placed) generalError(t.generic);
          return;
        }
        case 'DuplicateComment':
          fieldError('body', t.duplicate);
          return;
        case 'TooManyComments':
          generalError(t.flood(retry));
          return;
        case 'RateLimited':
          generalError(t.rateLimited(retry));
          return;
        case 'CommentsClosed':
          generalError(t.closed);
          return;
        case 'PayloadTooLarge':
          fieldError('body', t.tooLarge);
          return;
        case 'CommentRejected': {
          generalError(t.rejected);
          const violations = Array.isArray(problem.violations) ? problem.violations : [];
          if (violations.length > 0) {
            formStatus.replaceChildren(
              el('ul', { class: 'vigie-violations' }, ...violations.map((v) => violationLine(t, v))),
            );
          }
          return;
        }
        default:
          generalError(t.generic);
      }
    }

    section.replaceChildren(heading, list, listStatus, moreButton, rules);
    if (article.commentsOpen) section.append(form);
    else section.append(el('p', { class: 'vigie-closed', text: t.closed }));
    await loadPage();
    section.removeAttribute('aria-busy');
  }

  function ensureStylesheet() {
    const href = apiUrl('/embed.css');
    for (const link of document.querySelectorAll('link[rel="stylesheet"]')) {
      if (link.href === href) return;
    }
    document.head.append(el('link', { rel: 'stylesheet', href }));
  }

  function start() {
    ensureStylesheet();
    for (const root of document.querySelectorAll('[data-vigie-article]')) mount(root);
    fillCounts();
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
