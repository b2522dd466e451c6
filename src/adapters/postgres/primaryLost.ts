/**
 * Which errors mean the server we write to may no longer be the primary, so the
 * next connection must look for it again: the connection itself failed (refused,
 * reset, timed out, ended), the server is shutting down (57P01 admin shutdown,
 * 57P02 crash shutdown, 57P03 cannot connect now), it is read-only (25006: a
 * standby, or a demoted primary) or it cancelled us in a recovery conflict (a
 * standby). A constraint violation, a syntax error or a serialization failure on
 * a healthy primary are not: they leave the cached primary alone.
 */

const SHUTDOWN_OR_READ_ONLY = new Set(['57P01', '57P02', '57P03', '25006']);
/** SQLSTATE class 08: connection exception. */
const CONNECTION_CLASS = '08';

const codeOf = (error: unknown): string | undefined => {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
};

const isSqlState = (code: string): boolean => /^[0-9A-Z]{5}$/.test(code);

export const meansPrimaryLost = (error: unknown): boolean => {
  const code = codeOf(error);
  if (code !== undefined && isSqlState(code)) {
    if (SHUTDOWN_OR_READ_ONLY.has(code) || code.startsWith(CONNECTION_CLASS)) return true;
    return code === '40001' && /recovery/i.test(String((error as Error).message));
  }
  // No SQLSTATE: the socket (ECONNREFUSED, ECONNRESET, ETIMEDOUT...) or pg's own "Connection terminated" / "timeout expired".
  return error instanceof Error;
};
