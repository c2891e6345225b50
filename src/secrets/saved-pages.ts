// Saved copies of other sites' pages (a scraper's or parser's test fixtures): what such a page
// carries (an analytics key, a CDN's signed URL, an AWS key id in its scripts) was served to every
// visitor of that site. It is not this repository's credential: a lead at most.

const HTML_FILE = /\.x?html?$/i
/** Test data folders: a saved page elsewhere may be the project's own site. */
const FIXTURE_DIR =
  /(?:^|\/)(?:tests?|spec|specs|__tests__|fixtures?|testdata|test[-_]data)(?:\/|$)/i
/** The page names the site it is a copy of: its canonical URL or its og:url. */
const PAGE_URL =
  /<link\b[^>]{0,200}\brel=["']canonical["'][^>]{0,200}\bhref=["']https?:\/\/|<link\b[^>]{0,200}\bhref=["']https?:\/\/[^"']{1,300}["'][^>]{0,200}\brel=["']canonical["']|<meta\b[^>]{0,200}\bproperty=["']og:url["'][^>]{0,200}\bcontent=["']https?:\/\//i

export const SAVED_PAGE_REASON =
  "in a saved copy of another site's page (a test fixture): that site served it to every visitor, it is not this repository's credential"

/** Whether the file is a saved web page among the test data (judged on its first 256 KiB). */
export function isSavedWebPage(path: string | undefined, text: string): boolean {
  return (
    path !== undefined &&
    HTML_FILE.test(path) &&
    FIXTURE_DIR.test(path) &&
    PAGE_URL.test(text.slice(0, 262144))
  )
}
