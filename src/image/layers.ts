import { normalizeImagePath } from './tar.js'

// The image's filesystem as the layers build it up: only metadata (type, link target, the layer
// that last wrote it), never content. Whiteouts delete from lower layers, opaque markers empty a
// directory of lower-layer content, symlinks are resolved inside the image root.

export type NodeType = 'file' | 'dir' | 'symlink' | 'hardlink' | 'other'

export interface FsNode {
  type: NodeType
  layer: number
  link?: string
}

const MAX_SYMLINK_HOPS = 40

export function parentOf(path: string): string {
  const slash = path.lastIndexOf('/')
  return slash <= 0 ? '/' : path.slice(0, slash)
}

export function joinImagePath(dir: string, name: string): string {
  return dir === '/' ? `/${name}` : `${dir}/${name}`
}

export class LayeredFs {
  readonly nodes = new Map<string, FsNode>([['/', { type: 'dir', layer: -1 }]])
  /** dir → its children's paths, so deleting a subtree costs the subtree, not the image. */
  private readonly children = new Map<string, Set<string>>()

  /** Record an entry; returns the paths it hid (a non-directory replacing a directory). */
  add(path: string, type: NodeType, layer: number, link?: string): string[] {
    const previous = this.nodes.get(path)
    const hidden = previous?.type === 'dir' && type !== 'dir' ? this.removeUnder(path, layer) : []
    this.nodes.set(path, { type, layer, link })
    // Archives may omit parent directory entries; the directories still exist.
    let child = path
    for (let dir = parentOf(path); ; dir = parentOf(dir)) {
      let set = this.children.get(dir)
      if (!set) this.children.set(dir, (set = new Set()))
      set.add(child)
      if (dir === '/' || this.nodes.has(dir)) break
      this.nodes.set(dir, { type: 'dir', layer })
      child = dir
    }
    return hidden
  }

  /** `.wh.<name>`: delete the path and everything under it; returns the deleted paths. */
  remove(path: string): string[] {
    const removed = this.removeUnder(path, Infinity)
    if (this.nodes.delete(path)) removed.push(path)
    this.children.get(parentOf(path))?.delete(path)
    return removed
  }

  /**
   * Delete everything below `dir` that came from layers before `layer` (an opaque directory, or a
   * directory replaced by a file); returns the deleted paths.
   */
  removeUnder(dir: string, layer: number): string[] {
    const removed: string[] = []
    const walk = (d: string): void => {
      const set = this.children.get(d)
      if (!set) return
      for (const path of set) {
        walk(path)
        const node = this.nodes.get(path)
        if (node && node.layer < layer && !this.children.get(path)?.size) {
          this.nodes.delete(path)
          this.children.delete(path)
          set.delete(path)
          removed.push(path)
        } else if (!node) set.delete(path)
      }
    }
    walk(dir)
    return removed
  }

  /**
   * The path with every symlink along it followed, clamped to the image root (an absolute or `..`
   * target never leaves the image). Undefined when it does not exist or loops.
   */
  resolve(path: string, followLast = true): string | undefined {
    let pending = normalizeImagePath(path).split('/').filter(Boolean)
    let current = '/'
    let hops = 0
    while (pending.length > 0) {
      const part = pending.shift() as string
      const candidate = joinImagePath(current, part)
      const node = this.nodes.get(candidate)
      if (!node) return undefined
      if (node.type === 'symlink' && (pending.length > 0 || followLast)) {
        if (++hops > MAX_SYMLINK_HOPS) return undefined
        const target = node.link ?? ''
        const base = target.startsWith('/') ? '/' : current
        const joined = normalizeImagePath(`${base}/${target}`)
        pending = [...joined.split('/').filter(Boolean), ...pending]
        current = '/'
        continue
      }
      current = candidate
    }
    return current
  }

  exists(path: string): boolean {
    return this.resolve(path) !== undefined
  }
}
