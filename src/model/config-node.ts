import { isMap, isScalar, isSeq, LineCounter, type Node } from 'yaml'
import { InputError } from './errors.js'

/**
 * Where docs/config.md documents the keys of the mapping at `key` (`checks.secrets`,
 * `ignore[0]`): GitHub's anchor of its heading, e.g. `docs/config.md#checkssecrets`.
 */
export function configDocsLink(key: string): string {
  const section = key.replace(/\[\d+\]/g, '')
  const anchor = section === '' ? 'top-level-keys' : section.toLowerCase().replace(/[^\w-]/g, '')
  return `docs/config.md#${anchor}`
}

/**
 * A value read from the YAML config file, with enough context to say where
 * it came from: every error names the file, the line and the key path.
 * Checks parse their own `checks.<name>` section with it.
 */
export class ConfigNode {
  constructor(
    private readonly node: Node | null | undefined,
    /** Dotted key path, e.g. `checks.secrets.max-file-size`. */
    readonly key: string,
    private readonly file: string,
    private readonly lines: LineCounter,
    /** Where to point when the node itself is missing (its parent). */
    private readonly fallbackOffset = 0,
    /** The key's own offset, for a value of a mapping: errors point at the key's line. */
    private readonly keyOffset?: number
  ) {}

  /** A node standing for an absent section (no file, or the key not written). */
  static empty(key: string): ConfigNode {
    return new ConfigNode(undefined, key, '(defaults)', new LineCounter())
  }

  get missing(): boolean {
    return this.node == null || (isScalar(this.node) && this.node.value == null)
  }

  /** The 1-based line of this node (of its key, for a mapping's value: a block value starts below it). */
  get line(): number {
    const offset = this.keyOffset ?? this.node?.range?.[0] ?? this.fallbackOffset
    return this.lines.linePos(offset).line
  }

  fail(message: string): never {
    throw new InputError(`${this.file}:${this.line}: ${this.key}: ${message}`)
  }

  string(): string {
    if (!isScalar(this.node) || this.node.value == null || typeof this.node.value === 'object') {
      this.fail('expected a string')
    }
    return String(this.node.value)
  }

  optionalString(): string | undefined {
    return this.missing ? undefined : this.string()
  }

  boolean(): boolean {
    if (!isScalar(this.node) || typeof this.node.value !== 'boolean')
      this.fail('expected true or false')
    return this.node.value
  }

  optionalBoolean(): boolean | undefined {
    return this.missing ? undefined : this.boolean()
  }

  number(): number {
    if (
      !isScalar(this.node) ||
      typeof this.node.value !== 'number' ||
      !Number.isFinite(this.node.value)
    ) {
      this.fail('expected a number')
    }
    return this.node.value
  }

  optionalNumber(): number | undefined {
    return this.missing ? undefined : this.number()
  }

  /** One of `allowed`, in any case (`HIGH` is `high`); the error lists them. */
  oneOf<T extends string>(allowed: readonly T[]): T {
    const value = this.string()
    const found = allowed.find(choice => choice.toLowerCase() === value.trim().toLowerCase())
    if (found === undefined) {
      this.fail(`"${value}" is not allowed; expected one of ${allowed.join(', ')}`)
    }
    return found
  }

  /** A list of strings; a single string is taken as a list of one. */
  stringList(): string[] {
    if (this.missing) return []
    if (isScalar(this.node)) return [this.string()]
    return this.list().map(item => item.string())
  }

  list(): ConfigNode[] {
    if (this.missing) return []
    if (!isSeq(this.node)) this.fail('expected a list')
    return this.node.items.map(
      (item, index) =>
        new ConfigNode(item as Node, `${this.key}[${index}]`, this.file, this.lines, this.offset())
    )
  }

  /**
   * The entries of a mapping. Unknown keys are an error when `allowed` is
   * given, so a typo in the config never silently does nothing.
   */
  entries(allowed?: readonly string[]): Map<string, ConfigNode> {
    const out = new Map<string, ConfigNode>()
    if (this.missing) return out
    if (!isMap(this.node)) this.fail('expected a mapping of keys to values')
    for (const pair of this.node.items) {
      const keyNode = pair.key as Node
      const name = isScalar(keyNode) ? String(keyNode.value) : String(keyNode)
      const child = new ConfigNode(
        pair.value as Node,
        this.key ? `${this.key}.${name}` : name,
        this.file,
        this.lines,
        keyNode?.range?.[0] ?? this.offset(),
        keyNode?.range?.[0]
      )
      if (allowed && !allowed.includes(name)) {
        child.fail(
          `unknown key; expected one of ${allowed.join(', ')} (see ${configDocsLink(this.key)})`
        )
      }
      out.set(name, child)
    }
    return out
  }

  /** A child by key (missing children are `missing`, never an error). */
  get(name: string): ConfigNode {
    const found = this.entries().get(name)
    return (
      found ??
      new ConfigNode(
        undefined,
        this.key ? `${this.key}.${name}` : name,
        this.file,
        this.lines,
        this.offset()
      )
    )
  }

  private offset(): number {
    return this.node?.range?.[0] ?? this.fallbackOffset
  }
}
