import { existsSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { openServices } from './bootstrap.js';
import { systemClock } from './clock.js';
import { ConfigError, loadConfig } from './config.js';
import { openSqlite, parseDatabaseUrl } from './db/connection.js';
import type { Lang, Role } from './db/schema.js';
import { createToken, listTokens, revokeToken } from './domain/tokens/tokens.js';
import { explainViolations, runPipeline } from './rules/pipeline.js';
import type { ArticleContext } from './rules/types.js';

const USAGE = `Usage: vigie <command>

  token create --role publisher|moderator|admin --name NAME
                              create an API token; it is printed once, alone on the last line
  token list                  list tokens (never their secrets)
  token revoke ID|NAME        revoke a token at once
  migrate                     apply pending database migrations
  backup FILE                 copy the live SQLite database to FILE, consistently, while it serves
  check [--lang fr|en] [--article FILE] TEXT
                              print the violations the rules find in TEXT; FILE is an article
                              as JSON ({ title, body, tags?, lang? }) or plain text

The database is DATABASE_URL, as for the server (default ./data/vigie.sqlite).`;

export interface CliIo {
  env: Record<string, string | undefined>;
  out: (line: string) => void;
  err: (line: string) => void;
}

const ROLES: readonly Role[] = ['publisher', 'moderator', 'admin'];

/** Runs one CLI command; returns the exit code (0 ok, 1 failure, 2 usage). */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    io.err(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [command, sub, ...rest] = positionals;
  if (values.help || !command) {
    io.out(USAGE);
    return values.help ? 0 : 2;
  }

  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig(io.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      io.err(error.message);
      return 1;
    }
    throw error;
  }

  const usage = (message: string) => {
    io.err(`${message}\n\n${USAGE}`);
    return 2;
  };
  const isTokenCommand = command === 'token' && ['create', 'list', 'revoke'].includes(sub ?? '');
  const known = isTokenCommand || command === 'migrate' || command === 'check' || command === 'backup';
  if (!known) return usage(`Unknown command: ${positionals.join(' ')}`);
  if (command === 'backup') {
    if (!sub) return usage('backup needs the FILE to write.');
    return backup(config.DATABASE_URL, sub, io);
  }
  if (command === 'token' && sub === 'create') {
    if (!values.role || !ROLES.includes(values.role as Role))
      return usage('--role must be publisher, moderator or admin.');
    if (!values.name?.trim()) return usage('--name is required.');
  }
  if (command === 'token' && sub === 'revoke' && !rest[0]) return usage('token revoke needs an id or a name.');
  if (command === 'check' && positionals.length < 2) return usage('check needs the TEXT to check.');
  if (values.lang !== undefined && values.lang !== 'fr' && values.lang !== 'en')
    return usage('--lang must be fr or en.');

  const { db, rules } = await openServices(config);
  try {
    if (command === 'migrate') {
      io.out('Database is up to date.');
      return 0;
    }
    if (command === 'check') {
      const text = positionals.slice(1).join(' ');
      const article = values.article ? readArticle(values.article) : null;
      const lang = (values.lang as Lang | undefined) ?? article?.lang ?? 'fr';
      const result = runPipeline(rules, { body: text, article, fallbackLang: lang });
      await explainViolations(rules, result.violations, result.lang, 2000);
      io.out(`decision: ${result.decision} (language: ${result.lang})`);
      if (result.violations.length === 0) io.out('no violation');
      for (const v of result.violations) {
        const spans = v.spans.map((s) => `«${s.text}» [${s.start}, ${s.end})`).join(', ');
        io.out(`- ${v.rule} (${v.severity}): ${v.message[lang]}${spans ? `\n    ${spans}` : ''}`);
        for (const line of suggestionLines(v.details)) io.out(`    ${line}`);
      }
      return 0;
    }
    if (sub === 'create') {
      const token = await createToken(db, systemClock, { name: values.name?.trim() ?? '', role: values.role as Role });
      io.out(`Created ${token.role} token "${token.name}" (id ${token.id}). It is shown only now:`);
      io.out(token.token);
      return 0;
    }
    if (sub === 'list') {
      const tokens = await listTokens(db);
      if (tokens.length === 0) io.out('no token');
      for (const t of tokens) {
        io.out(
          `${t.id}  ${t.role.padEnd(9)}  ${t.name}  created ${t.created_at}${t.revoked_at ? `  REVOKED ${t.revoked_at}` : ''}`,
        );
      }
      return 0;
    }
    const revoked = await revokeToken(db, systemClock, rest[0] ?? '');
    if (revoked === 0) {
      io.err(`No active token with id or name "${rest[0]}".`);
      return 1;
    }
    io.out(`Revoked ${revoked} token(s).`);
    return 0;
  } finally {
    await db.destroy();
  }
}

/**
 * SQLite's online backup API: pages are copied while the server keeps reading and writing, and
 * the copy is a consistent snapshot. Restore: stop the server, replace the database file by the
 * backup (and delete its -wal and -shm files), start the server.
 */
async function backup(databaseUrl: string, file: string, io: CliIo): Promise<number> {
  const target = parseDatabaseUrl(databaseUrl);
  if (target.kind !== 'sqlite' || target.path === ':memory:') {
    io.err('backup copies a SQLite database file; for PostgreSQL use pg_dump.');
    return 1;
  }
  if (!existsSync(target.path)) {
    io.err(`No database at ${target.path}.`);
    return 1;
  }
  if (existsSync(file)) {
    io.err(`${file} exists already: choose a new file name.`);
    return 1;
  }
  const sqlite = openSqlite(target.path);
  try {
    const { totalPages } = await sqlite.backup(file);
    io.out(`Backed up ${target.path} to ${file} (${totalPages} pages).`);
    return 0;
  } finally {
    sqlite.close();
  }
}

/** "« nimporte » → n'importe, importe" for each error a rule gave suggestions for. */
function suggestionLines(details: Record<string, unknown> | undefined): string[] {
  const errors = (details?.errors ?? []) as { text?: string; suggestions?: string[] }[];
  return errors
    .filter((e) => e.text && e.suggestions && e.suggestions.length > 0)
    .map((e) => `«${e.text}» → ${e.suggestions?.join(', ')}`);
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      role: { type: 'string' },
      name: { type: 'string' },
      lang: { type: 'string' },
      article: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}

function readArticle(file: string): ArticleContext {
  const text = readFileSync(file, 'utf8');
  try {
    const json = JSON.parse(text) as Partial<ArticleContext>;
    if (typeof json.body === 'string') {
      return {
        id: json.id ?? basename(file),
        title: json.title ?? '',
        body: json.body,
        tags: Array.isArray(json.tags) ? json.tags : [],
        lang: json.lang === 'en' ? 'en' : 'fr',
      };
    }
  } catch {
    // Not JSON: the file is the article's text.
  }
  return { id: basename(file), title: basename(file), body: text, tags: [], lang: 'fr' };
}
