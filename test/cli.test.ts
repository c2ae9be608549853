import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../src/cli.js';
import { systemClock } from '../src/clock.js';
import { openDatabase } from '../src/db/connection.js';
import { authenticate, createToken } from '../src/domain/tokens/tokens.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'vigie-cli-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, {
    env: { DATABASE_URL: join(dir, 'vigie.sqlite'), LOG_LEVEL: 'silent' },
    out: (line) => out.push(...line.split('\n')),
    err: (line) => err.push(...line.split('\n')),
  });
  return { code, out, err };
}

describe('vigie CLI', () => {
  it('creates a token printed alone on the last line, stores only its hash, lists and revokes it', async () => {
    const created = await run('token', 'create', '--role', 'moderator', '--name', 'alice');
    expect(created.code).toBe(0);
    const token = created.out.at(-1) ?? '';
    const parts = /^vg_([a-z0-9]{16})_([A-Za-z0-9_-]{43})$/.exec(token);
    expect(parts).not.toBeNull();
    // The secret is base64url, which has "_" too: split('_') cut it (and gave '' when it began with one).
    const secret = parts?.[2] ?? '';

    const db = openDatabase(join(dir, 'vigie.sqlite'));
    try {
      const rows = await db.selectFrom('api_tokens').selectAll().execute();
      expect(rows).toHaveLength(1);
      expect(JSON.stringify(rows)).not.toContain(secret);
      expect(await authenticate(db, token)).toMatchObject({ name: 'alice', role: 'moderator' });

      const listed = await run('token', 'list');
      expect(listed.out.join('\n')).toMatch(/moderator\s+alice/);
      expect(listed.out.join('\n')).not.toContain(token);

      expect((await run('token', 'revoke', 'alice')).code).toBe(0);
      expect(await authenticate(db, token)).toBeNull();
      expect((await run('token', 'list')).out.join('\n')).toMatch(/REVOKED/);
      expect((await run('token', 'revoke', 'alice')).code).toBe(1);
    } finally {
      await db.destroy();
    }
  });

  it('refuses bad usage with exit code 2', async () => {
    expect((await run('token', 'create', '--role', 'king', '--name', 'x')).code).toBe(2);
    expect((await run('token', 'create', '--role', 'admin')).code).toBe(2);
    expect((await run('frobnicate')).code).toBe(2);
    expect((await run('check')).code).toBe(2);
    expect((await run('--bogus')).code).toBe(2);
  });

  it('migrates and checks a text, with an article file', async () => {
    expect((await run('migrate')).out).toEqual(['Database is up to date.']);
    const article = join(dir, 'article.json');
    writeFileSync(article, JSON.stringify({ title: 'Outage', body: 'The cloud went down.', lang: 'en' }));
    const checked = await run('check', '--article', article, 'see https://a.example and https://b.example');
    expect(checked.code).toBe(0);
    expect(checked.out[0]).toBe('decision: queue (language: en)');
    expect(checked.out.join('\n')).toMatch(/links \(medium\): Your comment contains 2 links/);
    expect(checked.out.join('\n')).toContain('«https://a.example» [4, 21)');
    const typos = await run(
      'check',
      '--lang',
      'fr',
      'Je suis daccord avec plusieur points, nimporte quel lecteur le verra.',
    );
    expect(typos.out.join('\n')).toMatch(/proofreading/);
    expect(typos.out.join('\n')).toMatch(/«plusieur» → plusieurs/);
    const clean = await run('check', '--lang', 'fr', 'Très bon article.');
    expect(clean.out).toEqual(['decision: publish (language: fr)', 'no violation']);
  });

  it('backs up the live database consistently while another connection writes', async () => {
    const live = openDatabase(join(dir, 'vigie.sqlite'));
    try {
      await run('migrate');
      await run('token', 'create', '--role', 'admin', '--name', 'before-backup');
      const backupFile = join(dir, 'backup.sqlite');
      const writes = (async () => {
        for (let i = 0; i < 50; i++)
          await createToken(live, systemClock, { name: `concurrent-${i}`, role: 'moderator' });
      })();
      const result = await run('backup', backupFile);
      await writes;
      expect(result.code).toBe(0);
      expect(result.out[0]).toMatch(/^Backed up .* to .*backup\.sqlite \(\d+ pages\)\.$/);

      const copy = new Database(backupFile, { readonly: true });
      try {
        expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
        const names = (copy.prepare('select name from api_tokens').all() as { name: string }[]).map((r) => r.name);
        expect(names).toContain('before-backup');
      } finally {
        copy.close();
      }
      expect((await run('backup', backupFile)).code).toBe(1); // never overwrites
      expect((await run('backup')).code).toBe(2);
    } finally {
      await live.destroy();
    }
  });

  it('names a bad environment variable', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(['migrate'], {
      env: { DATABASE_URL: join(dir, 'v.sqlite'), PORT: 'abc' },
      out: (l) => out.push(l),
      err: (l) => err.push(l),
    });
    expect(code).toBe(1);
    expect(err.join('\n')).toMatch(/PORT/);
  });
});

describe('bin/vigie.js, the built CLI (dist/cli.cjs)', () => {
  /** Runs `node bin/vigie.js ...argv`; resolves with the exit code and the output, whatever the code. */
  async function runBin(...argv: string[]) {
    try {
      const { stdout, stderr } = await promisify(execFile)(process.execPath, ['bin/vigie.js', ...argv], {
        env: { ...process.env, DATABASE_URL: join(dir, 'vigie.sqlite'), LOG_LEVEL: 'silent' },
      });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const failed = error as { code: number; stdout: string; stderr: string };
      return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
    }
  }

  it('runs the rules on a text, with its dictionaries, and exits 0', async () => {
    expect(existsSync('dist/cli.cjs'), 'npm run build first').toBe(true);
    const { code, stdout } = await runBin('check', "Slt, c koi ce truc ? T'es un gros con.");
    expect(code).toBe(0);
    expect(stdout).toMatch(/^decision: queue \(language: fr\)$/m);
    expect(stdout).toMatch(/^- sms-speak \(low\): .*« koi » → « quoi »/m);
    expect(stdout).toMatch(/^- civility \(medium\): .*« con »/m);
  });

  it('sets the exit code of a failed command', async () => {
    const { code, stderr } = await runBin('no-such-command');
    expect(code).toBe(2);
    expect(stderr).toMatch(/^Unknown command: no-such-command$/m);
  });
});
