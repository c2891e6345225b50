import { describe, expect, it } from '@jest/globals'
import { parseConfigFile } from '../../src/config/file.js'
import { InputError } from '../../src/model/errors.js'
import { DEFAULT_VULNERABILITY_SETTINGS } from '../../src/vulns/settings.js'

const parse = (yaml: string) => parseConfigFile(yaml, '.container-gate.yml').checks.vulnerabilities

describe('checks.vulnerabilities settings', () => {
  it('defaults: fail closed, 8 parallel fetches, 3 retries, 60 s timeout, KEV fails the gate', () => {
    expect(parse('')).toEqual(DEFAULT_VULNERABILITY_SETTINGS)
    expect(DEFAULT_VULNERABILITY_SETTINGS).toEqual({
      onDataError: 'fail',
      apiConcurrency: 8,
      apiRetries: 3,
      apiTimeoutSeconds: 60,
      showUnimportant: false,
      failOnKev: true,
      vex: []
    })
  })

  it('reads every key', () => {
    expect(
      parse(`checks:
  vulnerabilities:
    on-data-error: warn
    api-concurrency: 16
    api-retries: 0
    api-timeout-seconds: 10
    show-unimportant: true
    kev-file: data/kev.json
    kev-url: off
    epss-file: data/epss.csv.gz
    epss-url: https://mirror.example/epss_scores-current.csv.gz
    fail-on-kev: false
    fail-on-epss: 0.1
    vex: [security/app.openvex.json, security/base.cdx.json]
`)
    ).toEqual({
      onDataError: 'warn',
      apiConcurrency: 16,
      apiRetries: 0,
      apiTimeoutSeconds: 10,
      showUnimportant: true,
      kevFile: 'data/kev.json',
      kevUrl: 'off',
      epssFile: 'data/epss.csv.gz',
      epssUrl: 'https://mirror.example/epss_scores-current.csv.gz',
      failOnKev: false,
      failOnEpss: 0.1,
      vex: ['security/app.openvex.json', 'security/base.cdx.json']
    })
    expect(parse('checks:\n  vulnerabilities:\n    vex: one.openvex.json\n').vex).toEqual([
      'one.openvex.json'
    ])
  })

  it.each([
    [
      'checks:\n  vulnerabilities:\n    on-data-error: ignore\n',
      /:3: checks\.vulnerabilities\.on-data-error: "ignore" is not allowed; expected one of fail, warn/
    ],
    [
      'checks:\n  vulnerabilities:\n    api-concurrency: 0\n',
      /:3: checks\.vulnerabilities\.api-concurrency: expected a whole number from 1 to 64/
    ],
    [
      'checks:\n  vulnerabilities:\n    api-retries: 1.5\n',
      /api-retries: expected a whole number from 0 to 10/
    ],
    [
      'checks:\n  vulnerabilities:\n    fail-on-epss: 10\n',
      /:3: checks\.vulnerabilities\.fail-on-epss: expected an EPSS probability above 0 and at most 1/
    ],
    [
      'checks:\n  vulnerabilities:\n    kev-url: cisa.gov\n',
      /:3: checks\.vulnerabilities\.kev-url: expected an http\(s\) URL or off, got "cisa\.gov"/
    ],
    [
      'checks:\n  vulnerabilities:\n    fail-closed: true\n',
      /:3: checks\.vulnerabilities\.fail-closed: unknown key; expected one of on-data-error/
    ]
  ])('rejects %j with file:line:key', (yaml, message) => {
    expect(() => parse(yaml)).toThrow(InputError)
    expect(() => parse(yaml)).toThrow(message)
  })
})
