// Test helpers: write tars (ustar + PAX for long names) and OCI layouts / docker archives in
// memory, byte-exact per the formats, so synthetic cases (whiteouts, platforms, bombs) are small.
import { createHash } from 'node:crypto'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'

export interface TarInput {
  name: string
  type?: 'file' | 'dir' | 'symlink' | 'hardlink'
  content?: string | Buffer
  link?: string
  mode?: number
  /** Extra PAX records written in an `x` header before the entry (hostile cases: a bad size). */
  pax?: Record<string, string>
  /** The size written in the header, when it should lie about the content that follows. */
  headerSize?: number
}

/** PAX records: "<length> <key>=<value>\n", the length counting itself. */
export function paxRecords(records: [string, string][]): Buffer {
  return Buffer.from(
    records
      .map(([key, value]) => {
        const r = `${key}=${value}`
        let length = Buffer.byteLength(r) + 3
        while (String(length).length + 2 + Buffer.byteLength(r) !== length)
          length = String(length).length + 2 + Buffer.byteLength(r)
        return `${length} ${r}\n`
      })
      .join('')
  )
}

function octal(value: number, length: number): string {
  return value.toString(8).padStart(length - 1, '0') + '\0'
}

function header(name: string, flag: string, size: number, mode: number, link: string): Buffer {
  const block = Buffer.alloc(512)
  block.write(name.slice(0, 100), 0, 'utf8')
  block.write(octal(mode, 8), 100)
  block.write(octal(0, 8), 108)
  block.write(octal(0, 8), 116)
  block.write(octal(size, 12), 124)
  block.write(octal(0, 12), 136)
  block.write('        ', 148)
  block.write(flag, 156)
  block.write(link.slice(0, 100), 157, 'utf8')
  block.write('ustar\0', 257, 'latin1')
  block.write('00', 263, 'latin1')
  let sum = 0
  for (const b of block) sum += b
  block.write(octal(sum, 7) + ' ', 148)
  return block
}

function pad(data: Buffer): Buffer[] {
  const rest = (512 - (data.length % 512)) % 512
  return rest ? [data, Buffer.alloc(rest)] : [data]
}

/** One raw tar header block (ustar, valid checksum), for writing hostile archives by hand. */
export function tarHeader(
  name: string,
  flag: string,
  size: number,
  mode = 0o644,
  link = ''
): Buffer {
  return header(name, flag, size, mode, link)
}

export function makeTar(entries: TarInput[], { end = true } = {}): Buffer {
  const parts: Buffer[] = []
  for (const e of entries) {
    const type = e.type ?? (e.name.endsWith('/') ? 'dir' : 'file')
    const content = Buffer.from(e.content ?? '')
    const flag = { file: '0', dir: '5', symlink: '2', hardlink: '1' }[type]
    const records: [string, string][] = Object.entries(e.pax ?? {})
    if (Buffer.byteLength(e.name) > 100 || Buffer.byteLength(e.link ?? '') > 100) {
      records.unshift(
        ['path', e.name],
        ...(e.link ? [['linkpath', e.link] as [string, string]] : [])
      )
    }
    if (records.length > 0) {
      const pax = paxRecords(records)
      parts.push(header('PaxHeader', 'x', pax.length, 0o644, ''), ...pad(pax))
    }
    const size = type === 'file' ? content.length : 0
    parts.push(
      header(
        e.name,
        flag,
        e.headerSize ?? size,
        e.mode ?? (type === 'dir' ? 0o755 : 0o644),
        e.link ?? ''
      )
    )
    if (size) parts.push(...pad(content))
  }
  if (end) parts.push(Buffer.alloc(1024))
  return Buffer.concat(parts)
}

export function sha256(data: Buffer | string): string {
  return `sha256:${createHash('sha256').update(data).digest('hex')}`
}

export interface ImageSpec {
  layers: Buffer[] // uncompressed layer tars
  /** gzip by default; a function writes each layer blob itself (zstd, a crafted bomb). */
  compress?: 'gzip' | 'none' | ((tar: Buffer) => Buffer)
  history?: { created_by: string; empty_layer?: boolean }[]
  platform?: { os: string; architecture: string; variant?: string }
  user?: string
}

