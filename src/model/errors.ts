/**
 * Bad input from the user: a wrong input value, a broken config file, an
 * unreadable image. The action fails with this one line; the CLI prints it
 * and exits 2. The message says what and where; never a stack trace.
 */
export class InputError extends Error {
  override name = 'InputError'
}

/** The message of any thrown value, on one line. */
export function errorMessage(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error)
  return text.replace(/\s*[\r\n]+\s*/g, ' ').trim()
}
