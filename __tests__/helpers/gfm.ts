// Markdown as GitHub renders it, for the tests of what we post: GFM (tables,
// autolink literals, strikethrough) by micromark, with raw HTML passed through
// as GitHub's renderer does (it sanitises afterwards, which only removes
// more). Then the references GitHub links in rendered text (mentions, #12,
// owner/repo#12, GH-12), which no markdown parser does.
import { micromark } from 'micromark'
import { gfm, gfmHtml } from 'micromark-extension-gfm'

export function renderGfm(markdown: string): string {
  return micromark(markdown, {
    allowDangerousHtml: true,
    extensions: [gfm()],
    htmlExtensions: [gfmHtml()]
  })
}

/** The element names of rendered HTML, in order (`a`, `img`, `td`, `/td`, …). */
export function tagSequence(html: string): string[] {
  return [...html.matchAll(/<(\/?[A-Za-z][A-Za-z0-9-]*)/g)].map(m => (m[1] as string).toLowerCase())
}

/** Character references as the browser reads them. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos|nbsp);/gi, (_, ref: string) => {
    const lower = ref.toLowerCase()
    if (lower.startsWith('#x')) return String.fromCodePoint(parseInt(lower.slice(2), 16))
    if (lower.startsWith('#')) return String.fromCodePoint(parseInt(lower.slice(1), 10))
    return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' }[lower] as string
  })
}

/** The text a reader sees (tags removed, references decoded). */
export function visibleText(html: string): string {
  return decodeEntities(html.replace(/<[^>]*>/g, ''))
}

/**
 * The text GitHub's reference filters look at: outside <code>, <pre> and <a>
 * (they skip those), decoded.
 */
export function referenceText(html: string): string {
  const outside = html
    .replace(/<code[\s>][\s\S]*?<\/code>/g, ' ')
    .replace(/<pre[\s>][\s\S]*?<\/pre>/g, ' ')
    .replace(/<a[\s>][\s\S]*?<\/a>/g, ' ')
  return visibleText(outside)
}

/** What GitHub would turn into a link or a notification in that text. */
export function githubReferences(text: string): string[] {
  const patterns = [
    /(?<![\w`])@[A-Za-z0-9][A-Za-z0-9-]*(?:\/[A-Za-z0-9][\w-]*)?/g, // @user, @org/team
    /(?<![\w-])#\d+/g, // #12
    /[\w.-]+\/[\w.-]+#\d+/g, // owner/repo#12
    /\bGH-\d+/gi, // GH-12
    /[\w.-]+\/[\w.-]+@[0-9a-f]{7,40}\b/g // owner/repo@sha
  ]
  return patterns.flatMap(p => [...text.matchAll(p)].map(m => m[0]))
}
