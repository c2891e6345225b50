import {
  buildGateConfig,
  KEBAB,
  parseBoolean,
  type GateConfig,
  type RawOptions
} from './gate-config.js'

/** The action's typed configuration: the engine's, plus what only the action does. */
export interface ActionConfig extends GateConfig {
  githubToken?: string
  prComment: boolean
}

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
    ignoreUnfixed: input('ignoreUnfixed'),
    config: input('config'),
    sarifFile: input('sarifFile'),
    sbomFile: input('sbomFile')
  }
  const name = (key: keyof RawOptions) => `input '${KEBAB[key]}'`
  const config = buildGateConfig(raw, workspace, name)
  const token = getInput('github-token').trim()
  return {
    ...config,
    githubToken: token || undefined,
    prComment: parseBoolean(getInput('pr-comment'), "input 'pr-comment'")
  }
}
