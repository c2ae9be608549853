import type SQLite from 'better-sqlite3';
import type { Insertable, Kysely } from 'kysely';

/**
 * The writes of a SQLite commit group, run on the group's connection with SQL compiled once by
 * Kysely.
 *
 * Why: Kysely builds a query's tree, compiles it to SQL and runs it through several layers of
 * async functions, every time. On the comment POST, whose commit group runs five statements per
 * comment (its savepoint and release, the comment, its violations, its event), that was ~35 KB
 * of the ~130 KB each POST allocated, and ~15 % of its CPU (measured by running the same
 * statements directly on the connection: 250–269 µs per POST against 292–317).
 *
 * Why it is safe: Kysely's SQLite driver lends its one connection to one user at a time, and a
 * commit group holds it from BEGIN to COMMIT (`db.connection().execute`), so nothing else can run
 * a statement on it meanwhile; better-sqlite3 runs every statement synchronously anyway, through
 * Kysely or not. The group binds its transaction's Kysely instance to the connection; only such a
 * bound instance takes the direct way. Anything else (PostgreSQL, SQLite outside a group, whose
 * connection may be lent to a group at that moment) goes through Kysely.
 *
 * The SQL stays Kysely's: `tableInsert` compiles the typed insert once, with a marker value per
 * column, and reads from the compiled parameters which column goes where.
 */
const groupConnections = new WeakMap<Kysely<never>, SQLite.Database>();

/** Called by the group commit on its transaction's Kysely instance, once it holds the connection. */
export function bindGroupConnection<DB>(tx: Kysely<DB>, connection: SQLite.Database): void {
  groupConnections.set(tx as unknown as Kysely<never>, connection);
}

/** The connection of the commit group whose transaction `db` is, if it is one. */
export function groupConnectionOf<DB>(db: Kysely<DB>): SQLite.Database | undefined {
  return groupConnections.get(db as unknown as Kysely<never>);
}

interface CompiledInsert {
  sql: string;
  /** The columns, in the order of the compiled SQL's parameters. */
  columns: string[];
}

const MARKER = '\u0000vigie-column:';

function compileInsert<DB, T extends keyof DB & string>(db: Kysely<DB>, table: T, columns: string[]): CompiledInsert {
  const row = Object.fromEntries(columns.map((column) => [column, `${MARKER}${column}`]));
  const { sql, parameters } = db
    .insertInto(table)
    .values(row as never)
    .compile();
  const order = parameters.map((p) => (typeof p === 'string' && p.startsWith(MARKER) ? p.slice(MARKER.length) : null));
  const complete = order.length === columns.length && columns.every((column) => order.includes(column));
  if (!complete) throw new Error(`Kysely compiled an insert into ${table} with unexpected parameters`);
  return { sql, columns: order as string[] };
}

/**
 * An insert of rows into `table`: on a commit group's connection (see above) as one prepared
 * statement run once per row, elsewhere through Kysely. Every row must have the same columns,
 * those of the first row this insert ever saw.
 */
export function tableInsert<DB, T extends keyof DB & string>(table: T) {
  let compiled: CompiledInsert | undefined;
  return async (db: Kysely<DB>, rows: readonly Insertable<DB[T]>[]): Promise<void> => {
    if (rows.length === 0) return;
    const connection = groupConnectionOf(db);
    if (!connection) {
      await db
        .insertInto(table)
        .values(rows as never)
        .execute();
      return;
    }
    compiled ??= compileInsert(db, table, Object.keys(rows[0] as object));
    const { sql, columns } = compiled;
    const statement = connection.prepare(sql);
    for (const row of rows) {
      const values = row as Record<string, unknown>;
      let count = 0;
      for (const _ in values) count++;
      // A column more or less than compiled would be dropped or bound as undefined: refuse.
      if (count !== columns.length) throw new Error(`An insert into ${table} with other columns than its first`);
      statement.run(columns.map((column) => values[column]));
    }
  };
}
