// Adversarial inputs for the ReDoS test and bench: for every rule keyword
// (the first two of each rule), the keyword followed by a 1 MiB run of characters from the secret's charset
// (the shape that makes a backtracking regex go quadratic), plus lines made of
// the generic detector's and entropy detector's worst cases.
import { providerRules } from '../../../src/secrets/rules/index.js'

export interface AdversarialInput {
  name: string
  text: string
}

const MIB = 1024 * 1024

function run(unit: string, length = MIB): string {
  return unit.repeat(Math.ceil(length / unit.length)).slice(0, length)
}

export function adversarialInputs(size = MIB): AdversarialInput[] {
  const out: AdversarialInput[] = []
  // Every rule runs on every input, so each keyword needs its inputs once (rules share keywords).
  const keywords = new Map<string, string>()
  for (const rule of providerRules)
    for (const keyword of rule.keywords.slice(0, 2))
      if (!keywords.has(keyword)) keywords.set(keyword, rule.id)
  for (const [keyword, id] of keywords) {
    out.push({ name: `${id}: "${keyword}" + letters`, text: keyword + run('aB3', size) })
    out.push({ name: `${id}: repeated "${keyword}"`, text: run(`${keyword}a1`, size) })
  }
  out.push(
    { name: 'generic: long identifier ending in password', text: run('a', size) + 'password = "x' },
    { name: 'generic: repeated assignments', text: run('password=a;', size) },
    { name: 'generic: repeated keywords without values', text: run('token_secret_key_', size) },
    { name: 'entropy: unterminated quote + base64 run', text: '"' + run('Ab3+/', size) },
    { name: 'entropy: alternating quotes', text: run('"a', size) },
    {
      name: 'private key: BEGIN without END',
      text: '-----BEGIN RSA PRIVATE KEY-----\n' + run('MIIEow\n', size)
    },
    { name: 'private key: repeated BEGIN', text: run('-----BEGIN PRIVATE KEY-----\n', size) },
    { name: 'url: scheme + userinfo without @', text: 'postgres://' + run('a:b', size) },
    { name: 'url: repeated schemes', text: run('https://a:', size) },
    { name: 'jwt: eyJ + dots', text: run('eyJhbGci.', size) },
    {
      name: 'kubernetes: huge data block',
      text: 'kind: Secret\ndata:\n' + run('  k: YWJjZGVmZ2g=\n', size)
    },
    { name: 'netrc: machine without password', text: run('machine a login b ', size) }
  )
  return out
}
