// Issue 15 item 7 on a real image: the multi-stage image scripts/build-test-images.sh builds
// with buildah (`COPY --from=build /out/gateapp …`), the Dockerfile it was built from (read out
// of the script, so the two never drift) and real golang/vulndb records for Go's stdlib. The
// fix advice must land on the build stage's RUN that wrote the binary, not on the COPY.
import { describe, expect, it } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ROOT, SOURCE_CLI_ENTRY } from '../helpers/runner.js'

const IMAGES = process.env.TEST_IMAGES_DIR ?? join(ROOT, '.cache', 'test-images')
const IMAGE = join(IMAGES, 'image-multistage.tar')
const present = existsSync(join(IMAGES, '.stamp')) && existsSync(IMAGE)
const suite = present ? describe : describe.skip

/** The Dockerfile between `cat >"$BH/ctx/Dockerfile" <<'DOCKERFILE'` and `DOCKERFILE`. */
function builtFrom(): string {
  const script = readFileSync(join(ROOT, 'scripts', 'build-test-images.sh'), 'utf8')
  const m = /cat >"\$BH\/ctx\/Dockerfile" <<'DOCKERFILE'\n([\s\S]*?)\nDOCKERFILE\n/.exec(script)
  if (!m) throw new Error('the multi-stage Dockerfile is no longer in build-test-images.sh')
  return `${m[1]}\n`
}

interface JsonFinding {
  check: string
  package?: string
  line?: number
  endLine?: number
  help?: string
  properties?: Record<string, unknown>
}

suite(
  `fix advice for a package COPY --from brought${present ? '' : ' (skipped: no test images)'}`,
  () => {
    it('points at the RUN of stage build that wrote the Go binary, naming the COPY', () => {
      const dir = mkdtempSync(join(tmpdir(), 'cg-multistage-'))
      const dockerfile = builtFrom()
      writeFileSync(join(dir, 'Dockerfile'), dockerfile)
      const lines = dockerfile.split('\n')
      // The script's Dockerfile as this test reads it: RUN on line 3, the COPY of the binary on 9.
      expect(lines[2]).toMatch(
        /^RUN mkdir -p \/out && cp \/usr\/local\/bin\/gateapp \/out\/gateapp/
      )
      expect(lines[8]).toBe('COPY --from=build /out/gateapp /usr/local/bin/gateapp')
      const r = spawnSync(
        process.execPath,
        [
          ...SOURCE_CLI_ENTRY,
          '--image',
          IMAGE,
          '--dockerfile',
          'Dockerfile',
          '--vuln-db',
          join(ROOT, 'fixtures', 'vulns', 'osv', 'go'),
          '--verify-signatures',
          'off',
          '--format',
          'json'
        ],
        { cwd: dir, encoding: 'utf8', timeout: 120000 }
      )
      expect(r.stderr).toBe('')
      const vulns = (JSON.parse(r.stdout).findings as JsonFinding[]).filter(
        f => f.check === 'vulnerabilities'
      )
      // go1.19.8 is affected by GO-2023-1987, GO-2024-2598 and GO-2024-2963.
      expect(vulns.map(f => f.package)).toEqual(['stdlib', 'stdlib', 'stdlib'])
      for (const f of vulns) {
        expect([f.line, f.endLine]).toEqual([3, 4])
        expect(f.help).toMatch(
          /^Upgrade stdlib to 1\.\d+\.\d+ or later: it is written to \/out\/gateapp by RUN mkdir -p \/out && cp \/usr\/local\/bin\/gateapp \/out\/gateapp… on line 3 of stage build, and copied into this image by COPY --from=build \/out\/gateapp \/usr\/local\/bin\/gateapp on line 9\.$/
        )
        expect(f.properties).toMatchObject({
          copiedFrom: 'build',
          copiedBy: 9,
          location: '/usr/local/bin/gateapp'
        })
      }
    })
  }
)
