/**
 * Which peers' X-Forwarded-* headers are believed (TRUST_PROXY; docs/decisions/070). A list of addresses
 * and CIDR ranges, IPv4 or IPv6: a request whose socket comes from one of them is a request a proxy of
 * ours passed on, and its X-Forwarded-For/-Proto/-Host say who the client was; from anyone else those
 * headers are the client's own words and are ignored. Free of Node's modules (the API runs in the demo's
 * browser too, where there is no socket and so no trusted peer).
 */
export type TrustedProxies = ((peer: string | undefined) => boolean) & { everyPeer?: true }

type Range = { v6: boolean; bits: bigint; prefix: number }

function ipv4Bits(text: string): bigint | null {
  const parts = text.split('.')
  if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255)) return null
  return parts.reduce((n, p) => (n << 8n) | BigInt(Number(p)), 0n)
}

function ipv6Bits(text: string): bigint | null {
  if (!/^[0-9a-f:.]+$/i.test(text) || text.split('::').length > 2) return null
  // An IPv4 tail (::ffff:10.0.0.1) is two groups.
  let groupsText = text
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(text)
  if (v4) {
    const bits = ipv4Bits(v4[1]!)
    if (bits === null) return null
    groupsText = `${text.slice(0, -v4[1]!.length)}${(bits >> 16n).toString(16)}:${(bits & 0xffffn).toString(16)}`
  }
  const [head, tail] = groupsText.split('::') as [string, string | undefined]
  const headGroups = head === '' ? [] : head.split(':')
  const tailGroups = tail === undefined || tail === '' ? [] : tail.split(':')
  const missing = 8 - headGroups.length - tailGroups.length
  if ((tail === undefined && missing !== 0) || missing < 0) return null
  const groups = [...headGroups, ...Array.from({ length: tail === undefined ? 0 : missing }, () => '0'), ...tailGroups]
  if (groups.length !== 8 || !groups.every((g) => /^[0-9a-f]{1,4}$/i.test(g))) return null
  return groups.reduce((n, g) => (n << 16n) | BigInt(parseInt(g, 16)), 0n)
}

/** An address as bits: IPv4, IPv6, or IPv4 mapped into IPv6 (::ffff:a.b.c.d, as a dual-stack socket reports it), read as IPv4. */
function addressBits(text: string): { v6: boolean; bits: bigint } | null {
  const bare = text.trim().replace(/^\[|\]$/g, '').replace(/%.*$/, '')
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(bare)
  const v4 = ipv4Bits(mapped ? mapped[1]! : bare)
  if (v4 !== null) return { v6: false, bits: v4 }
  const v6 = ipv6Bits(bare)
  return v6 === null ? null : { v6: true, bits: v6 }
}

/** One entry of TRUST_PROXY ("127.0.0.1", "10.0.0.0/8", "::1", "fd00::/8"); null when it is not one. */
export function parseProxyEntry(entry: string): Range | null {
  const [address, prefixText] = entry.trim().split('/') as [string, string | undefined]
  const parsed = addressBits(address)
  if (!parsed) return null
  const width = parsed.v6 ? 128 : 32
  const prefix = prefixText === undefined ? width : /^\d{1,3}$/.test(prefixText) ? Number(prefixText) : NaN
  if (!(prefix >= 0 && prefix <= width)) return null
  return { ...parsed, prefix }
}

const within = (range: Range, address: { v6: boolean; bits: bigint }) => {
  if (range.v6 !== address.v6) return false
  const width = range.v6 ? 128 : 32
  const shift = BigInt(width - range.prefix)
  return range.bits >> shift === address.bits >> shift
}

/** The addresses TRUST_PROXY=1 stands for: a proxy on this machine. */
export const LOOPBACK_PROXIES = ['127.0.0.1', '::1'] as const

/**
 * The trust rule from a setting: `false` trusts no peer; a list trusts its addresses and ranges; `true`
 * trusts every peer — for a host that has no sockets (tests handing requests to the app in process), never
 * for a server on a network (TRUST_PROXY=1 means the loopback list).
 */
export function trustedProxies(setting: boolean | readonly string[]): TrustedProxies {
  if (setting === true) return Object.assign(() => true, { everyPeer: true as const })
  if (setting === false || setting.length === 0) return () => false
  const ranges = setting.map((entry) => {
    const range = parseProxyEntry(entry)
    if (!range) throw new Error(`TRUST_PROXY: "${entry}" is not an address or CIDR range`)
    return range
  })
  return (peer) => {
    if (!peer) return false
    const address = addressBits(peer)
    return address !== null && ranges.some((range) => within(range, address))
  }
}

/**
 * The client's address from a chain: the rightmost X-Forwarded-For entry that is not one of our proxies
 * (entries left of it were written by whoever sent the request, and must not steer anything).
 */
export function clientOfChain(peer: string, forwardedFor: string | undefined, trusts: TrustedProxies): string {
  if (!trusts(peer) || !forwardedFor) return peer
  const chain = forwardedFor.split(',').map((s) => s.trim()).filter(Boolean)
  // Trusting every peer (in-process tests): the entry the last proxy appended.
  if (trusts.everyPeer) return chain.at(-1) ?? peer
  for (let i = chain.length - 1; i >= 0; i--) if (!trusts(chain[i]!)) return chain[i]!
  return chain[0] ?? peer
}
