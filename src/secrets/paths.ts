// scanSecretsInPaths: the repository scan. In a git work tree the default set
// is the tracked files (`git ls-files`); elsewhere a walk that skips `.git`.
import {
  closeSync,
  lstatSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  statSync
} from 'node:fs'
import { join, relative, resolve, sep } from 'node:path'
import { errorMessage } from '../model/errors.js'
import { git } from '../util/git.js'
import type { CheckResult } from '../model/check.js'
import { sortFindings, type Finding } from '../model/finding.js'
import { secretRules } from './meta.js'
import { isBinary, scanText, type ScanOutput, type SecretSuppressed } from './scan.js'
import {
  resolveSecretsSettings,
  type ResolvedSecretsSettings,
  type SecretsSettings
} from './settings.js'

export async function scanSecretsInPaths(
  paths: string[],
  settings: SecretsSettings,
  opts: { cwd: string }
): Promise<{ result: CheckResult; suppressed: SecretSuppressed[] }> {
  const resolved = resolveSecretsSettings(settings)
  const warnings: string[] = []
  const stats = {
    files: 0,
    bytes: 0,
    skippedLarge: 0,
    skippedBinary: 0,
    skippedPaths: 0,
    unreadable: 0
  }
  const findings: Finding[] = []
  const suppressed: SecretSuppressed[] = []
  const files = await listFiles(paths, opts.cwd, resolved, warnings, stats)
  for (const file of files) {
    const full = resolve(opts.cwd, file)
    let content: Buffer
    try {
      // lstat: a tracked symlink is not followed (it may point outside the tree).
      const info = lstatSync(full)
      if (!info.isFile()) continue
      if (info.size > resolved.maxFileSize) {
        stats.skippedLarge++
        continue
      }
      if (info.size > CHUNK_SIZE) {
        // Large files are streamed in line-aligned chunks: memory stays bounded by the chunk size.
        const out = scanLargeFile(file, full, resolved)
        if (out.binary) stats.skippedBinary++
        else {
          stats.files++
          stats.bytes += info.size
          findings.push(...out.findings)
          suppressed.push(...out.suppressed)
        }
        await new Promise(r => setImmediate(r))
        continue
      }
      content = readFileSync(full)
    } catch (error) {
      stats.unreadable++
      warnings.push(`${file}: cannot read it (${errorMessage(error)})`)
      continue
    }
    const out = scanText(file, content, resolved)
    if (out.binary) {
      stats.skippedBinary++
      continue
    }
    stats.files++
    stats.bytes += content.length
    findings.push(...out.findings)
    suppressed.push(...out.suppressed)
    // Let other work (timers, the action's log) run between large files.
    if (content.length > 1 << 20) await new Promise(r => setImmediate(r))
  }
  if (stats.skippedLarge > 0)
    warnings.push(
      `secrets: ${stats.skippedLarge} file(s) over checks.secrets.max-file-size (${resolved.maxFileSize} bytes) were not scanned`
    )
  return {
    result: {
      check: 'secrets',
      findings: sortFindings(findings),
      rules: secretRules,
      warnings,
      stats,
      suppressed
    },
    suppressed
  }
}

export const CHUNK_SIZE = 4 * 1024 * 1024
/** Kept from the previous chunk so multi-line material (a private key) that straddles a boundary is seen whole. */
const OVERLAP = 64 * 1024

/**
 * Scans a file chunk by chunk. Each chunk ends at a newline and starts with
 * the previous chunk's last OVERLAP bytes (from a line start); a finding seen
 * in both is reported once (same fingerprint and line).
 */
