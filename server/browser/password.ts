/**
 * server/auth/password.ts in the backend-free demo (the build puts this file in its place: vite.config.ts,
 * `browserSeams`). The browser has no scrypt, so the demo's accounts are hashed with PBKDF2-SHA256 from
 * Web Crypto; their password is the demo's published one, so the hash protects nothing real. Same exports,
 * same behaviour for the routes: a wrong password is refused, an unknown name costs the same time.
 */
const ITERATIONS = 100_000
const encoder = new TextEncoder()
const base64url = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
const fromBase64url = (text: string) => Uint8Array.from(atob(text.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0))

async function derive(password: string, salt: Uint8Array, iterations: number): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey('raw', encoder.encode(password.normalize('NFC')), 'PBKDF2', false, ['deriveBits'])
  return new Uint8Array(await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt: salt as BufferSource, iterations }, key, 256))
}

export async function hashPassword(password: string): Promise<string> {
  const salt = crypto.getRandomValues(new Uint8Array(16))
  return ['pbkdf2-sha256', ITERATIONS, base64url(salt), base64url(await derive(password, salt, ITERATIONS))].join('$')
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, iterations, salt, hash] = stored.split('$')
  if (scheme !== 'pbkdf2-sha256' || !salt || !hash) return false
  const key = await derive(password, fromBase64url(salt), Number(iterations))
  const expected = fromBase64url(hash)
  let difference = key.length ^ expected.length
  for (let i = 0; i < key.length; i++) difference |= key[i]! ^ (expected[i] ?? 0)
  return difference === 0
}

let dummy: Promise<string> | null = null
export function dummyHash(): Promise<string> {
  dummy ??= hashPassword(base64url(crypto.getRandomValues(new Uint8Array(18))))
  return dummy
}

export function randomPassword(): string {
  return base64url(crypto.getRandomValues(new Uint8Array(12)))
}

// Every value the real module exports has its stand-in here (tsc checks it; the import is types only).
const standsIn: { [K in keyof typeof import('../auth/password')]: unknown } = { hashPassword, verifyPassword, dummyHash, randomPassword }
void standsIn
