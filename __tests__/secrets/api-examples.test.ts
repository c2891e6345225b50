// OpenAPI descriptions: a value judged by its name or look is a lead (low) under an example key,
// and keeps its severity anywhere else. Shapes from rswag-generated Rails API docs.
import { describe, expect, it } from '@jest/globals'
import { isApiDescription, isUnderApiExample } from '../../src/secrets/api-examples.js'
import { ALNUM, Random } from '../helpers/secrets-corpus/formats.js'
import { scanContent } from '../helpers/secrets-scan.js'

const r = new Random(5)
const TOKEN = r.chars(ALNUM, 24)
const KEY = r.chars('0123456789abcdef', 64)

const RSWAG = `---
openapi: 3.0.3
info:
  title: Platform API
paths:
  "/api/v2/platform/digital_links":
    get:
      responses:
        '200':
          description: records found
          content:
            application/json:
              examples:
                Example:
                  value:
                    data:
                    - id: '1'
                      type: digital_link
                      attributes:
                        token: ${TOKEN}
                        access_counter: 0
              schema:
                type: object
components:
  x-sandbox:
    client_secret: ${KEY}
`

const JSON_SPEC = JSON.stringify(
  {
    swagger: '2.0',
    info: { title: 'x' },
    definitions: {
      Webhook: {
        type: 'object',
        properties: { secret_key: { type: 'string', example: KEY } }
      }
    }
  },
  null,
  2
)

const severities = (path: string, text: string): string[] =>
  scanContent(path, text).findings.map(f => `${f.ruleId}:${f.severity}`)

describe('OpenAPI example values', () => {
  it('knows an OpenAPI or Swagger description by its version key', () => {
    expect(isApiDescription('docs/api-reference/platform.yaml', RSWAG)).toBe(true)
    expect(isApiDescription('swagger.json', JSON_SPEC)).toBe(true)
    expect(isApiDescription('config/settings.yml', 'examples:\n  token: x\n')).toBe(false)
    expect(isApiDescription('README.md', RSWAG)).toBe(false)
  })

  it('walks up by indentation to the example key, through list items', () => {
    expect(isUnderApiExample(RSWAG, RSWAG.indexOf(TOKEN))).toBe(true)
    expect(isUnderApiExample(RSWAG, RSWAG.indexOf(KEY))).toBe(false)
    expect(isUnderApiExample(JSON_SPEC, JSON_SPEC.indexOf(KEY))).toBe(true)
  })

  it('reports a made-up token in an example at low with the reason, a value outside the examples at high', () => {
    const found = scanContent('docs/api-reference/platform.yaml', RSWAG).findings
    expect(found.map(f => [f.properties?.name, f.severity])).toEqual([
      ['token', 'low'],
      ['client_secret', 'high']
    ])
    expect(found[0]!.message).toMatch(/example value in an OpenAPI description/)
    expect(found[0]!.properties?.reason).toMatch(/made up for the docs/)
  })

  it('leaves the same lines alone outside an API description', () => {
    const plain = RSWAG.replace('openapi: 3.0.3\n', '')
    expect(severities('docs/api-reference/platform.yaml', plain)).toEqual([
      'generic-credential-assignment:high',
      'generic-credential-assignment:high'
    ])
  })

  it('keeps provider formats and private keys at their severity inside examples', () => {
    const ghp = `ghp_${r.chars(ALNUM, 36)}`
    const spec = RSWAG.replace(`token: ${TOKEN}`, `token: ${ghp}`)
    expect(severities('docs/api-reference/platform.yaml', spec)).toContain('github-pat:critical')
  })
})
