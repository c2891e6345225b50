// "name = value" in every syntax a repository holds, found from a keyword hit
// inside the name: assignments and declarations (Python, JS/TS, Go `:=` and
// `var x string =`, Java/Kotlin/C#/Swift with types, Ruby `=>` and symbols,
// PHP `=>`/`.=`/`define()`, Make `:=`/`?=`/`::=`), comparisons both ways
// (`if (password == "…")`, `if ("…" === secret)`), setter and constructor
// calls (`setPassword("…")`, `std::string secret("…")`,
// `System.setProperty("X_TOKEN", "…")`), shell/env/ini/.properties/.conf
// (unquoted, `export`, `--flag value`, a `name "value"` directive), YAML,
// JSON (also inside an escaped JSON string), TOML, HCL, XML attributes and
// elements (also across lines), Dockerfile `ENV` both forms, connection
// strings (`Password=…;`). Only what is on the line (or, for an XML element,
// the few lines up to its end tag) is read, with bounded loops: the cost of a
// hit is O(1) in the file size.

export interface Assignment {
  /** The name as written, without quotes or sigils (`$`, `@`, `:`). */
  name: string
  nameStart: number
  nameEnd: number
  /** The value as written (inside its quotes, if quoted). */
  value: string
  /** Offsets of the value in the text. */
  start: number
  end: number
  quoted: boolean
  /** The quote character of a quoted value. */
  quote?: string
}

const MAX_NAME = 64
const MAX_VALUE = 1024

/** [A-Za-z0-9_.-] */
function isNameChar(c: number): boolean {
  return (
    (c >= 97 && c <= 122) ||
    (c >= 65 && c <= 90) ||
    (c >= 48 && c <= 57) ||
    c === 95 ||
    c === 46 ||
    c === 45 ||
    c >= 0x80 // a byte of a UTF-8 letter (contraseña, 密码)
  )
}

const SPACE = /[ \t]/

