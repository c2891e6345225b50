// The vulnerability check as the engine runs it: the image's packages against
// OSV, each finding moved to the Dockerfile line that brought the package when
// the run names exactly one Dockerfile (it built the image), then triaged: VEX
// statements suppress what their supplier says is not affected, KEV and EPSS say
// what is exploited (a KEV-listed vulnerability fails the gate whatever its
// severity unless fail-on-kev is false).
import { parseDockerfile } from '../dockerfile/index.js'
import type { ImageFileHook } from '../model/image.js'
import type { Check } from '../model/check.js'
import { errorMessage } from '../model/errors.js'
import type { Finding } from '../model/finding.js'
import type { DockerfileSource } from '../model/scan.js'
import { attributeFindingsToDockerfile } from './attribution.js'
import { matchVulnerabilities, vulnerabilityRules } from './index.js'
import { parseVulnerabilitySettings, type VulnerabilitySettings } from './settings.js'
import { triageFindings } from './triage.js'

export const vulnerabilitiesCheck: Check<VulnerabilitySettings, ImageFileHook, 'vulnerabilities'> =
  {
    id: 'vulnerabilities',
    rules: vulnerabilityRules,
    parseSettings: parseVulnerabilitySettings,
    needs: 'an image (the image input, --image)',
    enabled: options => options.image !== undefined,
    async run({ settings, options, image, dockerfiles, context }) {
      if (!image) throw new Error('the vulnerabilities check runs on a scanned image')
      context.log(`Matching ${image.packages.length} packages against vulnerability data`)
      const vulns = await matchVulnerabilities(image.packages, image.os, options.vulnDb, settings, {
        imageRef: options.image,
        ignoreUnfixed: options.ignoreUnfixed,
        cacheDir: options.osvCacheDir
      })
      const warnings = [...vulns.warnings]
      const attributed = attributeToOnlyDockerfile(vulns.findings, dockerfiles, warnings)
      const triaged = await triageFindings(attributed, {
        settings,
        inputs: options.vulnerabilityInputs,
        cwd: options.cwd,
        vulnDb: options.vulnDb,
        cacheDir: options.osvCacheDir,
        image: { reference: options.image, digest: image.digest },
        log: context.log
      })
      warnings.push(...triaged.warnings)
      return {
        check: 'vulnerabilities',
        findings: triaged.findings,
        suppressed: triaged.suppressed,
        rules: vulnerabilityRules,
        warnings,
        stats: { packages: image.packages.length, ...vulns.stats, ...triaged.stats }
      }
    }
  }

/**
 * With an image and exactly one Dockerfile, that Dockerfile built the image:
 * move each vulnerability to the FROM or RUN/COPY line that brought the
 * package, so the annotation lands where the fix is made.
 */
function attributeToOnlyDockerfile(
  findings: Finding[],
  dockerfiles: readonly DockerfileSource[],
  warnings: string[]
): Finding[] {
  if (findings.length === 0 || dockerfiles.length !== 1) return findings
  const { path, text } = dockerfiles[0]!
  try {
    return attributeFindingsToDockerfile(findings, { path, model: parseDockerfile(text) })
  } catch (error) {
    warnings.push(`${path}: vulnerabilities left on the image (${errorMessage(error)})`)
    return findings
  }
}
