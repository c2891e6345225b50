// Every reporter shows text that came from scanned files, package databases
// and images. These helpers make that text safe for the place it goes:
// the runner's stdout (workflow commands) and a terminal (escape sequences),
// and they make sure no raw secret value can ride along in a property bag.

import type { Finding, PropertyValue } from '../model/finding.js'
import { neutralizeWorkflowCommands } from '../util/workflow-commands.js'

// Line breaks the runner or a terminal may honour besides \n and \r.
const OTHER_LINE_BREAKS = /[\u000b\u000c\u0085\u2028\u2029]/g
// C0/C1 controls (ESC starts terminal sequences, NUL truncates), DEL, and the
// bidirectional overrides that can make a line read differently than it is
// ("trojan source"). Tab becomes a space.
const CONTROLS = /[\u0000-\u0008\u000e-\u001f\u007f-\u0084\u0086-\u009f\u202a-\u202e\u2066-\u2069]/g

/** Remove controls and turn every kind of line break into `\n`. */
export function stripControls(text: string): string {
  return text.replace(/\t/g, ' ').replace(OTHER_LINE_BREAKS, '\n').replace(CONTROLS, '')
}

/**
 * One line of text, inert for the runner and the terminal: controls removed,
 * line breaks flattened, `::` and `##[` broken (see neutralizeWorkflowCommands).
 */
export function safeLine(text: string): string {
  // Most text needs nothing: one scan instead of seven replaces.
  if (!NEEDS_WORK.test(text)) return text
  // neutralizeWorkflowCommands leaves `::` inside a run of three colons; break every pair.
  return neutralizeWorkflowCommands(stripControls(text)).replace(/:(?=:)/g, ':\u200b')
}

// Anything safeLine would change: controls, line breaks, `::`, `##[`.
const NEEDS_WORK = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]|::|##\[/

/**
 * Property keys that would carry a secret's raw value. The checks only ever
 * set `redacted` (redactSecret); if a check ever slipped a raw value in under
 * one of these names, no report repeats it.
 */
const RAW_VALUE_KEYS =
  /^(secret|secrets|raw|rawvalue|raw_value|value|match|matched|matchedtext|plaintext|password|passwd|token|credential|credentials|privatekey|private_key|apikey|api_key)$/i

/** A finding's properties without any key that could hold a raw secret value. */
export function safeProperties(finding: Finding): Record<string, PropertyValue> | undefined {
  if (!finding.properties) return undefined
  const kept = Object.entries(finding.properties).filter(([key]) => !RAW_VALUE_KEYS.test(key))
  return kept.length > 0 ? Object.fromEntries(kept) : undefined
}

// Markdown and HTML contexts (the summary, the PR comment, SARIF help): see markdown.ts.
