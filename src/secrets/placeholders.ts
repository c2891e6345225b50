// Values that sit where a secret would but are not one: placeholders,
// references to the environment or a template, and well-known documentation
// examples. Checked on every candidate before it becomes a finding.

const TEMPLATE_OR_REFERENCE = [
  /^\$\{?[A-Za-z_][A-Za-z0-9_]*(?::?[-=?+][^}]*)?\}?$/, // $VAR, ${VAR}, ${VAR:-x}
  /\$\{[^}]*\}/, // ${…} anywhere
  /\{\{[^}]*\}\}/, // {{ var }}
  /^%[A-Za-z_][A-Za-z0-9_]*%$/, // %VAR%
  /^<[^<>]{1,80}>$/, // <TOKEN>
  /^\[[A-Za-z _-]{1,40}\]$/, // [password]
  /^\$\([^)]*\)$/, // $(cmd)
  /^#\{[^}]*\}$/, // #{ruby}
  /^\{[A-Za-z_0-9][\w.]{0,40}\}$/, // {name}, {0}: str.format / template fields
  /\b(?:process\.env|os\.environ|os\.getenv|getenv|System\.getenv|Environment\.GetEnvironmentVariable|ENV\[|env\()/,
  /^(?:secrets|vars|env|inputs|steps|needs)\.[A-Za-z0-9_.-]+$/ // GitHub Actions contexts without ${{ }}
]

/** Lowercase fragments that mark a value as a stand-in. */
const PLACEHOLDER_WORDS = [
  'changeme',
  'change_me',
  'change-me',
  'example',
  'placeholder',
  'your_',
  'your-',
  'yourpass',
  'yourtoken',
  'yoursecret',
  'yourkey',
  'insert',
  'replace',
  'redacted',
  'dummy',
  'notasecret',
  'not_a_secret',
  'not-a-secret',
  'fake',
  'sample',
  'xxxx',
  '****',
  '....',
  '…',
  '<',
  '>',
  'todo',
  'fixme',
  'secret_here',
  'token_here',
  'key_here',
  'password_here',
  'put_your',
  'enter_your',
  'mysecret',
  'mypassword',
  'supersecret',
  'super_secret',
  'test1234',
  'password123',
  'abcdefgh',
  'abcdef123',
  '12345678',
  '00000000',
  'deadbeef',
  'abc123',
  '123abc',
  'xyz123',
  'personalaccess',
  'accesstoken'
]

const NON_SECRET_LITERALS = new Set([
  '',
  'true',
  'false',
  'yes',
  'no',
  'on',
  'off',
  'null',
  'nil',
  'none',
  'undefined',
  'password',
  'passwd',
  'pass',
  'pwd',
  'pw',
  'secret',
  'token',
  'string',
  'str',
  'required',
  'optional',
  'empty',
  'disabled',
  'enabled',
  'hidden',
  'masked',
  'unset',
  'default',
  'test',
  'admin',
  'root',
  'guest',
  'user',
  'username'
])

/** True when `value` is a placeholder, reference or template rather than a literal secret. */
export function isPlaceholder(value: string): boolean {
  const trimmed = value.trim()
  const lower = trimmed.toLowerCase()
  if (NON_SECRET_LITERALS.has(lower)) return true
  if (/^(.)\1*$/.test(trimmed)) return true // one repeated character
  for (const pattern of TEMPLATE_OR_REFERENCE) if (pattern.test(trimmed)) return true
  for (const word of PLACEHOLDER_WORDS) if (lower.includes(word)) return true
  return false
}

/**
 * Secrets published in vendors' documentation and SDK tests. They are reported
 * at `info` (or dropped) instead of as leaks: they grant nothing, and they are
 * the most common false positive in images (SDKs ship them in their tests).
 */
const KNOWN_EXAMPLES = new Set([
  'AKIAIOSFODNN7EXAMPLE',
  'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  'AKIAI44QH8DHBEXAMPLE',
  'je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY',
  'ASIAIOSFODNN7EXAMPLE',
  'sk_test_4eC39HqLyjWDarjtT1zdp7dc',
  'pk_test_TYooMQauvdEDq54NiTphI7jx',
  'sk_test_BQokikJOvBiI2HlWgH4olfQ2',
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c',
  'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==',
  'AIzaSyDaGmWKa4JsXZ-HjGw7ISLn_3namBGewQe',
  'xoxb-17653672481-19874698323-pdFZKVeTuE8sk7oOcBrzbqgy',
  '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'
])

export function isKnownExample(secret: string): boolean {
  if (KNOWN_EXAMPLES.has(secret)) return true
  // AWS documentation keys all end in EXAMPLE / EXAMPLEKEY.
  return /^(?:AKIA|ASIA)[A-Z0-9]{8,12}EXAMPLE$/.test(secret) || /EXAMPLEKEY$/.test(secret)
}
