/**
 * An error as it may be logged or printed: never the values of a failed query. Drizzle puts every
 * parameter of the statement in its message ("Failed query: … params: …"), and those can be a password
 * hash or a person's name; the database's own message (the cause) and the statement text say enough.
 */
export function loggableError(error: unknown): { name: string; message: string; query?: string; stack?: string } {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error) }
  const query = (error as { query?: unknown }).query
  if (typeof query === 'string' && 'params' in error) {
    const cause = error.cause instanceof Error ? error.cause : null
    return { name: error.name, message: cause?.message ?? '数据库查询失败', query, stack: cause?.stack }
  }
  return { name: error.name, message: error.message, stack: error.stack }
}
