import { describe, expect, it } from 'vitest'
import { VersionedCache } from '../../server/cache'

/** A cache whose data version the test moves, counting how often each key is computed. */
function counted(keep?: (value: string | null) => boolean) {
  let version = 'v1'
  const computed: string[] = []
  const cache = new VersionedCache<string | null>(() => Promise.resolve(version), 2, keep)
  const get = (key: string, value: string | null = `${key}@${version}`) =>
    cache.get(key, () => {
      computed.push(key)
      return Promise.resolve(value)
    })
  return { get, computed, bump: () => (version = `v${Number(version.slice(1)) + 1}`) }
}

describe('values kept per key and data version', () => {
  it('computes a key once per data version, and once for requests that arrive together', async () => {
    const { get, computed, bump } = counted()
    await Promise.all([get('a'), get('a')])
    expect((await get('a')).value).toBe('a@v1')
    expect(computed).toEqual(['a'])
    bump()
    expect((await get('a')).value).toBe('a@v2')
    expect(computed).toEqual(['a', 'a'])
  })

  it('forgets what its rule refuses to keep, and what failed', async () => {
    const { get, computed } = counted((value) => value !== null)
    await get('gone', null)
    await get('gone', null)
    expect(computed).toEqual(['gone', 'gone'])
    const cache = new VersionedCache<string>(() => Promise.resolve('v1'), 2)
    await expect(cache.get('x', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom')
    expect((await cache.get('x', () => Promise.resolve('ok'))).value).toBe('ok')
  })

  it('keeps at most its number of entries, dropping the least recently used', async () => {
    const { get, computed } = counted()
    await get('a')
    await get('b')
    await get('a')
    await get('c')
    await get('a')
    await get('b')
    expect(computed).toEqual(['a', 'b', 'c', 'b'])
  })
})
