// Shared helpers for the Dockerfile tests: lint inline text (lines joined with \n).
import type { Finding } from '../../src/model/finding.js'
import {
  lintDockerfile,
  type DockerfileContext,
  type DockerfileSettings
} from '../../src/dockerfile/index.js'

export function lint(
  lines: string | string[],
  context: DockerfileContext = {},
  settings: DockerfileSettings = {}
): Finding[] {
  const text = Array.isArray(lines) ? lines.join('\n') + '\n' : lines
  return lintDockerfile('Dockerfile', text, settings, context).findings
}

/** Findings of one rule. */
export function hits(
  ruleId: string,
  lines: string | string[],
  context: DockerfileContext = {}
): Finding[] {
  return lint(lines, context).filter(f => f.ruleId === ruleId)
}

/** The 1-based lines a rule fires on. */
export function linesOf(
  ruleId: string,
  lines: string | string[],
  context: DockerfileContext = {}
): number[] {
  return hits(ruleId, lines, context).map(f => f.location.line as number)
}

export const DIGEST = 'sha256:' + 'a'.repeat(64)
