// Secrets published in vendors' documentation, RFCs and SDK tests. They grant
// nothing and are the most common finding in images (SDKs ship them in their
// tests), so they are reported at `info` (or dropped with
// `example-secrets: drop`), with the reason.

const KNOWN_EXAMPLES: ReadonlySet<string> = new Set([
  // AWS documentation
  'AKIAIOSFODNN7EXAMPLE',
  'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  'AKIAI44QH8DHBEXAMPLE',
  'je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY',
  'ASIAIOSFODNN7EXAMPLE',
  // Stripe documentation
  'sk_test_4eC39HqLyjWDarjtT1zdp7dc',
  'pk_test_TYooMQauvdEDq54NiTphI7jx',
  'sk_test_BQokikJOvBiI2HlWgH4olfQ2',
  // The TOTP secret of Google Authenticator's key-URI documentation (base32 of "Hello!\xde\xad\xbe\xef")
  'JBSWY3DPEHPK3PXP',
  // jwt.io's default token
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c',
  // Azure Storage emulator (Azurite) account key, documented by Microsoft
  'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==',
  // Slack and SendGrid documentation
  'xoxb-17653672481-19874698323-pdFZKVeTuE8sk7oOcBrzbqgy',
  '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',
  // Google: the example keys of firebase/firebase-android-sdk (public test projects)
  'AIzaSyDaGmWKa4JsXZ-HjGw7ISLn_3namBGewQe',
  'AIzaSyabcdefghijklmnopqrstuvwxyz1234567',
  'AIzaSyAnLA7NfeLquW1tJFpx_eQCxoX-oo6YyIs',
  'AIzaSyCkEhVjf3pduRDt6d1yKOMitrUEke8agEM',
  'AIzaSyDMAScliyLx7F0NPDEJi1QmyCgHIAODrlU',
  'AIzaSyD3asb-2pEZVqMkmL6M9N6nHZRR_znhrh0',
  'AIzayDNSXIbFmlXbIE6mCzDLQAqITYefhixbX4A',
  'AIzaSyAdOS2zB6NCsk1pCdZ4-P6GBdi_UUPwX7c',
  'AIzaSyASWm6HmTMdYWpgMnjRBjxcQ9CKctWmLd4',
  'AIzaSyANUvH9H9BsUccjsu2pCmEkOPjjaXeDQgY',
  'AIzaSyA5_iVawFQ8ABuTZNUdcwERLJv_a_p4wtM',
  'AIzaSyA4UrcGxgwQFTfaI3no3t7Lt1sjmdnP5sQ',
  'AIzaSyDSb51JiIcB6OJpwwMicseKRhhrOq1cS7g',
  'AIzaSyBF2RrAIm4a0mO64EShQfqfd2AFnzAvvuU',
  'AIzaSyBcE-OOIbhjyR83gm4r2MFCu4MJmprNXsw',
  'AIzaSyB8qGxt4ec15vitgn44duC5ucxaOi4FmqE',
  'AIzaSyA8vmApnrHNFE0bApF4hoZ11srVL_n0nvY',
  // The Algolia search-only key of Yarn's documentation (gitleaks allowlists it too: yarnpkg/berry#6201)
  '6fe4476ee5a1832882e326b506d14126',
  // RFC 6749 (OAuth 2.0) examples: authorization code, access and refresh tokens
  'SplxlOBeZQQYbYS6WxSbIA',
  '2YotnFZFEjr1zCsicMWpAA',
  'tGzv3JOkF0XG5Qx2TlKWIA',
  '7Fjfp0ZBr1KtDRbnfVdmIw',
  // RFC 7515 (JWS) appendix A.1 example HMAC key
  'AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow'
])

/** True for a documented example value. */
export function isKnownExample(secret: string): boolean {
  if (KNOWN_EXAMPLES.has(secret)) return true
  // AWS documentation keys all end in EXAMPLE / EXAMPLEKEY.
  return /^(?:AKIA|ASIA)[A-Z0-9]{8,12}EXAMPLE$/.test(secret) || /EXAMPLEKEY$/.test(secret)
}
