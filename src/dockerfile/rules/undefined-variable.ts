import { editDistance } from '../../util/closest.js'
import { expand, parseAssignments, splitWords, type Instruction } from '../model.js'
import { defineRule, hit } from '../rule-kit.js'
import type { RuleHit, StageFacts } from '../types.js'

/** Instructions whose words BuildKit expands itself (RUN, CMD and ENTRYPOINT are the shell's). */
const EXPANDED = new Set([
  'ADD',
  'COPY',
  'ENV',
  'EXPOSE',
  'LABEL',
  'STOPSIGNAL',
  'USER',
  'VOLUME',
  'WORKDIR',
  'ARG'
])
/** Set by nearly every base image; also the names a typo is most often of. */
const IMAGE_ENV = ['PATH', 'HOME', 'HOSTNAME', 'LANG', 'TERM']
/** BuildKit's own build args that are never in the environment. */
const NON_ENV = new Set(['BUILDKIT_SBOM_SCAN_CONTEXT', 'BUILDKIT_SBOM_SCAN_STAGE'])

function words(instruction: Instruction, escape: string): string[] {
  if (
    instruction.keyword === 'ENV' ||
    instruction.keyword === 'ARG' ||
    instruction.keyword === 'LABEL'
  )
    return parseAssignments(instruction.rest, instruction.keyword, escape).flatMap(a => [
      a.key,
      a.value ?? ''
    ])
  const flags = instruction.flags
    .filter(f => f.name === 'chown' || f.name === 'chmod')
    .map(f => f.value ?? '')
  if (instruction.heredocs.length > 0) return flags
  return [...flags, ...(instruction.json ?? splitWords(instruction.rest, escape).map(w => w.raw))]
}

/**
 * Near-misses of known names, found through their one-character deletions (a
 * substitution, insertion, deletion or swap shares one): linear in the names,
 * where comparing every pair is quadratic on a file with thousands of ENVs.
 */
function typoFinder(names: readonly string[]): (name: string) => string | undefined {
  const byDeletion = new Map<string, string[]>()
  const variants = (word: string): string[] => [
    word,
    ...[...word].map((_, i) => word.slice(0, i) + word.slice(i + 1))
  ]
  for (const name of names)
    for (const variant of variants(name.toLowerCase()))
      byDeletion.set(variant, [...(byDeletion.get(variant) ?? []), name])
  return name => {
    const limit = name.length >= 10 ? 2 : 1
    const candidates = new Set(variants(name.toLowerCase()).flatMap(v => byDeletion.get(v) ?? []))
    return [...candidates]
      .filter(c => c !== name)
      .map(c => ({ c, d: editDistance(name.toLowerCase(), c.toLowerCase(), limit) }))
      .filter(x => x.d <= limit)
      .sort((a, b) => a.d - b.d || (a.c < b.c ? -1 : 1))[0]?.c
  }
}

/** Every name ARG or ENV sets in the stage and the stages it is built FROM. */
function namesOf(facts: StageFacts, escape: string): Set<string> {
  const names = new Set<string>()
  for (let f: StageFacts | undefined = facts; f; f = f.parent)
    for (const instruction of f.stage.instructions)
      if (instruction.keyword === 'ARG' || instruction.keyword === 'ENV')
        for (const { key } of parseAssignments(instruction.rest, instruction.keyword, escape))
          names.add(key)
  return names
}

export default defineRule({
  id: 'undefined-variable',
  aliases: ['UndefinedVar'],
  severity: 'low',
  title: 'Variable used before it is defined',
  help: "ADD, COPY, ENV, EXPOSE, LABEL, STOPSIGNAL, USER, VOLUME, WORKDIR and ARG defaults are expanded by BuildKit with the stage's ARGs and ENV (and the base image's environment): an undefined `$NAME` becomes an empty string. The base image's environment is unknown without pulling it, so for an image base only what is certain is reported: a variable set later in the same stage, or a near-miss of a known name (`$PAHT`, `$DIR_ASSET` for `DIR_ASSETS`); for a stage built from `scratch` every undefined variable.",
  fix: 'Declare it first (`ARG NAME` / `ENV NAME=…`), or fix the typo the message names.',
  check(input) {
    const hits: RuleHit[] = []
    const escape = input.model.escape
    for (const facts of input.stages) {
      const { stage } = facts
      // Built on the first undefined name only: most stages have none.
      let finder: ((name: string) => string | undefined) | undefined
      const suggest = (name: string) =>
        (finder ??= typoFinder([...namesOf(facts, escape), ...IMAGE_ENV]))(name)
      // Where each name is first set in this stage: "set only further down" in O(1).
      const setAt = new Map<string, number>()
      stage.instructions.forEach((instruction, index) => {
        if (instruction.keyword === 'ARG' || instruction.keyword === 'ENV')
          for (const { key } of parseAssignments(instruction.rest, instruction.keyword, escape))
            if (!setAt.has(key)) setAt.set(key, index)
      })
      stage.instructions.forEach((instruction, index) => {
        if (!EXPANDED.has(instruction.keyword)) return
        const scope = stage.scopes[index]
        const reported = new Set<string>()
        for (const word of words(instruction, escape)) {
          for (const name of expand(word, scope, escape).missing ?? []) {
            if (
              reported.has(name) ||
              NON_ENV.has(name) ||
              (instruction.keyword === 'ARG' && name === word)
            )
              continue
            // Set by a later instruction (an ENV that appends to itself, X=${X:+$X:}…, refers to the base image's).
            const later = (setAt.get(name) ?? -1) > index
            // A typo is one edit (two in a long name): GOPATH is not a misspelt PATH.
            const suggestion = suggest(name)
            if (!facts.fromScratch && !later && suggestion === undefined) continue
            if (!facts.fromScratch && IMAGE_ENV.includes(name)) continue
            reported.add(name)
            hits.push(
              hit(
                'undefined-variable',
                instruction,
                `Usage of undefined variable '$${name}'${suggestion ? ` (did you mean $${suggestion}?)` : ''}${later ? ': it is set only further down' : ''}; it expands to an empty string here.`,
                name
              )
            )
          }
        }
      })
    }
    return hits
  },
  examples: {
    fires: [
      'FROM alpine:3.20\nCOPY $foo .\nARG foo=bar',
      'FROM alpine:3.20\nARG DIR_BINARIES=binaries/\nARG DIR_ASSETS=assets/\nCOPY $DIR_ASSET .',
      'FROM alpine:3.20\nENV PATH=$PAHT:/tmp/bin',
      'FROM scratch AS first\nCOPY $foo .'
    ],
    passes: [
      'FROM scratch\nARG foo\nCOPY Dockerfile${foo} .',
      'FROM alpine:3.20 AS base\nARG foo=Dockerfile\nFROM base\nCOPY Dockerfile .',
      'FROM alpine:3.20\nRUN echo $PATH',
      'FROM golang:1.23\nWORKDIR $GOPATH/src/app',
      'FROM alpine:3.20\nENV PATH=/opt/bin:$PATH',
      'FROM nvidia/cuda:12.4.1-runtime-ubuntu22.04\nENV LD_LIBRARY_PATH="${LD_LIBRARY_PATH:+${LD_LIBRARY_PATH}:}/usr/local/nvidia/lib"'
    ]
  }
})
