// Maven version ordering: a port of org.apache.maven.artifact.versioning.
// ComparableVersion (Maven 4, with CombinationItem): `.`/`-` separators and
// digit↔letter transitions split items, `-` opens a sub-list, known qualifiers
// order alpha < beta < milestone < rc=cr < snapshot < ""=ga=final=release < sp,
// unknown qualifiers after them in lexical order, `a1`/`b1`/`m1` = alpha/beta/
// milestone 1, trailing zeros and release qualifiers normalised away.
import { compareDigits, compareStrings, memoize } from './digits.js'

const INT_ITEM = 3
const LONG_ITEM = 4
const BIGINTEGER_ITEM = 0
const STRING_ITEM = 1
const LIST_ITEM = 2
const COMBINATION_ITEM = 5

type NumberType = typeof INT_ITEM | typeof LONG_ITEM | typeof BIGINTEGER_ITEM

interface NumberItem {
  type: NumberType
  /** Digits without leading zeros ("0" for zero). */
  digits: string
}
interface StringItem {
  type: typeof STRING_ITEM
  value: string
}
interface CombinationItem {
  type: typeof COMBINATION_ITEM
  stringPart: StringItem
  digitPart: Item
}
interface ListItem {
  type: typeof LIST_ITEM
  items: Item[]
}
type Item = NumberItem | StringItem | CombinationItem | ListItem

const QUALIFIERS = ['alpha', 'beta', 'milestone', 'rc', 'snapshot', '', 'sp']
const RELEASE_QUALIFIERS = ['ga', 'final', 'release']
const RELEASE_VERSION_INDEX = String(QUALIFIERS.indexOf(''))
const MAX_INTITEM_LENGTH = 9
const MAX_LONGITEM_LENGTH = 18

const ZERO: NumberItem = { type: INT_ITEM, digits: '0' }

function isJavaDigit(c: string): boolean {
  return /^\p{Nd}$/u.test(c)
}

function makeString(value: string, followedByDigit: boolean): StringItem {
  if (followedByDigit && value.length === 1) {
    if (value === 'a') value = 'alpha'
    else if (value === 'b') value = 'beta'
    else if (value === 'm') value = 'milestone'
  }
  return { type: STRING_ITEM, value: value === 'cr' ? 'rc' : value }
}

function makeNumber(buf: string): NumberItem {
  const digits = buf.replace(/^0+/, '') || '0'
  const type =
    digits.length <= MAX_INTITEM_LENGTH
      ? INT_ITEM
      : digits.length <= MAX_LONGITEM_LENGTH
        ? LONG_ITEM
        : BIGINTEGER_ITEM
  return { type, digits }
}

function makeCombination(value: string): CombinationItem {
  let index = 0
  const chars = [...value]
  let offset = 0
  for (const c of chars) {
    if (isJavaDigit(c)) {
      index = offset
      break
    }
    offset += c.length
  }
  return {
    type: COMBINATION_ITEM,
    stringPart: makeString(value.slice(0, index), true),
    digitPart: makeNumber(value.slice(index))
  }
}

function parseItem(isCombination: boolean, isDigit: boolean, buf: string): Item {
  if (isCombination) return makeCombination(buf.replaceAll('-', ''))
  if (isDigit) return makeNumber(buf)
  return makeString(buf, false)
}

function isNull(item: Item): boolean {
  switch (item.type) {
    case STRING_ITEM:
      return item.value === ''
    case LIST_ITEM:
      return item.items.length === 0
    case COMBINATION_ITEM:
      return false
    default:
      return item.digits === '0'
  }
}

function comparableQualifier(qualifier: string): string {
  if (RELEASE_QUALIFIERS.includes(qualifier)) return RELEASE_VERSION_INDEX
  const i = QUALIFIERS.indexOf(qualifier)
  return i === -1 ? `${QUALIFIERS.length}-${qualifier}` : String(i)
}

/** Java's String.compareTo sign is all callers use. */
function compareJavaStrings(a: string, b: string): number {
  return compareStrings(a, b)
}

function compareNumber(item: NumberItem, other: Item | null): number {
  if (other === null) return item.digits === '0' ? 0 : 1
  switch (other.type) {
    case INT_ITEM:
    case LONG_ITEM:
    case BIGINTEGER_ITEM:
      // Items of different width differ by construction (no leading zeros).
      return compareDigits(item.digits, other.digits)
    default:
      return 1 // 1.1 > 1-sp, 1.1 > 1-1, 1.1 > 1.any
  }
}

function compareString(item: StringItem, other: Item | null): number {
  if (other === null) {
    return compareJavaStrings(comparableQualifier(item.value), RELEASE_VERSION_INDEX)
  }
  switch (other.type) {
    case INT_ITEM:
    case LONG_ITEM:
    case BIGINTEGER_ITEM:
      return -1
    case STRING_ITEM:
      return compareJavaStrings(comparableQualifier(item.value), comparableQualifier(other.value))
    case COMBINATION_ITEM: {
      const result = compareString(item, other.stringPart)
      if (result === 0) {
        if (compareString(item, null) === 0) return -compareItem(other.digitPart, null)
        return -1
      }
      return result
    }
    case LIST_ITEM:
      return -compareList(other, item)
  }
}

function compareCombination(item: CombinationItem, other: Item | null): number {
  if (other === null) {
    const result = compareString(item.stringPart, null)
    return result === 0 ? compareItem(item.digitPart, null) : result
  }
  switch (other.type) {
    case INT_ITEM:
    case LONG_ITEM:
    case BIGINTEGER_ITEM:
      return -1
    case STRING_ITEM: {
      const result = compareString(item.stringPart, other)
      if (result === 0) {
        if (compareString(item.stringPart, null) === 0) return compareItem(item.digitPart, null)
        return 1 // X1 > X
      }
      return result
    }
    case LIST_ITEM:
      return -compareList(other, item)
    case COMBINATION_ITEM: {
      const result = compareString(item.stringPart, other.stringPart)
      return result === 0 ? compareItem(item.digitPart, other.digitPart) : result
    }
  }
}

