/**
 * The runner reads a stdout line as a workflow command when it starts with
 * `::` (v2) or contains `##[` (v1). Text that comes from scanned files
 * (Dockerfile lines, package names, file paths inside images) must never be
 * able to do that, so before it reaches stdout we break those sequences with
 * a zero-width space: it reads the same to a person and means nothing to
 * the runner. Line breaks are flattened so one value stays one line.
 */
const ZWSP = '\u200b'

export function neutralizeWorkflowCommands(text: string): string {
  return text
    .replace(/\r\n|\r|\n/g, ' ⏎ ')
    .replace(/:(?=:)/g, `:${ZWSP}`) // every pair, so ':::' cannot leave one behind
    .replace(/##\[/g, `#${ZWSP}#[`)
}

/** Same, for multi-line text printed as a block (keeps the line breaks). */
export function neutralizeWorkflowCommandsBlock(text: string): string {
  return text
    .split(/\r\n|\r|\n/)
    .map(line => line.replace(/:(?=:)/g, `:${ZWSP}`).replace(/##\[/g, `#${ZWSP}#[`))
    .join('\n')
}
