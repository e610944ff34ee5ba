/** Errors that mean "the database is unreachable or refused": retry later, never tell the user it was their fault. */
export function isDbError(err: any): boolean {
  const code = String(err?.code ?? '');
  return (
    /^(ECONNREFUSED|ETIMEDOUT|ECONNRESET|EHOSTUNREACH|PROTOCOL_|ER_|SQLITE_|EPIPE|POOL_)/.test(code) ||
    ['QueryFailedError', 'ConnectionIsNotSetError', 'CannotConnectAlreadyConnectedError', 'DriverPackageNotInstalledError'].includes(err?.name) ||
    /connection (is )?(closed|lost)|pool is closed|database connection is not open|Can't add new command when connection is in closed state/i.test(String(err?.message ?? ''))
  );
}
