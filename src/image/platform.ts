// Platform names (os/architecture[/variant]) and the choice between the images of a
// multi-platform index or a multi-image docker save.

export function runnerPlatform(): string {
  const arch: Record<string, string> = {
    x64: 'amd64',
    arm64: 'arm64',
    arm: 'arm',
    ia32: '386',
    ppc64: 'ppc64le',
    s390x: 's390x'
  }
  return `linux/${arch[process.arch] ?? process.arch}`
}

export function platformOf(
  p: { os?: string; architecture?: string; variant?: string } | undefined
): string {
  if (!p?.os || !p.architecture) return 'unknown'
  return [p.os, p.architecture, p.variant].filter(Boolean).join('/')
}

/** linux/arm64 matches linux/arm64/v8; linux/arm/v7 needs the variant when one is asked for. */
export function platformMatches(want: string, have: string): boolean {
  const [wo, wa, wv] = want.split('/')
  const [ho, ha, hv] = have.split('/')
  if (wo !== ho || wa !== ha) return false
  if (!wv) return true
  return wv === (hv ?? (ha === 'arm64' ? 'v8' : undefined))
}