/** Skips spaces and tabs from `i` (not past `end`). */
function skipSpaces(text: string, i: number, end: number): number {
  while (i < end && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i++
  return i
}

/** A name found around a keyword hit. */
export interface NameSpan {
  name: string
  start: number
  end: number
}

/**
 * The identifier that contains the keyword hit at [hitStart, hitEnd): letters,
 * digits, `_`, `-` and `.` (a key path: `spring.datasource.password`,
 * `sonar.login`), within the line.
 */
export function nameAround(
  text: string,
  hitStart: number,
  hitEnd: number,
  lineStart: number,
  lineEnd: number
): NameSpan | undefined {
  let nameStart = hitStart
  const minStart = Math.max(lineStart, hitStart - MAX_NAME)
  while (nameStart > minStart && isNameChar(text.charCodeAt(nameStart - 1))) nameStart--
  let nameEnd = hitEnd
  const maxEnd = Math.min(lineEnd, hitEnd + MAX_NAME)
  while (nameEnd < maxEnd && isNameChar(text.charCodeAt(nameEnd))) nameEnd++
  // A run of identifier characters longer than any name (a blob, a minified line) is not a name.
  if (nameStart === hitStart - MAX_NAME && isNameChar(text.charCodeAt(nameStart - 1)))
    return undefined
  if (nameEnd === hitEnd + MAX_NAME && isNameChar(text.charCodeAt(nameEnd))) return undefined
  // Not starting or ending in `.` or `-` (46, 45).
  while (
    nameStart < nameEnd &&
    (text.charCodeAt(nameStart) === 46 || text.charCodeAt(nameStart) === 45)
  )
    nameStart++
  while (
    nameEnd > nameStart &&
    (text.charCodeAt(nameEnd - 1) === 46 || text.charCodeAt(nameEnd - 1) === 45)
  )
    nameEnd--
  if (nameStart >= nameEnd) return undefined
  return { name: text.slice(nameStart, nameEnd), start: nameStart, end: nameEnd }
}

/**
 * The assignment to the name at `span` (found with nameAround), or undefined.
 * `lineStart`/`lineEnd` bound the search to the line (an XML element may
 * continue on the next lines, up to `text.length`).
 */
export function assignmentAt(
  text: string,
  span: NameSpan,
  lineStart: number,
  lineEnd: number
): Assignment | undefined {
  const { name, start: nameStart, end: nameEnd } = span
  const before = nameStart > lineStart ? text[nameStart - 1]! : ''
  // The last segment of a path (`/etc/secret: permission denied`, `C:\\keys\\token`) names a
  // file, not a variable: what follows is a message or a location, never its value.
  if (before === '/' || before === '\\') return undefined
  const quoteBefore = before === '"' || before === "'" || before === '`' ? before : ''

  // XML element: <password>value</password>, also with the value on the next lines.
  if (
    before === '<' ||
    (before === ':' && /<[\w-]+:$/.test(text.slice(Math.max(lineStart, nameStart - 32), nameStart)))
  ) {
    return xmlElement(text, name, nameStart, nameEnd, lineEnd)
  }
  let i = nameEnd
  // The closing quote and index of the name: "password", ['password'], secrete[], char secrete[25].
  if (quoteBefore && text[i] === quoteBefore) i++
  if (text[i] === ']') i++
  else if (text[i] === '[') {
    const close = text.indexOf(']', i)
    if (close < 0 || close - i > 8 || close > lineEnd) return undefined
    i = close + 1
  }
  i = skipSpaces(text, i, lineEnd)

  // An attribute pair: key="Password" value="…" (NuGet, .config), name="token">value</…>.
  if (quoteBefore === '"' || quoteBefore === "'") {
    const attr = /^[ \t]{1,8}value[ \t]{0,3}=[ \t]{0,3}(["'])([^"'<>\n]{1,512})\1/.exec(
      text.slice(nameEnd + 1, Math.min(lineEnd, nameEnd + 600))
    )
    if (attr) {
      const start = nameEnd + 1 + attr.index + attr[0].length - 1 - attr[2]!.length
      return {
        name,
        nameStart,
        nameEnd,
        value: attr[2]!,
        start,
        end: start + attr[2]!.length,
        quoted: true
      }
    }
    if (
      text[nameEnd + 1] === '>' &&
      /<\w[^<>]*=[ \t]*$/.test(text.slice(lineStart, nameStart - 1))
    ) {
      return xmlElement(text, name, nameStart, nameEnd + 1, lineEnd)
    }
  }

  // A quoted name followed by a comma inside a call: setProperty("X_TOKEN", "…"), define('DB_PASSWORD', '…').
  if (quoteBefore && text[i] === ',') {
    if (!isCallArgument(text, lineStart, nameStart - 1)) return undefined
    return quotedAfter(text, name, nameStart, nameEnd, i + 1, lineEnd)
  }

  // A type annotation between the name and `=`: `token: String = "…"`, `var token string = "…"`.
  const typed =
    /^(?::[ \t]*[A-Za-z_][\w.<>?[\]]*[ \t]*|[ \t]*[A-Za-z_][\w.[\]*]*[ \t]*)(?==[^=>~])/.exec(
      text.slice(i, Math.min(lineEnd, i + 48))
    )
  if (typed && (text[i] === ':' || SPACE.test(text[nameEnd] ?? ''))) i += typed[0].length

  const operator = /^(?:===?|!==?|:{1,3}=|\?\?=|\?=|\|\|=|\+=|\.=|=>|=(?![=~])|:(?!:)|\()/.exec(
    text.slice(i, i + 4)
  )
  if (!operator) {
    return spaceSeparated(text, name, nameStart, nameEnd, i, lineStart, lineEnd)
  }
  const op = operator[0]
  if (op === '(') {
    // Only setters, builders and declarations: setPassword("…"), withToken("…"), std::string secret("…").
    const bare = name.slice(name.lastIndexOf('.') + 1)
    const head = /([A-Za-z_][\w:<>]*)[ \t]+$/.exec(text.slice(lineStart, nameStart))
    // A type before the name (std::string secret("…")), not a keyword (return secret(…), if token(…)).
    const declared =
      head !== null &&
      !/^(?:return|if|elif|while|for|and|or|not|in|is|await|yield|throw|new|else|case|print|echo|puts|def|function|fn|func|async|typeof)$/.test(
        head[1]!
      )
    if (!/^(?:set|with|use)[A-Z_]/.test(bare) && !declared) return undefined
    return quotedAfter(text, name, nameStart, nameEnd, i + 1, lineEnd)
  }
  if (op === ':' && /^[A-Za-z]:\\/.test(text.slice(nameEnd - 1, nameEnd + 2))) return undefined
  return valueAfter(text, name, nameStart, nameEnd, i + op.length, lineEnd)
}

/**
 * A comparison written value first: `if ("…" == password)`, `"…" !== secret`.
 * `nameStart` is where the name begins.
 */
export function comparedBefore(
  text: string,
  name: string,
  nameStart: number,
  nameEnd: number,
  lineStart: number
): Assignment | undefined {
  // Cheap test first: the name must follow a comparison operator.
  let i = nameStart - 1
  while (i > lineStart && (text[i] === ' ' || text[i] === '\t' || text[i] === '(')) i--
  if (text[i] !== '=' || (text[i - 1] !== '=' && text[i - 1] !== '!')) return undefined
  const from = Math.max(lineStart, nameStart - 600)
  const head = text.slice(from, nameStart)
  const m = /(["'`])((?:(?!\1)[^\\\n]|\\.){1,512})\1[ \t]*[!=]==?[ \t]*$/.exec(head)
  if (!m) return undefined
  const start = from + m.index + 1
  return { name, nameStart, nameEnd, value: m[2]!, start, end: start + m[2]!.length, quoted: true }
}

/** Is the quote at `quoteAt` the first argument of a call (`f(` or `obj.f(`, not a bare tuple)? */
function isCallArgument(text: string, lineStart: number, quoteAt: number): boolean {
  let i = quoteAt - 1
  while (i >= lineStart && SPACE.test(text[i]!)) i--
  if (text[i] !== '(') return false
  i--
  return i >= lineStart && /[\w$]/.test(text[i]!)
}

/** The quoted string that starts after optional spaces at `from` (a call argument). */
function quotedAfter(
  text: string,
  name: string,
  nameStart: number,
  nameEnd: number,
  from: number,
  lineEnd: number
): Assignment | undefined {
  const i = skipSpaces(text, from, lineEnd)
  const literal = quotedLiteral(text, i, lineEnd)
  if (!literal) return undefined
  if (isConcatenated(text, literal.close + 1, lineEnd)) return undefined
  return {
    name,
    nameStart,
    nameEnd,
    value: literal.value,
    start: literal.start,
    end: literal.start + literal.value.length,
    quoted: true,
    quote: text[literal.start - 1]
  }
}

/** A string literal at `i`: "…", '…', `…`, with an optional prefix (@"…" ObjC/C#, r"…", b"…", u"…"). */
function quotedLiteral(
  text: string,
  i: number,
  lineEnd: number
): { value: string; start: number; close: number } | undefined {
  if (/[@rbuRBU]/.test(text[i] ?? '') && /["']/.test(text[i + 1] ?? '')) i++
  const quote = text[i]
  if (quote !== '"' && quote !== "'" && quote !== '`') return undefined
  // Triple-quoted on one line: """…""".
  let j = i + 1
  const limit = Math.min(lineEnd, i + 1 + MAX_VALUE)
  while (j < limit) {
    const c = text[j]
    if (c === '\\') {
      j += 2
      continue
    }
    if (c === quote) break
    j++
  }
  if (j >= limit || text[j] !== quote) return undefined
  const value = text.slice(i + 1, j)
  if (value === '' && text[j + 1] === quote) return undefined // """ block start: the value is on later lines
  return { value, start: i + 1, close: j }
}

/** A string literal followed by `+` (JS, Java, Python, C#…) or ` . ` (PHP, Perl) on its line. */
export function isConcatenated(text: string, afterQuote: number, lineEnd: number): boolean {
  let i = afterQuote
  while (i < lineEnd && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i++
  const c = text[i]
  if (c === '+' && text[i + 1] !== '=') return true
  // PHP/Perl: 'a' . $b or 'a'.$b; a sentence's full stop ('…'. Next) is not one.
  return c === '.' && (text[i + 1] === '$' || (i > afterQuote && text[i + 1] === ' '))
}

/** The value after an assignment operator (quoted, or a bare run of characters). */
function valueAfter(
  text: string,
  name: string,
  nameStart: number,
  nameEnd: number,
  from: number,
  lineEnd: number
): Assignment | undefined {
  const i = skipSpaces(text, from, lineEnd)
  if (i >= lineEnd) return undefined
  const literal = quotedLiteral(text, i, lineEnd)
  if (literal) {
    if (isConcatenated(text, literal.close + 1, lineEnd)) return undefined
    return {
      name,
      nameStart,
      nameEnd,
      value: literal.value,
      start: literal.start,
      end: literal.start + literal.value.length,
      quoted: true,
      quote: text[literal.start - 1]
    }
  }
  // A string literal that closes beyond MAX_VALUE on its line is a blob (a certificate, a bundle),
  // not a password: read bare, its opening quote would become part of a truncated value.
  const q = text[i]!
  if (
    (q === '"' || q === "'" || q === '`') &&
    lineEnd - i > MAX_VALUE &&
    text.indexOf(q, i + 1 + MAX_VALUE) > 0 &&
    text.indexOf(q, i + 1 + MAX_VALUE) < lineEnd
  )
    return undefined
  const bare = bareValue(text, i, lineEnd)
  if (!bare) return undefined
  // `Authorization: Bearer abc…` unquoted: the scheme word and its credential are one value.
  if (
    /^(?:Bearer|Basic|Token|Bot|ApiKey|Api-Token|Digest)$/i.test(bare.value) &&
    text[i + bare.value.length] === ' '
  ) {
    const rest = bareValue(text, skipSpaces(text, i + bare.value.length, lineEnd), lineEnd)
    if (rest) {
      const value = text.slice(
        i,
        skipSpaces(text, i + bare.value.length, lineEnd) + rest.value.length
      )
      return { name, nameStart, nameEnd, value, start: i, end: i + value.length, quoted: false }
    }
  }
  return {
    name,
    nameStart,
    nameEnd,
    value: bare.value,
    start: i,
    end: i + bare.value.length,
    quoted: false
  }
}

/**
 * An unquoted value: the run up to whitespace, `;` or `, `; an escaped
 * newline (`\n` inside a JSON string) ends it, and trailing `,` `;` quotes and
 * unbalanced closing brackets are not part of it (`db_pass: x,` → `x`).
 */
function bareValue(text: string, i: number, lineEnd: number): { value: string } | undefined {
  const first = text[i]!
  if ('[{(<'.includes(first)) return undefined // a list, a map, a call group, a tag: not a scalar
  let j = i
  const limit = Math.min(lineEnd, i + MAX_VALUE)
  while (j < limit) {
    const c = text[j]!
    if (c === ' ' || c === '\t' || c === '\r' || c === ';') break
    if (c === ',' && (j + 1 >= lineEnd || /[\s]/.test(text[j + 1]!))) break
    if (c === '\\' && /[nrt"]/.test(text[j + 1] ?? '')) break
    j++
  }
  let value = text.slice(i, j)
  for (;;) {
    const last = value[value.length - 1]
    if (last === undefined) break
    if (',;"\'`'.includes(last)) value = value.slice(0, -1)
    else if (last === ')' && count(value, '(') < count(value, ')')) value = value.slice(0, -1)
    else if (last === ']' && count(value, '[') < count(value, ']')) value = value.slice(0, -1)
    else if (last === '}' && count(value, '{') < count(value, '}')) value = value.slice(0, -1)
    else break
  }
  return value === '' ? undefined : { value }
}

function count(value: string, char: string): number {
  let n = 0
  for (let i = 0; i < value.length; i++) if (value[i] === char) n++
  return n
}

/**
 * No operator after the name: `--password value` (a flag), Dockerfile's legacy
 * `ENV NAME value`, a config directive `password "value";` at the line start.
 */
function spaceSeparated(
  text: string,
  name: string,
  nameStart: number,
  nameEnd: number,
  i: number,
  lineStart: number,
  lineEnd: number
): Assignment | undefined {
  if (i === nameEnd) return undefined // something glued to the name
  const head = text.slice(lineStart, nameStart)
  const flag = head.endsWith('--')
  const legacyEnv = nameStart - lineStart <= 24 && /^[ \t]*(?:ONBUILD[ \t]+)?ENV[ \t]+$/i.test(head)
  const directive = /^[ \t]*$/.test(head)
  if (flag || legacyEnv) {
    if (text[i] === '-' || text[i] === '$') return undefined
    return valueAfter(text, name, nameStart, nameEnd, i, lineEnd)
  }
  if (directive) {
    // Only a quoted value, ending the statement: `password "…";` (nginx/Unbound-style configs).
    const literal = quotedLiteral(text, i, lineEnd)
    if (!literal) return undefined
    const rest = text.slice(literal.close + 1, lineEnd).trim()
    if (rest !== '' && rest !== ';') return undefined
    return {
      name,
      nameStart,
      nameEnd,
      value: literal.value,
      start: literal.start,
      end: literal.start + literal.value.length,
      quoted: true,
      quote: text[literal.start - 1]
    }
  }
  return undefined
}

/** `<name>value</name>` with the value on the same line or the next few lines (XML, .config, Maven settings). */
function xmlElement(
  text: string,
  name: string,
  nameStart: number,
  afterName: number,
  lineEnd: number
): Assignment | undefined {
  let i = afterName
  // Attributes of the opening tag, then `>`.
  const tagEnd = text.indexOf('>', i)
  if (tagEnd < 0 || tagEnd > lineEnd || text[tagEnd - 1] === '/') return undefined
  i = tagEnd + 1
  const limit = Math.min(text.length, i + 512)
  const close = text.indexOf('<', i)
  if (close < 0 || close > limit || text[close + 1] !== '/') return undefined
  const raw = text.slice(i, close)
  const value = raw.trim()
  if (value === '' || /\s/.test(value) || raw.split('\n').length > 4) return undefined
  const start = i + raw.indexOf(value)
  return {
    name,
    nameStart,
    nameEnd: afterName,
    value,
    start,
    end: start + value.length,
    quoted: true
  }
}
