import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Clock } from '../../clock.js';
import type { Db } from '../../db/connection.js';
import type { Role, TokenRow } from '../../db/schema.js';

/**
 * API tokens look like `vg_<id>_<secret>`: the id finds the row, the 256-bit secret is checked
 * against its stored sha256 in constant time. Only the hash is stored and the token is shown once.
 * A fast hash is right here (unlike passwords): the secret is random, not guessable.
 */
const TOKEN_PATTERN = /^vg_([a-z0-9]{16})_([A-Za-z0-9_-]{43})$/;

export interface Principal {
  tokenId: string;
  name: string;
  role: Role;
}

function hashSecret(secret: string): Buffer {
  return createHash('sha256').update(secret).digest();
}

export async function createToken(db: Db, clock: Clock, input: { name: string; role: Role }) {
  const id = randomBytes(10).toString('hex').slice(0, 16);
  const secret = randomBytes(32).toString('base64url');
  await db
    .insertInto('api_tokens')
    .values({
      id,
      name: input.name,
      role: input.role,
      secret_hash: hashSecret(secret).toString('hex'),
      created_at: clock.now().toISOString(),
      revoked_at: null,
    })
    .execute();
  return { id, name: input.name, role: input.role, token: `vg_${id}_${secret}` };
}

export async function authenticate(db: Db, token: string): Promise<Principal | null> {
  const match = TOKEN_PATTERN.exec(token);
  if (!match) return null;
  const [, id, secret] = match as unknown as [string, string, string];
  const row = await db.selectFrom('api_tokens').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row || row.revoked_at !== null) return null;
  const stored = Buffer.from(row.secret_hash, 'hex');
  const given = hashSecret(secret);
  if (stored.length !== given.length || !timingSafeEqual(stored, given)) return null;
  return { tokenId: row.id, name: row.name, role: row.role };
}

export function listTokens(db: Db): Promise<Omit<TokenRow, 'secret_hash'>[]> {
  return db
    .selectFrom('api_tokens')
    .select(['id', 'name', 'role', 'created_at', 'revoked_at'])
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

/** Revokes by id or by name; returns how many tokens were revoked. */
export async function revokeToken(db: Db, clock: Clock, idOrName: string): Promise<number> {
  const result = await db
    .updateTable('api_tokens')
    .set({ revoked_at: clock.now().toISOString() })
    .where((eb) => eb.or([eb('id', '=', idOrName), eb('name', '=', idOrName)]))
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
