// The one secrets vocabulary: what a credential NAME is, what a credential
// VALUE is, which documented examples are harmless, and the prefilter
// keywords derived from the names. Every place that judges a secret asks it:
// the generic detector, the Kubernetes Secret reader, URL passwords, the image
// Env/history scan, the history scan (through the same detectors) and the
// Dockerfile rules secret-in-env/secret-in-arg (src/dockerfile/secret-names.ts).
import { classifyName, CREDENTIAL_WORDS, KEY_QUALIFIERS, type NameVerdict } from './names.js'
import { classifyValue, type ValueClass, type ValueContext } from './values.js'

export { classifyName, nameWords, NameCache, type NameVerdict } from './names.js'
export {
  classifyValue,
  equalsName,
  type ValueClass,
  type ValueContext,
  type ValueVerdict
} from './values.js'
export { isTemplate, isOnlyVariables } from './templates.js'
export { isKnownExample } from './examples.js'

/**
 * Lower-case literals that any credential name contains: the keyword prefilter
 * of the generic detector. Derived from the name vocabulary, so a word the
 * classifier accepts can never be missed by the prefilter: every credential
 * word ends in one of these, and `key` covers every `<qualifier>_KEY`.
 */
export const CREDENTIAL_KEYWORDS: readonly string[] = deriveKeywords()

function deriveKeywords(): string[] {
  const stems = [
    'pass',
    'pw',
    'psw',
    'secre',
    'token',
    'key',
    'cred',
    'auth',
    'pat',
    'senha',
    'contras',
    'kennw',
    'wacht',
    'haslo',
    'losen',
    'motdepasse'
  ]
  for (const word of CREDENTIAL_WORDS) {
    if (!stems.some(stem => word.includes(stem))) throw new Error(`no prefilter stem for ${word}`)
  }
  void KEY_QUALIFIERS
  return stems
}

/** The verdict on `name = value`: the name must say credential, then the value decides. */
export function credentialVerdict(
  name: string,
  value: string,
  context: Omit<ValueContext, 'name'> = {}
): { name: NameVerdict; value: ValueClass | undefined } {
  const nameVerdict = classifyName(name)
  if (!nameVerdict.credential) return { name: nameVerdict, value: undefined }
  return { name: nameVerdict, value: classifyValue(value, { ...context, name }) }
}
