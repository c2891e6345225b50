import { describe, expect, it } from '@jest/globals'
import { secretHash, UNKEYED } from '../../src/model/fingerprint.js'
import { safeLine, safeProperties, stripControls } from '../../src/report/text-safety.js'
import { secretFinding, RAW_TOKEN } from './sample.js'

describe('text safety helpers', () => {
  it('safeLine breaks every `::` pair, even in runs of colons, and v1 `##[`', () => {
    for (const input of [':::set-output name=a::b', '::::', 'a ##[error]x', '###[group]']) {
      const out = safeLine(input)
      expect(out.includes('::')).toBe(false)
      expect(out.includes('##[')).toBe(false)
      // Reads the same to a person: only zero-width spaces were added.
      expect(out.replace(/\u200b/g, '')).toBe(input)
    }
    expect(safeLine('plain text: fine')).toBe('plain text: fine')
  })

  it('safeLine flattens every line break the runner or a terminal honours', () => {
    expect(safeLine('a\nb\r\nc\rd\u2028e\u2029f\u0085g\u000bh')).toBe(
      'a ⏎ b ⏎ c ⏎ d ⏎ e ⏎ f ⏎ g ⏎ h'
    )
  })

  it('stripControls removes terminal escapes and bidi overrides', () => {
    expect(stripControls('ok\u001b[2J\u0007 \u202eevil\u202c\u0000!')).toBe('ok[2J evil!')
    expect(stripControls('tab\there')).toBe('tab here')
  })

  it('safeProperties drops keys that could carry a raw secret and keeps the redacted form', () => {
    const finding = secretFinding('github-token', '.env', 1, 1, RAW_TOKEN)
    const leaky = {
      ...finding,
      properties: { ...finding.properties, secret: RAW_TOKEN, Match: RAW_TOKEN }
    }
    expect(safeProperties(leaky)).toEqual({
      redacted: 'ghp_…(40 chars)',
      secretHash: secretHash(UNKEYED, RAW_TOKEN),
      entropy: 4.7
    })
  })
})
