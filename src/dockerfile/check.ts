// The Dockerfile check as the engine runs it: every Dockerfile of the run,
// linted with the image's real User when the run built exactly that image.
import type { ImageFileHook } from '../model/image.js'
import type { Check } from '../model/check.js'
import type { Finding } from '../model/finding.js'
import type { SuppressedFinding } from '../model/ignore.js'
import { dockerfileRules, lintDockerfile } from './index.js'
import { parseDockerfileSettings, type DockerfileSettings } from './settings.js'

export const dockerfileCheck: Check<DockerfileSettings, ImageFileHook, 'dockerfile'> = {
  id: 'dockerfile',
  rules: dockerfileRules,
  parseSettings: parseDockerfileSettings,
  enabled: options => options.dockerfiles.length > 0,
  async run({ settings, dockerfiles, image, context }) {
    const findings: Finding[] = []
    const suppressed: SuppressedFinding[] = []
    const warnings: string[] = []
    // The image's configured user is the truth for runs-as-root, but only for
    // the Dockerfile that built it: with several Dockerfiles we cannot tell which.
    const imageUser = image && dockerfiles.length === 1 ? (image.config.user ?? '') : undefined
    for (const { path, text } of dockerfiles) {
      const linted = lintDockerfile(path, text, settings, { imageUser })
      findings.push(...linted.findings)
      warnings.push(...linted.warnings)
      suppressed.push(...linted.suppressed.map(s => ({ ...s, source: 'inline' as const })))
    }
    context.log(`Linted ${dockerfiles.length} Dockerfile(s)`)
    return {
      check: 'dockerfile',
      findings,
      suppressed,
      rules: dockerfileRules,
      warnings,
      stats: { files: dockerfiles.length }
    }
  }
}
