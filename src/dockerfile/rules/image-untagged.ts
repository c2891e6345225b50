import { splitImageReference } from '../../image/reference.js'
import { defineRule, shown } from '../rule-kit.js'
import type { RuleHit } from '../types.js'

export default defineRule({
  id: 'image-untagged',
  aliases: ['DL3006'],
  severity: 'low',
  title: 'Image without a tag',
  help: 'An image named without a tag or digest means `:latest`, which changes under you. Stages, `scratch` and references made of variables are not judged here (`base-image-not-pinned` judges what an ARG default resolves to).',
  fix: 'Name a version tag, and pin the digest: `ubuntu:24.04@sha256:<digest>`.',
  check(input) {
    const hits: RuleHit[] = []
    for (const use of input.model.images) {
      if (use.via !== 'from' || use.ref.kind !== 'image') continue
      if (use.ref.written.includes('$')) continue
      const image = splitImageReference(use.ref.resolved)
      if (image.tag !== undefined || image.digest !== undefined) continue
      hits.push({
        ruleId: 'image-untagged',
        line: use.instruction.line,
        endLine: use.instruction.endLine,
        message: `FROM "${shown(use.ref.written)}" has no tag, so it means :latest and changes whenever that moves. Name a version tag.`,
        key: `${use.via} ${use.ref.written}`
      })
    }
    return hits
  },
  examples: {
    fires: [
      'FROM ubuntu',
      'FROM debian AS builder',
      'FROM golang:1.22 AS build\nFROM node AS unit-test'
    ],
    passes: [
      'FROM ubuntu:24.04',
      'FROM ruby@sha256:f1dbca0f5dbc9',
      'FROM ${VALUE}',
      'FROM scratch',
      'FROM golang:1.22 AS build\nFROM build AS unit-test'
    ]
  }
})
