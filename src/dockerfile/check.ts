// The Dockerfile check as the engine runs it: every Dockerfile of the run,
// with the files next to them (.hadolint.yaml, .dockerignore), ShellCheck on
// their RUN scripts, and the image's real User and platform when the run
// built exactly that image.
import type { ImageFileHook } from '../model/image.js'
import type { Check } from '../model/check.js'
import type { SuppressedFinding } from '../model/ignore.js'
import { dockerfileRules, runDockerfileCheck } from './index.js'
import { parseDockerfileSettings } from './settings-parse.js'
import type { DockerfileSettings } from './settings.js'

export const dockerfileCheck: Check<DockerfileSettings, ImageFileHook, 'dockerfile'> = {
  id: 'dockerfile',
  rules: dockerfileRules,
  parseSettings: parseDockerfileSettings,
  needs: 'a Dockerfile (the dockerfile input, --dockerfile)',
  enabled: options => options.dockerfiles.length > 0,
  async run({ settings, options, dockerfiles, image, context }) {
    // The image's configured user and platform are the truth for runs-as-root and
    // InvalidBaseImagePlatform, but only for the Dockerfile that built it.
    const built = image !== undefined && dockerfiles.length === 1
    const outcome = await runDockerfileCheck({
      cwd: options.cwd,
      files: dockerfiles,
      settings,
      ...(options.fingerprintKey ? { fingerprintKey: options.fingerprintKey } : {}),
      ...(options.hadolintConfig !== undefined ? { hadolintConfig: options.hadolintConfig } : {}),
      ...(built ? { imageUser: image.config.user ?? '', imagePlatform: image.platform } : {})
    })
    const suppressed: SuppressedFinding[] = outcome.suppressed.map(s => ({
      ...s,
      source: 'inline' as const
    }))
    context.log(`Linted ${dockerfiles.length} Dockerfile(s)`)
    return {
      check: 'dockerfile',
      findings: outcome.findings,
      suppressed,
      rules: outcome.rules,
      warnings: outcome.warnings,
      stats: outcome.stats,
      ...(outcome.failOn ? { failOn: outcome.failOn } : {})
    }
  }
}
