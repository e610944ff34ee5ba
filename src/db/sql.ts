import type { DataSource, EntityManager } from 'typeorm';

export type Db = DataSource | EntityManager;

function isMysql(db: Db): boolean {
  const type = ('driver' in db ? db.driver : db.connection.driver).options.type;
  return type === 'mysql' || type === 'mariadb';
}

/** mysql2 reports an OkPacket; TypeORM's better-sqlite3 runner puts lastInsertRowid itself in `raw`. */
function toResult(res: any): { affected: number; insertId?: number } {
  const raw = res?.raw;
  const affected = res?.affected ?? raw?.affectedRows ?? raw?.changes ?? 0;
  const insertId = typeof raw === 'number' || typeof raw === 'bigint' ? raw : raw?.insertId ?? raw?.lastInsertRowid;
  return { affected: Number(affected), insertId: insertId === undefined ? undefined : Number(insertId) };
}

/** Inside a transaction: the manager's own runner, so the statement joins the transaction. */
async function run(em: EntityManager, sql: string, params: unknown[]): Promise<{ affected: number; insertId?: number }> {
  if (em.queryRunner) return toResult(await em.queryRunner.query(sql, params, true));
  return toResult({ raw: await em.query(sql, params) });
}

/** Runs a write and reports rows affected, on either driver. */
export async function exec(db: Db, sql: string, params: unknown[] = []): Promise<{ affected: number; insertId?: number }> {
  if (!('createQueryRunner' in db)) return run(db, sql, params);
  // A single autocommit statement that InnoDB picked as a deadlock victim is safe to run again ("try restarting
  // transaction"); statements inside a transaction are not retried here: the whole transaction would have to be.
  for (let attempt = 1; ; attempt++) {
    try {
      return await execOnce(db, sql, params);
    } catch (err: any) {
      if (attempt >= 5 || (err?.code !== 'ER_LOCK_DEADLOCK' && err?.driverError?.code !== 'ER_LOCK_DEADLOCK')) throw err;
      await new Promise((r) => setTimeout(r, 5 * attempt + Math.random() * 10));
    }
  }
}

async function execOnce(db: DataSource, sql: string, params: unknown[]): Promise<{ affected: number; insertId?: number }> {
  const qr = db.createQueryRunner();
  try {
    return toResult(await qr.query(sql, params, true));
  } finally {
    await qr.release();
  }
}

/** INSERT that silently skips a row whose unique key exists; true when the row was inserted. */
export async function insertIgnore(db: Db, table: string, row: Record<string, unknown>): Promise<boolean> {
  const cols = Object.keys(row);
  const verb = isMysql(db) ? 'INSERT IGNORE' : 'INSERT OR IGNORE';
  const sql = `${verb} INTO ${table} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`;
  const { affected } = await exec(db, sql, cols.map((c) => row[c]));
  return affected > 0;
}
