// The one ignore model. Every way of accepting a finding — a top-level
// `ignore:` entry, a `checks.secrets.allow` entry (the older spelling), an
// inline comment in the scanned file — ends as a SuppressedFinding with its
// source and reason; only config entries are IgnoreRules.
import type { CheckId, Finding } from './finding.js'

/** One `ignore:` entry. Every criterion given must match; at least one is required. */
export interface IgnoreRule {
  /** A rule id or one of its aliases (e.g. DL3007). */
  rule?: string
  /** Glob on the finding's path (picomatch syntax; in-image paths start with /). */
  path?: string
  fingerprint?: string
  /** A vulnerability id or any of its aliases (CVE-…, GHSA-…, DSA-…). */
  vulnerability?: string
  /** With `vulnerability`: only for this package. */
  package?: string
  /**
   * A regular expression (RE2 syntax, linear time) the detected value must
   * match: only the check that holds the value (secrets) can apply it.
   */
  valueRegex?: string
  /** Only findings of these checks (set for entries written under `checks.<check>`). */
  checks?: CheckId[]
  reason: string
  /** YYYY-MM-DD: from the day after, the ignore stops applying and a warning says so. */
  expires?: string
  /** Where the entry is, for warnings: `file:line`. */
  where: string
  /** How a suppression names the entry, when not `reason (where)` (kept for `checks.secrets.allow[i]`). */
  label?: string
}

/** A finding that an ignore removed before the gate, and why. */
export interface SuppressedFinding {
  finding: Finding
  /**
   * `config` (an ignore entry of the config file), `inline` (an ignore comment
   * in the scanned file), `vex` (a VEX statement: not_affected or fixed)
   */
  source: 'config' | 'inline' | 'vex'
  reason: string
}
