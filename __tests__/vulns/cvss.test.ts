import { describe, expect, it } from '@jest/globals'
import {
  cvss2BaseScore,
  cvss3BaseScore,
  scoreSeverityEntry,
  severityForLabel,
  severityForScore
} from '../../src/vulns/cvss.js'

describe('CVSS v3 base score', () => {
  // Scores as published by NVD/GitHub for the advisories in fixtures/vulns.
  it.each([
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 9.8], // CVE-2021-44906 minimist
    ['CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:U/C:H/I:H/A:H', 7.2], // CVE-2021-23337 lodash
    ['CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:N/I:H/A:H', 7.4], // CVE-2020-8203 lodash
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:L', 5.3], // CVE-2020-28500 lodash
    ['CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:L/I:L/A:L', 5.6], // CVE-2020-7598 minimist
    ['CVSS:3.1/AV:N/AC:H/PR:L/UI:R/S:U/C:N/I:N/A:L', 2.6], // CVE-2020-15168 node-fetch
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:H', 8.8], // CVE-2022-0235 node-fetch
    ['CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:C/C:H/I:N/A:N', 6.1], // CVE-2023-32681 requests
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H', 10.0], // CVE-2021-44228 log4j
    ['CVSS:3.0/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N', 6.1], // the classic reflected XSS
    ['CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H', 7.8], // local privilege escalation
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N', 0]
  ])('%s → %d', (vector, score) => {
    expect(cvss3BaseScore(vector)).toBe(score)
  })

  it('rejects malformed vectors instead of guessing', () => {
    expect(cvss3BaseScore('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H')).toBeUndefined()
    expect(cvss3BaseScore('CVSS:3.1/AV:X/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H')).toBeUndefined()
    expect(cvss3BaseScore('CVSS:3.1/AV:N/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H')).toBeUndefined()
    expect(cvss3BaseScore('CVSS:2.0/AV:N')).toBeUndefined()
    expect(cvss3BaseScore('')).toBeUndefined()
  })
})

describe('CVSS v2 base score', () => {
  it.each([
    ['AV:N/AC:L/Au:N/C:P/I:P/A:P', 7.5],
    ['AV:N/AC:M/Au:N/C:N/I:P/A:N', 4.3],
    ['AV:N/AC:L/Au:N/C:C/I:C/A:C', 10.0],
    ['(AV:L/AC:L/Au:N/C:C/I:C/A:C)', 7.2]
  ])('%s → %d', (vector, score) => {
    expect(cvss2BaseScore(vector)).toBe(score)
  })
})

describe('severity', () => {
  it('maps scores to the qualitative scale (v2 has no critical)', () => {
    expect(severityForScore(9.0, '3.1')).toBe('critical')
    expect(severityForScore(8.9, '3.1')).toBe('high')
    expect(severityForScore(4.0, '3.1')).toBe('medium')
    expect(severityForScore(3.9, '3.1')).toBe('low')
    expect(severityForScore(0, '3.1')).toBe('info')
    expect(severityForScore(10, '2.0')).toBe('high')
  })

  it('reads GHSA, Ubuntu and Debian labels', () => {
    expect(severityForLabel('MODERATE')).toBe('medium')
    expect(severityForLabel('critical')).toBe('critical')
    expect(severityForLabel('negligible')).toBe('info')
    expect(severityForLabel('whatever')).toBeUndefined()
  })

  it('scores OSV severity entries by type', () => {
    expect(scoreSeverityEntry('CVSS_V3', 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H')).toEqual({
      version: '3.1',
      score: 9.8,
      vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H'
    })
    expect(scoreSeverityEntry('Ubuntu', 'high')).toBeUndefined()
  })
})
