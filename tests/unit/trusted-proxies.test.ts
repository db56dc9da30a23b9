import { clientOfChain, parseProxyEntry, trustedProxies } from '../../server/trusted-proxies'

/** TRUST_PROXY names the proxies whose X-Forwarded-* are believed (decision 70). */
describe('trustedProxies: addresses and CIDR ranges, IPv4 and IPv6', () => {
  const trusts = trustedProxies(['127.0.0.1', '10.0.0.0/8', '::1', 'fd00::/8'])
  it('trusts the listed addresses and ranges, and IPv4 as a dual-stack socket reports it', () => {
    expect(['127.0.0.1', '::ffff:127.0.0.1', '10.1.2.3', '10.255.255.255', '::1', '[::1]', 'fd12:3456::9'].map(trusts)).toEqual([true, true, true, true, true, true, true])
  })
  it('trusts nobody else, nor what is not an address', () => {
    expect(['127.0.0.2', '11.0.0.1', '9.255.255.255', '::2', 'fe80::1', 'unknown', '', undefined, '10.0.0.1.evil'].map(trusts)).toEqual([false, false, false, false, false, false, false, false, false])
  })
  it('reads what TRUST_PROXY may hold, and nothing else', () => {
    expect(parseProxyEntry('192.168.0.0/16')).toMatchObject({ v6: false, prefix: 16 })
    expect(parseProxyEntry('2001:db8::/32')).toMatchObject({ v6: true, prefix: 32 })
    for (const bad of ['1', '10.0.0.0/33', '300.1.1.1', 'localhost', '::/129', '1.2.3.4/x', '1:2:3']) expect(parseProxyEntry(bad), bad).toBeNull()
  })
  it('trusts no peer with an empty list or false', () => {
    expect(trustedProxies([])('127.0.0.1')).toBe(false)
    expect(trustedProxies(false)('127.0.0.1')).toBe(false)
  })
})

describe('clientOfChain: the client is the rightmost entry that is not one of our proxies', () => {
  const trusts = trustedProxies(['127.0.0.1', '10.0.0.0/8'])
  it('ignores X-Forwarded-For from a peer that is not a proxy of ours', () => {
    expect(clientOfChain('203.0.113.9', '1.2.3.4', trusts)).toBe('203.0.113.9')
  })
  it('walks past our own proxies, never to what the client wrote on the left', () => {
    expect(clientOfChain('127.0.0.1', '6.6.6.6, 198.51.100.7, 10.9.9.9', trusts)).toBe('198.51.100.7')
    expect(clientOfChain('127.0.0.1', '198.51.100.7', trusts)).toBe('198.51.100.7')
  })
})
