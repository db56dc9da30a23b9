/**
 * Values kept per key and per data version. Every write bumps the version (meta.data_version, in the
 * write's own transaction), so a kept value is never stale: each request first reads the version (a
 * primary-key lookup), which also keeps several server instances on one PostgreSQL in step. Concurrent
 * misses for one key share one computation. A computation that fails, or whose value `keep` refuses, is
 * forgotten (unless a newer one has replaced it meanwhile).
 */
export class VersionedCache<T> {
  private entries = new Map<string, { version: string; value: Promise<T> }>()

  constructor(
    private readonly currentVersion: () => Promise<string>,
    private readonly maxEntries: number,
    private readonly keep: (value: T) => boolean = () => true,
  ) {}

  async get(key: string, compute: () => Promise<T>): Promise<{ value: T; version: string; hit: boolean }> {
    const version = await this.currentVersion()
    const found = this.entries.get(key)
    if (found && found.version === version) {
      // Refresh recency (Map keeps insertion order: oldest first).
      this.entries.delete(key)
      this.entries.set(key, found)
      return { value: await found.value, version, hit: true }
    }
    const value = compute()
    const entry = { version, value }
    this.entries.set(key, entry)
    const forget = () => this.entries.get(key) === entry && this.entries.delete(key)
    void value.then((v) => this.keep(v) || forget(), forget)
    while (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!)
    return { value: await value, version, hit: false }
  }
}

/** Answers of the read endpoints, as JSON text, cached per URL (and scope) and per data version. */
export class ResponseCache {
  private readonly cache: VersionedCache<string>

  constructor(currentVersion: () => Promise<string>, maxEntries = 500) {
    this.cache = new VersionedCache(currentVersion, maxEntries)
  }

  async get(key: string, compute: () => Promise<unknown>): Promise<{ body: string; version: string }> {
    const { value, version } = await this.cache.get(key, () => compute().then((v) => JSON.stringify(v)))
    return { body: value, version }
  }
}
