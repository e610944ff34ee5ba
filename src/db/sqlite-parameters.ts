import type { DataSource } from 'typeorm';

/**
 * TypeORM's SQLite drivers write every number parameter into the SQL text (`"id" = 205`, `"claimed_at" <
 * 1796611530388`), so nearly every statement with an id or a time in it is new SQL: better-sqlite3 prepares it
 * again, TypeORM's statement cache (a FIFO of `statementCacheSize`) keeps evicting the statements that are in use,
 * and each evicted statement holds native memory until V8 happens to finalise it. Bound instead, the texts repeat
 * and the prepared statements are reused.
 *
 * Integers are bound as BigInt, which better-sqlite3 binds as SQLite INTEGER: the value compares and is stored
 * exactly as the literal was (a number written into a text column still reads "123", not "123.0"). Other numbers
 * are bound as they are (REAL), as their literal would have been read.
 */
export function bindSqliteNumbers(ds: DataSource): void {
  const driver = ds.driver as unknown as {
    createParameter(key: string, index: number): string;
    escapeQueryWithParameters(sql: string, parameters: Record<string, unknown>, native: Record<string, unknown>): [string, unknown[]];
  };
  const original = driver.escapeQueryWithParameters.bind(driver);
  driver.escapeQueryWithParameters = (sql, parameters, native) => {
    if (!parameters || !Object.values(parameters).some((v) => typeof v === 'number')) return original(sql, parameters, native);
    const bound: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(parameters)) {
      if (typeof value !== 'number') bound[key] = value;
      else bound[key] = Number.isSafeInteger(value) ? BigInt(value) : value;
    }
    return original(sql, bound, native);
  };
}
