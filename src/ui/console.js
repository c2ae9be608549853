/*
 * Vigie moderator console. Plain JavaScript, no build step. The token lives in sessionStorage
 * (this tab only) and goes out as a Bearer header. Everything from the API is put in the page as
 * text nodes: a comment, a pseudo or an article title is never parsed as HTML.
 */
(() => {
  const TOKEN_KEY = 'vigie.moderatorToken';
  const PAGE_SIZE = 25;

  const RULE_NAMES = {
    'on-topic': 'Hors sujet',
    civility: 'Civilité',
    'sms-speak': 'Langage SMS',
    proofreading: 'Orthographe',
    links: 'Liens',
    honeypot: 'Anti-spam',
  };
  const REASONS = { flagged: 'règle enfreinte', reported: 'signalé par des lecteurs', premoderation: 'prémodération' };
  const ACTIONS = {
    publish: 'Publié',
    hold: 'Retenu',
    reject: 'Refusé',
    approve: 'Approuvé',
    delete: 'Supprimé',
    requeue: 'Remis en file',
  };
  const STATUSES = { pending: 'en attente', published: 'publié', deleted: 'supprimé' };
  const REPORT_REASONS = {
    'on-topic': 'hors sujet',
    civility: 'incivilité',
    'sms-speak': 'langage SMS',
    proofreading: 'orthographe',
    spam: 'spam',
    other: 'autre',
  };

  const $ = (id) => document.getElementById(id);
  const ruleName = (id) => RULE_NAMES[id] || id;
  const dateFormat = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'medium', timeStyle: 'short' });
  const formatDate = (iso) => {
    const d = new Date(iso);
    return Number.isNaN(d.getTime()) ? iso : dateFormat.format(d);
  };
  /** `n` with its noun, singular or plural; `shown` is how `n` is written ("100+"). */
  const plural = (n, one, many, shown = `${n}`) => `${shown} ${n > 1 ? many : one}`;

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

  /** The comment text with each violation's spans in a <mark> naming its rules. */
  function highlightedBody(text, violations) {
    const fragment = document.createDocumentFragment();
    const cuts = new Set([0, text.length]);
    const spans = [];
    for (const v of violations) {
      for (const s of v.spans || []) {
        if (!Number.isInteger(s.start) || !Number.isInteger(s.end) || s.start < 0 || s.end <= s.start) continue;
        const span = { start: s.start, end: Math.min(s.end, text.length), rule: v.rule };
        spans.push(span);
        cuts.add(span.start);
        cuts.add(span.end);
      }
    }
    const points = [...cuts].filter((p) => p <= text.length).sort((a, b) => a - b);
    for (let i = 0; i < points.length - 1; i++) {
      const start = points[i];
      const end = points[i + 1];
      if (start === end) continue;
      const piece = text.slice(start, end);
      const rules = [...new Set(spans.filter((s) => s.start <= start && s.end >= end).map((s) => s.rule))];
      if (rules.length === 0) {
        fragment.append(document.createTextNode(piece));
      } else {
        fragment.append(
          el('mark', {
            class: `span rule-${rules[0]}`,
            'data-rules': rules.join(' '),
            title: rules.map(ruleName).join(', '),
            text: piece,
          }),
        );
      }
    }
    return fragment;
  }

  /** The evidence a rule gave beyond its spans: replacements, suggestions. */
  function violationEvidence(v) {
    const d = v.details || {};
    const pairs = [];
    for (const token of Array.isArray(d.tokens) ? d.tokens : []) {
      if (token && typeof token.text === 'string') {
        pairs.push(token.standard ? `« ${token.text} » → « ${token.standard} »` : `« ${token.text} »`);
      }
    }
    for (const error of Array.isArray(d.errors) ? d.errors : []) {
      if (error && typeof error.text === 'string') {
        const s =
          Array.isArray(error.suggestions) && error.suggestions.length > 0 ? error.suggestions.slice(0, 3) : null;
        pairs.push(s ? `« ${error.text} » → ${s.map((x) => `« ${x} »`).join(' / ')}` : `« ${error.text} »`);
      }
    }
    return pairs;
  }

  /* ---------- API ---------- */

  class ApiError extends Error {
    constructor(status, body) {
      super(body?.detail || body?.title || `HTTP ${status}`);
      this.status = status;
      this.body = body;
    }
  }

  async function api(path, init = {}) {
    const headers = { Authorization: `Bearer ${sessionStorage.getItem(TOKEN_KEY) || ''}` };
    if (init.body !== undefined) headers['Content-Type'] = 'application/json';
    const response = await fetch(path, {
      ...init,
      headers,
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    const type = response.headers.get('content-type') || '';
    const body = type.includes('json') ? await response.json().catch(() => null) : null;
    if (response.status === 401) {
      signOut('Votre session a expiré ou le jeton a été révoqué. Reconnectez-vous.');
      throw new ApiError(401, body);
    }
    if (!response.ok) throw new ApiError(response.status, body);
    return body;
  }

  function announce(message) {
    const node = $('announce');
    node.textContent = '';
    // A new text node each time so that screen readers announce repeated messages too.
    setTimeout(() => {
      node.textContent = message;
    }, 20);
    $('queue-status').textContent = message;
  }

  /* ---------- sign in / out ---------- */

  async function signIn(token) {
    sessionStorage.setItem(TOKEN_KEY, token);
    try {
      await api('/v1/moderation/queue/counts');
    } catch (error) {
      sessionStorage.removeItem(TOKEN_KEY);
      const message =
        error.status === 401
          ? 'Jeton inconnu ou révoqué.'
          : error.status === 403
            ? 'Ce jeton n’a pas accès à la modération (rôle moderator ou admin requis).'
            : 'Le serveur ne répond pas. Réessayez.';
      showSignIn(message);
      return false;
    }
    $('signin').hidden = true;
    $('tabs').hidden = false;
    $('signout').hidden = false;
    showTab('queue');
    return true;
  }

  function showSignIn(message) {
    for (const id of ['queue', 'log', 'stats']) $(id).hidden = true;
    $('tabs').hidden = true;
    $('signout').hidden = true;
    $('signin').hidden = false;
    const error = $('token-error');
    error.textContent = message || '';
    error.hidden = !message;
    const input = $('token');
    if (message) input.setAttribute('aria-invalid', 'true');
    else input.removeAttribute('aria-invalid');
    input.focus();
  }

  function signOut(message) {
    sessionStorage.removeItem(TOKEN_KEY);
    state.items = [];
    $('items').replaceChildren();
    showSignIn(message);
  }

  /* ---------- tabs ---------- */

  let currentTab = 'queue';
  function showTab(name) {
    currentTab = name;
    for (const tab of document.querySelectorAll('.tab')) {
      if (tab.dataset.tab === name) tab.setAttribute('aria-current', 'page');
      else tab.removeAttribute('aria-current');
    }
    for (const id of ['queue', 'log', 'stats']) $(id).hidden = id !== name;
    if (name === 'queue') loadQueue();
    if (name === 'log') loadLog(true);
    if (name === 'stats') loadStats();
  }

  /* ---------- queue ---------- */

  const state = { items: [], current: -1, cursor: null, filters: {}, selected: new Set(), busy: false };

  function queueQuery(cursor) {
    const params = new URLSearchParams({ limit: String(PAGE_SIZE) });
    for (const [key, value] of Object.entries(state.filters)) if (value) params.set(key, value);
    if (cursor) params.set('cursor', cursor);
    return `/v1/moderation/queue?${params}`;
  }

  // Each decision asks for fresh counts without waiting; responses may come back out of order, so only
  // the latest request may write (an older one would show a count from before the last decision).
  let countsRequest = 0;
  async function loadCounts() {
    const request = ++countsRequest;
    const counts = await api('/v1/moderation/queue/counts');
    if (request !== countsRequest) return;
    $('queue-total').textContent = `(${plural(counts.total, 'commentaire', 'commentaires')})`;
    $('tab-queue-count').textContent = String(counts.total);
    const chips = $('rule-counts');
    chips.replaceChildren();
    const allChip = el('button', { type: 'button', class: 'chip', 'data-rule': '' }, `Toutes (${counts.total})`);
    chips.append(allChip);
    const ruleSelect = $('filter-rule');
    const known = new Set(Object.keys(RULE_NAMES));
    for (const rule of Object.keys(counts.byRule)) known.add(rule);
    const selectedRule = state.filters.rule || '';
    ruleSelect.replaceChildren(el('option', { value: '', text: 'Toutes' }));
    for (const rule of known) {
      ruleSelect.append(el('option', { value: rule, text: ruleName(rule) }));
    }
    ruleSelect.value = selectedRule;
    for (const [rule, n] of Object.entries(counts.byRule).sort((a, b) => b[1] - a[1])) {
      chips.append(
        el('button', { type: 'button', class: `chip rule-${rule}`, 'data-rule': rule }, `${ruleName(rule)} (${n})`),
      );
    }
    for (const chip of chips.querySelectorAll('.chip')) {
      chip.setAttribute('aria-pressed', chip.dataset.rule === selectedRule ? 'true' : 'false');
    }
  }

  // Filters can change again before a page arrives: a page is shown only if no other list was asked
  // for since (else the list would not match the filters on screen, or a "more" would append to the
  // wrong list).
  let queueRequest = 0;
  async function loadQueue() {
    const request = ++queueRequest;
    state.cursor = null;
    state.selected.clear();
    $('queue-status').textContent = 'Chargement…';
    try {
      const [page] = await Promise.all([api(queueQuery(null)), loadCounts()]);
      if (request !== queueRequest) return;
      state.items = page.items;
      state.cursor = page.nextCursor;
      renderQueue();
      $('queue-status').textContent = state.items.length === 0 ? 'Aucun commentaire en attente.' : '';
      setCurrent(state.items.length > 0 ? 0 : -1, false);
    } catch (error) {
      if (error.status !== 401 && request === queueRequest) $('queue-status').textContent = `Erreur : ${error.message}`;
    }
  }

  async function loadMoreQueue() {
    if (!state.cursor) return;
    const request = queueRequest;
    const page = await api(queueQuery(state.cursor));
    if (request !== queueRequest) return;
    state.items.push(...page.items);
    state.cursor = page.nextCursor;
    renderQueue();
  }

  function renderQueue() {
    const list = $('items');
    list.replaceChildren(...state.items.map(renderItem));
    $('queue-more').hidden = !state.cursor;
    updateSelection();
  }

  function renderItem(item, index) {
    const { comment, article, violations, reports, authorHistory } = item;
    const node = el('li', {
      class: 'item',
      tabindex: '-1',
      'data-id': comment.id,
      'aria-labelledby': `author-${comment.id}`,
    });
    const checkbox = el('input', {
      type: 'checkbox',
      class: 'select',
      'aria-label': `Sélectionner le commentaire de ${comment.author}`,
    });
    checkbox.checked = state.selected.has(comment.id);
    checkbox.addEventListener('change', () => {
      if (checkbox.checked) state.selected.add(comment.id);
      else state.selected.delete(comment.id);
      updateSelection();
    });
    const history = authorHistory;
    // The API counts up to a limit: at the limit, "100+" (at least that many).
    const count = (n) => (n >= history.countLimit ? `${n}+` : `${n}`);
    const head = el(
      'div',
      { class: 'item-head' },
      checkbox,
      el('strong', { class: 'author', id: `author-${comment.id}`, text: comment.author }),
      el('span', { class: 'email', text: comment.email }),
      el(
        'span',
        { class: 'history', title: 'Commentaires de cette adresse e-mail' },
        `Historique : ${plural(history.published, 'publié', 'publiés', count(history.published))}, ${plural(history.deleted, 'supprimé', 'supprimés', count(history.deleted))}, ${count(history.pending)} en attente`,
      ),
    );
    const meta = el(
      'p',
      { class: 'meta' },
      'Sur ',
      el('cite', { class: 'article-title', text: article.title }),
      el('span', { class: 'muted', text: ` (${article.id})` }),
      ` · ${formatDate(comment.createdAt)}`,
      comment.holdReason ? ` · motif : ${REASONS[comment.holdReason] || comment.holdReason}` : '',
      comment.parentId ? ' · réponse à un commentaire' : '',
    );
    const body = el('blockquote', { class: 'body' }, highlightedBody(comment.body, violations));
    const details = el('ul', { class: 'violations' });
    for (const v of violations) {
      // The rule's evidence (replacements, suggestions), unless its message already lists it.
      const pairs = violationEvidence(v);
      const plain = (s) => s.replace(/\s+/g, ' ');
      const repeated = pairs.every((pair) => plain(v.message).includes(plain(pair.split(' → ')[0])));
      const evidence = repeated ? '' : pairs.join(', ');
      details.append(
        el(
          'li',
          { class: `violation severity-${v.severity}`, 'data-rule': v.rule },
          el('span', { class: `rule-tag rule-${v.rule}`, text: ruleName(v.rule) }),
          ' ',
          el('span', { class: 'message', text: v.message }),
          evidence ? el('span', { class: 'evidence', text: ` ${evidence}` }) : null,
        ),
      );
    }
    for (const r of reports) {
      details.append(
        el(
          'li',
          { class: 'report' },
          el('span', { class: 'rule-tag report-tag', text: 'Signalement' }),
          ` ${REPORT_REASONS[r.reason] || r.reason}`,
          r.detail ? el('span', { class: 'evidence', text: ` — ${r.detail}` }) : null,
        ),
      );
    }
    const approve = el('button', { type: 'button', class: 'approve', text: 'Approuver', 'aria-keyshortcuts': 'a' });
    const remove = el('button', {
      type: 'button',
      class: 'danger delete',
      text: 'Supprimer',
      'aria-keyshortcuts': 'd',
    });
    approve.addEventListener('click', () => decide(comment.id, 'approve'));
    remove.addEventListener('click', () => decide(comment.id, 'delete'));
    node.addEventListener('focusin', () => {
      const i = state.items.findIndex((x) => x.comment.id === comment.id);
      if (i !== -1 && i !== state.current) setCurrent(i, false);
    });
    node.append(head, meta, body, details, el('div', { class: 'item-actions' }, approve, remove));
    if (index === state.current) node.classList.add('current');
    return node;
  }

  function itemNode(index) {
    const item = state.items[index];
    return item ? document.querySelector(`#items > li[data-id="${CSS.escape(item.comment.id)}"]`) : null;
  }

  function setCurrent(index, focus = true) {
    const previous = itemNode(state.current);
    if (previous) {
      previous.classList.remove('current');
      previous.removeAttribute('aria-current');
    }
    state.current = index;
    const node = itemNode(index);
    if (node) {
      node.classList.add('current');
      node.setAttribute('aria-current', 'true');
      if (focus) {
        node.focus();
        node.scrollIntoView({ block: 'nearest' });
      }
    }
  }

  function updateSelection() {
    const n = state.selected.size;
    $('selected-count').textContent = `${n} sélectionné${n > 1 ? 's' : ''}`;
    $('bulk-approve').disabled = n === 0;
    $('bulk-delete').disabled = n === 0;
    const all = $('select-all');
    all.checked = n > 0 && n === state.items.length;
    all.indeterminate = n > 0 && n < state.items.length;
  }

  function removeItems(ids) {
    const removedCurrent = state.items[state.current];
    const wasCurrent = removedCurrent ? ids.has(removedCurrent.comment.id) : false;
    let index = state.current;
    state.items = state.items.filter((item, i) => {
      const keep = !ids.has(item.comment.id);
      if (!keep && i < state.current) index--;
      return keep;
    });
    for (const id of ids) state.selected.delete(id);
    renderQueue();
    if (state.items.length === 0) {
      $('queue-status').textContent = 'Aucun commentaire en attente.';
      setCurrent(-1, false);
      $('main').focus();
      return;
    }
    const next = Math.min(Math.max(index, 0), state.items.length - 1);
    setCurrent(next, wasCurrent || document.activeElement === document.body);
  }

  async function decide(id, action) {
    if (state.busy) return;
    state.busy = true;
    const item = state.items.find((x) => x.comment.id === id);
    const who = item ? item.comment.author : '';
    try {
      if (action === 'approve')
        await api(`/v1/moderation/comments/${encodeURIComponent(id)}/approve`, { method: 'POST' });
      else await api(`/v1/moderation/comments/${encodeURIComponent(id)}`, { method: 'DELETE' });
      removeItems(new Set([id]));
      announce(action === 'approve' ? `Commentaire de ${who} approuvé et publié.` : `Commentaire de ${who} supprimé.`);
      loadCounts().catch(() => {});
    } catch (error) {
      if (error.status !== 401) announce(`Échec : ${error.message}`);
      if (error.status === 409 || error.status === 404) removeItems(new Set([id]));
    } finally {
      state.busy = false;
    }
  }

  async function bulk(action) {
    const ids = [...state.selected];
    if (ids.length === 0 || state.busy) return;
    state.busy = true;
    try {
      const { results } = await api('/v1/moderation/bulk', { method: 'POST', body: { action, ids } });
      const done = new Set(results.filter((r) => !r.error).map((r) => r.id));
      const failed = results.filter((r) => r.error);
      removeItems(new Set(results.filter((r) => !r.error || r.error.status === 409).map((r) => r.id)));
      const verb = (action === 'approve' ? 'approuvé' : 'supprimé') + (done.size > 1 ? 's' : '');
      announce(
        `${plural(done.size, 'commentaire', 'commentaires')} ${verb}.` +
          (failed.length > 0 ? ` ${failed.length} en échec : ${failed.map((r) => r.error.detail).join(' ; ')}` : ''),
      );
      loadCounts().catch(() => {});
    } catch (error) {
      if (error.status !== 401) announce(`Échec : ${error.message}`);
    } finally {
      state.busy = false;
    }
  }

  function toggleSelected(index) {
    const item = state.items[index];
    if (!item) return;
    const id = item.comment.id;
    if (state.selected.has(id)) state.selected.delete(id);
    else state.selected.add(id);
    const box = itemNode(index)?.querySelector('input.select');
    if (box) box.checked = state.selected.has(id);
    updateSelection();
  }

  /* ---------- audit log ---------- */

  let logCursor = null;
  async function loadLog(reset) {
    if (reset) {
      logCursor = null;
      $('log-rows').replaceChildren();
    }
    $('log-status').textContent = 'Chargement…';
    try {
      const params = new URLSearchParams({ limit: '50' });
      if (logCursor) params.set('cursor', logCursor);
      const page = await api(`/v1/moderation/events?${params}`);
      for (const e of page.items) {
        $('log-rows').append(
          el(
            'tr',
            { class: `event action-${e.action}` },
            el('td', {}, el('time', { datetime: e.createdAt, text: formatDate(e.createdAt) })),
            el('td', { text: ACTIONS[e.action] || e.action }),
            el('td', {}, el('code', { title: e.commentId, text: e.commentId.slice(-8) })),
            el('td', {
              text: `${e.from ? `${STATUSES[e.from] || e.from} → ` : ''}${STATUSES[e.to] || e.to}`,
            }),
            el('td', { text: e.actor }),
            el('td', { text: e.reason || '' }),
            el('td', { text: e.note || '' }),
          ),
        );
      }
      logCursor = page.nextCursor;
      $('log-more').hidden = !logCursor;
      $('log-status').textContent = $('log-rows').children.length === 0 ? 'Aucun événement.' : '';
    } catch (error) {
      if (error.status !== 401) $('log-status').textContent = `Erreur : ${error.message}`;
    }
  }

  /* ---------- stats ---------- */

  async function loadStats() {
    $('stats-status').textContent = 'Chargement…';
    try {
      const stats = await api('/v1/moderation/stats');
      $('stats-since').textContent = `(depuis le ${formatDate(stats.since)})`;
      const rows = Object.entries(stats.rules).map(([rule, s]) =>
        el(
          'tr',
          { 'data-rule': rule },
          el('th', { scope: 'row', text: ruleName(rule) }),
          el('td', { text: String(s.flagged) }),
          el('td', { text: String(s.approved) }),
          el('td', { text: String(s.deleted) }),
          el('td', { text: String(s.rejected) }),
          el('td', { text: String(s.pending) }),
          el('td', {
            text: s.falsePositiveRate === null ? '—' : `${Math.round(s.falsePositiveRate * 100)} %`,
            title: 'Part des commentaires retenus que les modérateurs ont approuvés',
          }),
        ),
      );
      $('stats-rows').replaceChildren(...rows);
      $('stats-status').textContent = rows.length === 0 ? 'Aucune donnée sur la période.' : '';
    } catch (error) {
      if (error.status !== 401) $('stats-status').textContent = `Erreur : ${error.message}`;
    }
  }

  /* ---------- keyboard ---------- */

  function onKey(event) {
    if (currentTab !== 'queue' || $('queue').hidden) return;
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const target = event.target;
    if (
      target instanceof Element &&
      target.closest('input:not([type="checkbox"]), textarea, select, [contenteditable]')
    ) {
      return;
    }
    const n = state.items.length;
    switch (event.key) {
      case 'j':
        if (n > 0) setCurrent(Math.min(state.current + 1, n - 1));
        break;
      case 'k':
        if (n > 0) setCurrent(Math.max(state.current - 1, 0));
        break;
      case 'a':
        if (state.items[state.current]) decide(state.items[state.current].comment.id, 'approve');
        break;
      case 'd':
        if (state.items[state.current]) decide(state.items[state.current].comment.id, 'delete');
        break;
      case 'x':
        toggleSelected(state.current);
        break;
      case 'A':
        bulk('approve');
        break;
      case 'D':
        bulk('delete');
        break;
      default:
        return;
    }
    event.preventDefault();
  }

  /* ---------- wiring ---------- */

  function init() {
    $('signin-form').addEventListener('submit', (event) => {
      event.preventDefault();
      const token = $('token').value.trim();
      if (!token) {
        showSignIn('Saisissez votre jeton.');
        return;
      }
      $('token').value = '';
      signIn(token);
    });
    $('signout').addEventListener('click', () => signOut());
    for (const tab of document.querySelectorAll('.tab')) {
      tab.addEventListener('click', () => showTab(tab.dataset.tab));
    }
    $('filters').addEventListener('submit', (event) => {
      event.preventDefault();
      state.filters = {
        rule: $('filter-rule').value,
        reason: $('filter-reason').value,
        articleId: $('filter-article').value.trim(),
      };
      loadQueue();
    });
    for (const id of ['filter-rule', 'filter-reason']) {
      $(id).addEventListener('change', () => $('filters').requestSubmit());
    }
    $('filters-reset').addEventListener('click', () => {
      $('filters').reset();
      state.filters = {};
      loadQueue();
    });
    $('rule-counts').addEventListener('click', (event) => {
      const chip = event.target instanceof Element ? event.target.closest('.chip') : null;
      if (!chip) return;
      $('filter-rule').value = chip.dataset.rule;
      $('filters').requestSubmit();
    });
    $('select-all').addEventListener('change', (event) => {
      if (event.target.checked) for (const item of state.items) state.selected.add(item.comment.id);
      else state.selected.clear();
      for (const box of document.querySelectorAll('#items input.select')) box.checked = event.target.checked;
      updateSelection();
    });
    $('bulk-approve').addEventListener('click', () => bulk('approve'));
    $('bulk-delete').addEventListener('click', () => bulk('delete'));
    $('queue-more').addEventListener('click', () =>
      loadMoreQueue().catch((error) => {
        if (error.status !== 401) announce(`Échec : ${error.message}`);
      }),
    );
    $('log-more').addEventListener('click', () => loadLog(false));
    document.addEventListener('keydown', onKey);

    const saved = sessionStorage.getItem(TOKEN_KEY);
    if (saved) signIn(saved);
    else showSignIn();
  }

  init();
})();