export function scanLargeFile(
  path: string,
  full: string,
  settings: ResolvedSecretsSettings,
  chunkSize = CHUNK_SIZE
): ScanOutput {
  const fd = openSync(full, 'r')
  const out: ScanOutput = { findings: [], suppressed: [], binary: false }
  const seen = new Set<string>()
  try {
    let carry = Buffer.alloc(0) // overlap + unfinished last line of the previous read
    let carryLines = 0 // newlines before `carry` starts
    let first = true
    const buffer = Buffer.alloc(chunkSize)
    for (;;) {
      const read = readSync(fd, buffer, 0, chunkSize, null)
      const eof = read === 0
      const data = Buffer.concat([carry, buffer.subarray(0, read)])
      if (first && isBinary(data)) return { ...out, binary: true }
      first = false
      // Scan up to the last newline (or everything at the end of the file).
      const cut = eof ? data.length : data.lastIndexOf(10) + 1
      if (cut > 0) {
        const part = scanText(path, data.subarray(0, cut), settings, { lineOffset: carryLines })
        for (const f of part.findings) {
          const key = `${f.fingerprint}:${f.location.line}`
          if (!seen.has(key)) out.findings.push(f)
          seen.add(key)
        }
        for (const s of part.suppressed) {
          const key = `s:${s.finding.fingerprint}:${s.finding.location.line}`
          if (!seen.has(key)) out.suppressed.push(s)
          seen.add(key)
        }
      }
      if (eof) break
      // Next chunk starts OVERLAP bytes before the cut, at a line start.
      let from = Math.max(0, cut - OVERLAP)
      if (from > 0) {
        const nl = data.indexOf(10, from - 1)
        from = nl < 0 || nl >= cut ? cut : nl + 1
      }
      carryLines += countNewlines(data, 0, from)
      carry = Buffer.from(data.subarray(from))
    }
  } finally {
    closeSync(fd)
  }
  return out
}

function countNewlines(data: Buffer, from: number, to: number): number {
  let n = 0
  for (let i = data.indexOf(10, from); i >= 0 && i < to; i = data.indexOf(10, i + 1)) n++
  return n
}

/** The files to scan, relative to cwd with forward slashes, sorted and unique. */
export async function listFiles(
  paths: readonly string[],
  cwd: string,
  settings: ResolvedSecretsSettings,
  warnings: string[],
  stats: { skippedPaths: number }
): Promise<string[]> {
  const out = new Set<string>()
  const gitRoot = await gitTopLevel(cwd)
  for (const given of paths) {
    const full = resolve(cwd, given)
    let isDir: boolean
    try {
      isDir = statSync(full).isDirectory()
    } catch {
      warnings.push(`secrets-path: cannot read "${given}"`)
      continue
    }
    const rel = toRel(cwd, full)
    if (!isDir) {
      out.add(rel)
      continue
    }
    const tracked = gitRoot && isInside(gitRoot, full) ? await gitLsFiles(cwd, rel) : undefined
    const listed = tracked && tracked.length > 0 ? tracked : walk(cwd, full, settings, stats)
    for (const file of listed) {
      if (settings.isSkipped(file)) stats.skippedPaths++
      else out.add(file)
    }
  }
  return [...out].sort()
}

function toRel(cwd: string, full: string): string {
  const rel = relative(cwd, full).split(sep).join('/')
  return rel === '' ? '.' : rel
}

function isInside(root: string, path: string): boolean {
  const rel = relative(root, path)
  return !rel.startsWith('..') && !rel.startsWith(sep)
}

async function gitTopLevel(cwd: string): Promise<string | undefined> {
  return (await git(cwd, ['rev-parse', '--show-toplevel']))?.trim() || undefined
}

/** Tracked files under `rel`, relative to cwd. */
async function gitLsFiles(cwd: string, rel: string): Promise<string[] | undefined> {
  const output = await git(cwd, ['ls-files', '-z', '--', rel === '.' ? '.' : rel], 1 << 30)
  return output?.split('\0').filter(Boolean)
}

function walk(
  cwd: string,
  dir: string,
  settings: ResolvedSecretsSettings,
  stats: { skippedPaths: number }
): string[] {
  const out: string[] = []
  const stack = [dir]
  while (stack.length > 0) {
    const current = stack.pop()!
    let entries
    try {
      entries = readdirSync(current, { withFileTypes: true })
    } catch {
      continue
    }
    for (const entry of entries) {
      const full = join(current, entry.name)
      if (entry.isDirectory()) {
        if (entry.name === '.git') continue
        // Prune skipped directories (node_modules…) instead of listing them.
        if (settings.isSkipped(`${toRel(cwd, full)}/x`)) {
          stats.skippedPaths++
          continue
        }
        stack.push(full)
      } else if (entry.isFile()) {
        out.push(toRel(cwd, full))
      }
      // Symbolic links are not followed: a link can point outside the tree or loop.
    }
  }
  return out
}
