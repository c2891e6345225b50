import { resolve } from 'node:path'
import type { PullRequestSettings } from '../pr/settings.js'
import { InputError } from '../model/errors.js'
import { parseFilterMode, parseGateOn, readBaselineFile } from '../pr/index.js'
import { parsePolicySource, type PolicySource } from './policy.js'
import {
  buildGateConfig,
  KEBAB,
  parseBoolean,
  parseSarifCategory,
  type GateConfig,
  type RawOptions
} from './gate-config.js'

/** The action's typed configuration: the engine's, plus what only the action does. */
export interface ActionConfig extends GateConfig {
  githubToken?: string
  /** `secrets-history: auto` (the default): on pull requests, scan the commits the PR adds. */
  secretsHistoryAuto: boolean
  /** SARIF automationDetails prefix (default container-gate): one per matrix leg. */
  sarifCategory?: string
  /** Pull-request behaviour: diff filter, gate on new findings, comment, check-run annotations. */
  pr: PullRequestSettings
  /** On pull requests: the policy from the base commit (default) or the head. */
  policyFrom?: PolicySource
  /** The baseline input, resolved (the base commit's version is read on pull requests). */
  baselineFile?: { path: string; shownAs: string }
  /** The fingerprint-key input as given ('' when unset); main.ts resolves the key from it. */
  fingerprintKeyInput: string
}

const ANNOTATION_MODES = ['commands', 'check-run'] as const

/**
 * Read every input once. `getInput` returns the input's value ('' when not
 * set); the runner fills in the defaults from action.yml before we run.
 */
export function parseActionInputs(
  getInput: (name: string) => string,
  workspace: string
): ActionConfig {
  const input = (key: keyof RawOptions) => getInput(KEBAB[key])
  const raw: RawOptions = {
    dockerfile: [input('dockerfile')],
    image: input('image'),
    platform: input('platform'),
    secretsPath: [input('secretsPath')],
    vulnDb: input('vulnDb'),
    osvApiUrl: input('osvApiUrl'),
    failOn: input('failOn'),
    dockerfileFailOn: input('dockerfileFailOn'),
    secretsFailOn: input('secretsFailOn'),
    vulnerabilitiesFailOn: input('vulnerabilitiesFailOn'),
    signaturesFailOn: input('signaturesFailOn'),
    ignoreUnfixed: input('ignoreUnfixed'),
    config: input('config'),
    sarifFile: input('sarifFile'),
    sbomFile: input('sbomFile'),
    registryUsername: input('registryUsername'),
    registryPassword: input('registryPassword'),
    osvCacheDir: input('osvCacheDir'),
    secretsHistory: input('secretsHistory'),
    verifySignatures: input('verifySignatures'),
    kevFile: input('kevFile'),
    epssFile: input('epssFile'),
    failOnKev: input('failOnKev'),
    failOnEpss: input('failOnEpss'),
    vex: [input('vex')]
  }
  const name = (key: keyof RawOptions) => `input '${KEBAB[key]}'`
  const config = buildGateConfig(raw, workspace, name)
  const token = getInput('github-token').trim()
  const prComment = parseBoolean(getInput('pr-comment'), "input 'pr-comment'")
  const filterMode = getInput('filter-mode').trim()
  const annotations = getInput('annotations').trim().toLowerCase() || 'commands'
  if (!(ANNOTATION_MODES as readonly string[]).includes(annotations)) {
    throw new InputError(
      `input 'annotations' has value "${annotations}"; allowed: ${ANNOTATION_MODES.join(', ')}`
    )
  }
  // Read here so that a bad baseline fails the step before the scan, with one line.
  const baseline = getInput('baseline').trim()
  const pr: PullRequestSettings = {
    filterMode: filterMode ? parseFilterMode(filterMode) : undefined,
    gateOn: parseGateOn(getInput('gate-on')),
    baseline: baseline
      ? readBaselineFile(resolve(workspace, baseline), baseline, workspace)
      : undefined,
    baselineName: baseline || undefined,
    prComment,
    annotations: annotations as PullRequestSettings['annotations'],
    commentKey: getInput('comment-key').trim() || undefined,
    githubToken: token || undefined,
    configFile: config.configFile
  }
  const sarifCategory = parseSarifCategory(getInput('sarif-category'), "input 'sarif-category'")
  const history = getInput('secrets-history').trim().toLowerCase()
  return {
    ...config,
    policyFrom: parsePolicySource(getInput('policy-from'), "input 'policy-from'"),
    baselineFile: baseline ? { path: resolve(workspace, baseline), shownAs: baseline } : undefined,
    githubToken: token || undefined,
    pr,
    sarifCategory,
    secretsHistoryAuto: history === '' || history === 'auto',
    fingerprintKeyInput: getInput('fingerprint-key').trim()
  }
}