function compareList(list: ListItem, other: Item | null): number {
  const items = list.items
  if (other === null) {
    for (const i of items) {
      const result = compareItem(i, null)
      if (result !== 0) return result
    }
    return 0
  }
  switch (other.type) {
    case INT_ITEM:
    case LONG_ITEM:
    case BIGINTEGER_ITEM:
      return -1 // 1-1 < 1.0.x
    case STRING_ITEM:
    case COMBINATION_ITEM: {
      let result =
        items.length === 0 ? -compareItem(other, null) : compareItem(items[0] as Item, other)
      for (let i = 1; result === 0 && i < items.length; i++) {
        result = compareItem(items[i] as Item, null)
      }
      return result
    }
    case LIST_ITEM: {
      const right = other.items
      const n = Math.max(items.length, right.length)
      for (let i = 0; i < n; i++) {
        const l = i < items.length ? (items[i] as Item) : null
        const r = i < right.length ? (right[i] as Item) : null
        const result = l === null ? (r === null ? 0 : -compareItem(r, l)) : compareItem(l, r)
        if (result !== 0) return result
      }
      return 0
    }
  }
}

function compareItem(item: Item, other: Item | null): number {
  switch (item.type) {
    case STRING_ITEM:
      return compareString(item, other)
    case COMBINATION_ITEM:
      return compareCombination(item, other)
    case LIST_ITEM:
      return compareList(item, other)
    default:
      return compareNumber(item, other)
  }
}

function normalize(list: ListItem): void {
  const items = list.items
  for (let i = items.length - 1; i >= 0; i--) {
    const lastItem = items[i] as Item
    if (isNull(lastItem)) {
      const next = items[i + 1]
      if (i === items.length - 1 || next?.type === STRING_ITEM) {
        items.splice(i, 1)
      } else if (next?.type === LIST_ITEM) {
        const first = next.items[0]
        if (first?.type === COMBINATION_ITEM || first?.type === STRING_ITEM) items.splice(i, 1)
      }
    }
  }
  if (items.length === 1 && items[0]?.type === LIST_ITEM) {
    // Removing a zero prefix must not leave an extra qualifier nesting level.
    list.items = items[0].items
  }
}

function parseMavenUncached(text: string): ListItem {
  const version = text.toLowerCase()
  const root: ListItem = { type: LIST_ITEM, items: [] }
  let list = root
  const stack: ListItem[] = [root]
  const push = (): void => {
    const child: ListItem = { type: LIST_ITEM, items: [] }
    list.items.push(child)
    list = child
    stack.push(child)
  }
  let isDigit = false
  let isCombination = false
  let startIndex = 0
  for (let i = 0; i < version.length; i++) {
    const c = version[i] as string
    if (c === '.') {
      if (i === startIndex) list.items.push(ZERO)
      else list.items.push(parseItem(isCombination, isDigit, version.slice(startIndex, i)))
      isCombination = false
      startIndex = i + 1
    } else if (c === '-') {
      if (i === startIndex) {
        list.items.push(ZERO)
      } else {
        // X-1 is treated as X1
        if (!isDigit && i !== version.length - 1 && isJavaDigit(version[i + 1] as string)) {
          isCombination = true
          continue
        }
        list.items.push(parseItem(isCombination, isDigit, version.slice(startIndex, i)))
      }
      startIndex = i + 1
      if (list.items.length > 0) push()
      isCombination = false
    } else if (c >= '0' && c <= '9') {
      if (!isDigit && i > startIndex) {
        // X1
        isCombination = true
        if (list.items.length > 0) push()
      }
      isDigit = true
    } else {
      if (isDigit && i > startIndex) {
        list.items.push(parseItem(isCombination, true, version.slice(startIndex, i)))
        startIndex = i
        push()
        isCombination = false
      }
      isDigit = false
    }
  }
  if (version.length > startIndex) {
    // 1.0.0.X1 < 1.0.0-X2: treat .X as -X for any string qualifier X
    if (!isDigit && list.items.length > 0) push()
    list.items.push(parseItem(isCombination, isDigit, version.slice(startIndex)))
  }
  while (stack.length > 0) normalize(stack.pop() as ListItem)
  return root
}

/** The parsed item tree (shared: never mutate it). */
export const parseMavenVersion = memoize(parseMavenUncached)

/** Maven refuses longer versions (IllegalArgumentException): each `-` nests a list. */
export const MAX_MAVEN_VERSION_LENGTH = 256

export function isValidMavenVersion(text: string): boolean {
  return text.trim() !== '' && text.length <= MAX_MAVEN_VERSION_LENGTH
}

/**
 * Maven's ComparableVersion order. Versions Maven refuses (longer than 256
 * characters) sort before every other one, in plain string order among
 * themselves, instead of throwing.
 */
export function compareMavenVersions(a: string, b: string): number {
  const tooLongA = a.length > MAX_MAVEN_VERSION_LENGTH
  const tooLongB = b.length > MAX_MAVEN_VERSION_LENGTH
  if (tooLongA || tooLongB) return tooLongA && tooLongB ? compareStrings(a, b) : tooLongA ? -1 : 1
  const r = compareList(parseMavenVersion(a), parseMavenVersion(b))
  return r < 0 ? -1 : r > 0 ? 1 : 0
}