function imageBlobs(spec: ImageSpec): {
  config: Buffer
  manifest: Buffer
  layers: { blob: Buffer; digest: string }[]
} {
  const layers = spec.layers.map(tar => {
    const blob =
      typeof spec.compress === 'function'
        ? spec.compress(tar)
        : spec.compress === 'none'
          ? tar
          : gzipSync(tar)
    return { blob, digest: sha256(blob) }
  })
  const platform = spec.platform ?? { os: 'linux', architecture: 'amd64' }
  const config = Buffer.from(
    JSON.stringify({
      ...platform,
      config: { User: spec.user, Env: ['PATH=/usr/bin'] },
      rootfs: { type: 'layers', diff_ids: spec.layers.map(t => sha256(t)) },
      history: spec.history ?? spec.layers.map((_, i) => ({ created_by: `layer ${i}` }))
    })
  )
  const manifest = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      config: {
        mediaType: 'application/vnd.oci.image.config.v1+json',
        digest: sha256(config),
        size: config.length
      },
      layers: layers.map(l => ({
        mediaType:
          spec.compress === 'none'
            ? 'application/vnd.oci.image.layer.v1.tar'
            : 'application/vnd.oci.image.layer.v1.tar+gzip',
        digest: l.digest,
        size: l.blob.length
      }))
    })
  )
  return { config, manifest, layers }
}

/** An OCI layout dir; several specs make a multi-platform index. */
export function writeOciLayout(dir: string, specs: ImageSpec[]): void {
  const blobs = join(dir, 'blobs', 'sha256')
  mkdirSync(blobs, { recursive: true })
  const put = (data: Buffer): string => {
    const digest = sha256(data)
    writeFileSync(join(blobs, digest.slice(7)), data)
    return digest
  }
  const manifests = specs.map(spec => {
    const { config, manifest, layers } = imageBlobs(spec)
    put(config)
    for (const l of layers) put(l.blob)
    const digest = put(manifest)
    return {
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      digest,
      size: manifest.length,
      platform: spec.platform ?? { os: 'linux', architecture: 'amd64' }
    }
  })
  let top = manifests
  if (specs.length > 1) {
    const index = Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: 'application/vnd.oci.image.index.v1+json',
        manifests
      })
    )
    const digest = put(index)
    top = [
      {
        mediaType: 'application/vnd.oci.image.index.v1+json',
        digest,
        size: index.length
      } as (typeof manifests)[number]
    ]
  }
  writeFileSync(join(dir, 'oci-layout'), '{"imageLayoutVersion":"1.0.0"}')
  writeFileSync(
    join(dir, 'index.json'),
    JSON.stringify({
      schemaVersion: 2,
      manifests: top.map(m => ({
        ...m,
        annotations: { 'org.opencontainers.image.ref.name': 'latest' }
      }))
    })
  )
}

/** A classic `docker save` archive (layers uncompressed, `<id>/layer.tar`), or Docker 25+'s blobs/sha256 variant. */
export function makeDockerArchive(spec: ImageSpec, variant: 'classic' | 'oci' = 'classic'): Buffer {
  const { config, manifest, layers } = imageBlobs({
    ...spec,
    compress: variant === 'classic' ? 'none' : spec.compress
  })
  const entries: TarInput[] = []
  const configName =
    variant === 'classic'
      ? `${sha256(config).slice(7)}.json`
      : `blobs/sha256/${sha256(config).slice(7)}`
  entries.push({ name: configName, content: config })
  const layerNames = layers.map((l, i) =>
    variant === 'classic' ? `layer${i}/layer.tar` : `blobs/sha256/${l.digest.slice(7)}`
  )
  layers.forEach((l, i) => entries.push({ name: layerNames[i], content: l.blob }))
  if (variant === 'oci') {
    entries.push({ name: `blobs/sha256/${sha256(manifest).slice(7)}`, content: manifest })
    entries.push({
      name: 'index.json',
      content: JSON.stringify({
        schemaVersion: 2,
        manifests: [
          {
            mediaType: 'application/vnd.oci.image.manifest.v1+json',
            digest: sha256(manifest),
            size: manifest.length
          }
        ]
      })
    })
    entries.push({ name: 'oci-layout', content: '{"imageLayoutVersion":"1.0.0"}' })
  }
  entries.push({
    name: 'manifest.json',
    content: JSON.stringify([{ Config: configName, RepoTags: ['demo/app:1'], Layers: layerNames }])
  })
  return makeTar(entries)
}

/**
 * gzip of `head`, then `zeros` zero bytes, then `tail`, made without ever holding the zeros:
 * gzip members may follow one another, so one compressed MiB of zeros (about 1 KiB) is repeated.
 * A bomb of several GiB costs a few MiB.
 */
export function gzipBomb(head: Buffer, zeros: number, tail: Buffer = Buffer.alloc(0)): Buffer {
  const MIB = 1024 * 1024
  const parts = [gzipSync(head)]
  const mib = gzipSync(Buffer.alloc(MIB))
  for (let left = zeros; left > 0; left -= MIB)
    parts.push(left >= MIB ? mib : gzipSync(Buffer.alloc(left)))
  parts.push(gzipSync(tail))
  return Buffer.concat(parts)
}

/** A tar entry header for a regular file of `size` bytes whose content the caller writes. */
export function bigFileHeader(name: string, size: number): Buffer {
  return header(name, '0', size, 0o644, '')
}
