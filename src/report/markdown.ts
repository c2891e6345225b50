// Scanned text (file contents, package names, image history, advisory text)
// in what we post as markdown: the PR comment, the job summary, the check
// run and SARIF help.markdown. GitHub renders these with GFM and then links
// @mentions, #12, owner/repo#12 and GH-12 in the text. A value must stay
// text: no image, link, autolink, HTML, emphasis, table break or reference.
//
// One encoding works in every place we put a value (a paragraph, a list
// item, a table cell, link text, and inside the HTML blocks and inline HTML
// we write: <summary>, <b>, <sub>, <code>): markdown punctuation becomes a
// numeric character reference (markdown shows it as the character and never
// parses it as syntax; HTML shows the character too), and a zero-width space
// after `@`, `#` and `GH` keeps GitHub's reference filter from linking what
// reads as a mention or an issue. Inside <code> GitHub links no reference,
// so code keeps its exact text (copy-paste gives back the value).

/** Characters that can start markdown or HTML syntax anywhere in a line, or an autolink (`:`). */
const SYNTAX = /[\\`*_~[\]()!<>&|#@:$"']/g
/** `www.` starts an autolink without a scheme; the dot as a reference breaks it. */
const WWW_DOT = /(www)\./gi
const ZWSP = '\u200b'

// C0/C1 controls (ESC, NUL), DEL and the bidirectional overrides ("trojan source").
const CONTROLS = /[\u0000-\u0008\u000e-\u001f\u007f-\u0084\u0086-\u009f\u202a-\u202e\u2066-\u2069]/g
const LINE_BREAKS = /\r\n|[\r\n\u000b\u000c\u0085\u2028\u2029]/g

function oneLine(value: string): string {
  return value.replace(/\t/g, ' ').replace(LINE_BREAKS, ' ').replace(CONTROLS, '')
}

function reference(char: string): string {
  return `&#${char.charCodeAt(0)};`
}

function encode(value: string): string {
  return (
    value
      .replace(SYNTAX, reference)
      .replace(WWW_DOT, '$1&#46;')
      // Block syntax, should a value ever start a line: a list item, a setext underline.
      .replace(/^[-+=]/, reference)
      .replace(/^(\d+)\./, '$1&#46;')
  )
}

/**
 * A scanned value as text, on one line: safe in a paragraph, a list item, a
 * table cell, link text, and inside the HTML we write (<summary>, <b>,
 * <sub>). It reads as the value; it can form nothing.
 */
export function mdText(value: string): string {
  const text = oneLine(value)
    // References GitHub links in text: @user, @org/team, #12, owner/repo#12, GH-12.
    .replace(/([@#])/g, `$1${ZWSP}`)
    .replace(/\b(gh)(?=-\d)/gi, `$1${ZWSP}`)
  return encode(text)
}

/**
 * A scanned value as inline code (`<code>`): exact text, on one line, safe in
 * the same places as mdText. GitHub links no mention or reference inside code.
 */
export function mdCode(value: string): string {
  return `<code>${encode(oneLine(value))}</code>`
}

/**
 * A link we made (`url` is ours: a blob URL, the run page, osv.dev) with
 * scanned link text; `label` is already rendered (mdText, mdCode). Written as
 * HTML so it also works inside HTML blocks (<summary>).
 */
export function htmlLink(url: string, label: string): string {
  return `<a href="${escapeAttribute(url)}">${label}</a>`
}

/** A value inside an HTML attribute (href="…"), one line. */
export function escapeAttribute(value: string): string {
  return oneLine(value).replace(/[&<>"']/g, reference)
}
