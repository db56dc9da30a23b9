/**
 * Answers of the read endpoints, cached per URL and per data version. Every write bumps the
 * version (meta.data_version, in the write's own transaction), so a cached answer is never stale:
 * each request first reads the version (a primary-key lookup), which also keeps several server
 * instances on one PostgreSQL in step. Concurrent misses for one URL share one computation.
 */
export class ResponseCache {
  private entries = new Map<string, { version: string; body: Promise<string> }>()

  constructor(
    private readonly currentVersion: () => Promise<string>,
    private readonly maxEntries = 500,
  ) {}

  async get(key: string, compute: () => Promise<unknown>): Promise<{ body: string; version: string }> {
    const version = await this.currentVersion()
    const hit = this.entries.get(key)
    if (hit && hit.version === version) {
      // Refresh recency (Map keeps insertion order: oldest first).
      this.entries.delete(key)
      this.entries.set(key, hit)
      return { body: await hit.body, version }
    }
    const body = compute().then((value) => JSON.stringify(value))
    const entry = { version, body }
    this.entries.set(key, entry)
    // A failed computation is forgotten, unless a newer one has replaced it meanwhile.
    body.catch(() => this.entries.get(key) === entry && this.entries.delete(key))
    while (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!)
    return { body: await body, version }
  }

  clear() {
    this.entries.clear()
  }
}
