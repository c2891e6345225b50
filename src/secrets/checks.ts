// Structure and checksum checks for formats that have one. Each takes the
// candidate secret and says whether it is well-formed for its format.
import { shannonEntropy } from './entropy.js'

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'

let crcTable: Int32Array | undefined
export function crc32(text: string): number {
  if (!crcTable) {
    crcTable = new Int32Array(256)
    for (let n = 0; n < 256; n++) {
      let c = n
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
      crcTable[n] = c
    }
  }
  let crc = -1
  const bytes = Buffer.from(text, 'utf8')
  for (const b of bytes) crc = crcTable[(crc ^ b) & 0xff]! ^ (crc >>> 8)
  return (crc ^ -1) >>> 0
}

export function base62(n: number, width: number): string {
  let out = ''
  while (n > 0) {
    out = BASE62[n % 62] + out
    n = Math.floor(n / 62)
  }
  return out.padStart(width, '0')
}

/**
 * GitHub's and npm's 2021 token formats end in a 6-char base62 CRC32 of the
 * 30 random characters before it. Used as a confidence signal.
 */
export function hasBase62Crc32(token: string): boolean {
  const body = token.slice(token.indexOf('_') + 1)
  if (body.length !== 36) return false
  return base62(crc32(body.slice(0, 30)), 6) === body.slice(30)
}

export function decodeBase64(text: string): Buffer | undefined {
  const clean = text.replace(/-/g, '+').replace(/_/g, '/')
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(clean)) return undefined
  try {
    return Buffer.from(clean, 'base64')
  } catch {
    return undefined
  }
}

function isPrintable(buf: Buffer): boolean {
  for (const b of buf) if (b < 0x20 || b > 0x7e) return false
  return true
}

/** A JWT: three base64url parts whose header decodes to JSON with an `alg`. */
export function isJwt(token: string): boolean {
  const parts = token.split('.')
  if (parts.length !== 3) return false
  const header = decodeBase64(parts[0]!)
  if (!header) return false
  try {
    const json = JSON.parse(header.toString('utf8')) as unknown
    return typeof json === 'object' && json !== null && 'alg' in json
  } catch {
    return false
  }
}

/**
 * Three base64url parts whose first decodes to a JSON object: a JWT or JWE,
 * whatever its header holds (an encoded token need not name `alg` first).
 */
export function isJwtLike(token: string): boolean {
  const parts = token.split('.')
  if (
    parts.length < 3 ||
    !parts.every((p, i) => i === parts.length - 1 || /^[A-Za-z0-9_-]+$/.test(p))
  )
    return false
  const header = decodeBase64(parts[0]!)
  if (!header) return false
  return /^\s*\{\s*"[A-Za-z0-9#]+"\s*:/.test(header.toString('latin1'))
}

/** Docker config `auth`: base64 of `user:password` with a non-empty password. */
export function isDockerAuth(value: string): boolean {
  const decoded = decodeBase64(value)
  if (!decoded || !isPrintable(decoded)) return false
  const text = decoded.toString('latin1')
  const colon = text.indexOf(':')
  return colon > 0 && colon < text.length - 1
}

/** An Azure storage account key: base64 of 64 random bytes. */
export function isAzureAccountKey(value: string): boolean {
  const decoded = decodeBase64(value)
  return decoded !== undefined && decoded.length === 64
}

/**
 * A Discord bot token's first part is the base64 of the bot's numeric id
 * (17–20 digits); a truncated or re-padded part still starts with digits.
 */
export function isDiscordToken(token: string): boolean {
  const first = token.split('.')[0]!
  const decoded = decodeBase64(
    first.length % 4 === 0 ? first : first + '='.repeat(4 - (first.length % 4))
  )
  return decoded !== undefined && /^[1-9][0-9]{2}/.test(decoded.toString('latin1'))
}

/** PyPI API tokens are macaroons whose first caveat names pypi.org. */
export function isPypiToken(token: string): boolean {
  const decoded = decodeBase64(token.slice(5, 5 + 64).replace(/[^A-Za-z0-9+/_-].*$/, ''))
  return decoded !== undefined && decoded.toString('latin1').includes('pypi.org')
}

/** Sentry org tokens: `sntrys_` + base64 JSON with `iat`, then `_` + secret. */
export function isSentryOrgToken(token: string): boolean {
  const payload = token.slice(7).split('_')[0] ?? ''
  const decoded = decodeBase64(payload)
  return decoded !== undefined && decoded.toString('latin1').includes('"iat"')
}

/** At least `bits` of Shannon entropy per character. */
export function minEntropy(bits: number): (secret: string) => boolean {
  return secret => shannonEntropy(secret) >= bits
}
