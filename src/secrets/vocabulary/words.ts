// Does a string read as words? People choose passwords and write
// identifiers, labels and placeholders out of words; machines generate keys
// out of random characters. A letter-bigram model of English tells the two
// apart far better than a vowel test: random letters are full of transitions
// English never makes (q→z, x→k, h→w).
//
// The table holds log2 P(next letter | letter) for '^' (word start), a–z and
// '$' (word end), measured on the English of the README files of this
// project's npm dependencies (385,721 words; add-one smoothing), quantised
// to 0.2 bit (one base64 character per cell, value = -5·log2 P).
const TABLE =
  '/SYSYXWcbThiaXYVWsXSQbdY4h0//qaUZykZybikPXP3Y2QRNccjmduY/QkhtL0z2ZV4QsyTowVZvR261VmO/Qzj1R95Oa5WZr/K4+WiQa89/m8V/UuwbKuk0Sz2fpyVr/hZkbsszk/G/ZnXUgbjvnv4baTtgiPRXwfjZg4I/Q3zwUY56M/4b/yM6+VnbU/7/c5L/d944MzebP51WkWcy7ZZkXs4/rtH/P/82H/39R96rinR3vZjgV/6/r/N/egYYZXYz23lUWLQb0aRPuc/p8ic/OvxyIxuqeuvwwxUusjK2XPuzn0c/TnuoIhloQwymzdkyvrSok0q6m3I/UotZLsn0PzlQ11Qk/qYWWhs9X8O/LZzyM5d4S63kZnTQ79f3cn8/d/N/XxTRUfQ0bykiumTo6zPQek2/h0K/macWnZe1lrbXSMYW/NdZVeZt4xR/N32pM2xkW03Rw7RX7PdQaz//p/T8cjs0m3ovVsqWkslsovy0C3qtk0W/TtcfKmbtS/ikdZSu/ZVWZot/a/M/b1X2Pr/aV9qiqsUcz6XOZ/x/b/H/V4dwQsyMQ7/lw0Sr/VZdc/o/Y/K/fUchRja3X9wQUQrX8OPS263wzzW/J964G/2/Q/u23sf//vr0p57y26Q/Q38zS/nPJ50n6XQ93XV22+0184O/NzXvVwsqTx9xr0iL04uNvy1sgyL/doiuhvrziwwegSRO2qYiwdc1xtF6OmmoJ1lfQ1cgq6bm1qj6eqtlgPNYYYYYYYYYYYYYYYYYYYYYYYYYYYY'

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'
const LOG_P = Float64Array.from(TABLE, c => -B64.indexOf(c) / 5)
const START = 0
const END = 27

/** Mean log2 probability per transition of a lower-case a–z token under the English model. */
export function englishScore(token: string): number {
  let previous = START
  let sum = 0
  for (let i = 0; i < token.length; i++) {
    const c = token.charCodeAt(i) - 96
    if (c < 1 || c > 26) return -Infinity
    sum += LOG_P[previous * 28 + c]!
    previous = c
  }
  sum += LOG_P[previous * 28 + END]!
  return sum / (token.length + 1)
}

/**
 * The score a token must reach to read as English. Real words score about
 * -3.5 (10th percentile -4.2); random letters -6 to -7 (90th percentile -4.6
 * at 4 letters, -5.5 at 8). Short tokens need a higher score: by chance a
 * third of random 3-letter strings look like a word.
 */
function threshold(length: number): number {
  return length <= 3 ? -3.9 : length === 4 ? -4.2 : length <= 6 ? -4.5 : -4.6
}

/** Splits on non-letters and at case changes: `barryIsTheBest` → barry, Is, The, Best. */
function letterTokens(value: string): string[] {
  return value
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z]+/)
    .filter(Boolean)
}

/**
 * Words of code and configuration that the English model (trained on prose) scores as random:
 * abbreviations (env, ctx, cfg), acronyms (api, sql, tls) and a few words it misses (new, symbol).
 * Identifiers are built from them (`sk_env_token_123`, `tb.scada-symbol-ctx-api`).
 */
const CODE_WORDS: ReadonlySet<string> = new Set(
  (
    'env api ctx cfg src tmp dev prod stg app db id url uri sdk cli ui sql jwt otp mfa totp msg ' +
    'req svc srv pkg lib doc docs obj num max new symbol sym key pwd web www ssl tls rsa aes hmac ' +
    'sha md5 uuid yaml xml html css js ts npm aws gcp dns tcp udp ip ssh ftp smtp ldap saml oidc ' +
    'rbac iam kms vpc cdn ci cd qa uat cmd ctl mgr ops'
  ).split(' ')
)

/** The share of the letters that belong to English-looking tokens of 3+ letters (or code words). */
export function wordiness(value: string): number {
  let letters = 0
  let english = 0
  for (const token of letterTokens(value)) {
    letters += token.length
    const lower = token.toLowerCase()
    if (
      CODE_WORDS.has(lower) ||
      (token.length >= 3 && englishScore(lower) >= threshold(token.length))
    )
      english += token.length
  }
  return letters === 0 ? 0 : english / letters
}

/** Most letters read as words: an identifier, a label, a person's password. */
export function isWordy(value: string): boolean {
  return wordiness(value) >= 0.6
}
