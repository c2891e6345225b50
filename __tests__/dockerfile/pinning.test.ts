import { describe, expect, it } from '@jest/globals'
import { DIGEST, hits, linesOf } from './helpers.js'

const RULE = 'base-image-not-pinned'

describe('base-image-not-pinned', () => {
  it.each([
    ['a tag only', 'FROM node:20-alpine', 'pinned by tag only'],
    [':latest', 'FROM node:latest', 'uses :latest'],
    ['no tag', 'FROM node', 'has no tag'],
    ['a registry port (not a tag)', 'FROM registry:5000/team/app', 'has no tag'],
    ['a truncated digest', 'FROM node@sha256:abc123', 'truncated digest (6 of 64'],
    [
      'a digest with a wrong length',
      `FROM node@${DIGEST.slice(0, -1)}`,
      'truncated digest (63 of 64'
    ]
  ])('flags %s', (_name, from, text) => {
    const found = hits(RULE, [from, 'USER 1'])
    expect(found).toHaveLength(1)
    expect(found[0].message).toContain(text)
    expect(found[0].message).toContain('@sha256:<digest>')
  })

  it.each([
    ['a digest', `FROM node@${DIGEST}`],
    ['tag and digest', `FROM node:20@${DIGEST}`],
    ['registry, port, tag and digest', `FROM registry:5000/team/app:1@${DIGEST}`],
    ['scratch', 'FROM scratch'],
    ['SCRATCH in capitals', 'FROM SCRATCH']
  ])('accepts %s', (_name, from) => {
    expect(hits(RULE, [from, 'USER 1'])).toEqual([])
  })

  it('exempts earlier stages, matched case-insensitively', () => {
    expect(linesOf(RULE, [`FROM golang:1.22@${DIGEST} AS Build`, 'FROM build', 'USER 1'])).toEqual(
      []
    )
  })

  it('judges an image given through an ARG on its default', () => {
    expect(linesOf(RULE, [`ARG BASE=alpine:3.20@${DIGEST}`, 'FROM ${BASE}', 'USER 1'])).toEqual([])
    const found = hits(RULE, ['ARG BASE=alpine:3.20', 'FROM $BASE', 'USER 1'])
    expect(found[0].message).toContain('"$BASE" (resolves to "alpine:3.20")')
    expect(linesOf(RULE, [`FROM \${BASE:-alpine@${DIGEST}}`, 'USER 1'])).toEqual([])
  })

  it('flags an ARG without default: it cannot be proven pinned', () => {
    const found = hits(RULE, ['ARG BASE', 'FROM ${BASE}', 'USER 1'])
    expect(found).toHaveLength(1)
    expect(found[0].message).toContain('cannot be proven pinned: $BASE has no default')
  })

  it('names an undeclared variable and the ARG to add', () => {
    const [finding] = hits(RULE, ['FROM $BASE_IMAGE', 'USER 1'])
    expect(finding.message).toContain('$BASE_IMAGE is not declared by an ARG')
    expect(finding.message).toContain('ARG BASE_IMAGE=name:tag@sha256:<digest>')
  })

  it('accepts a literal digest even when the registry comes from an ARG without default', () => {
    expect(linesOf(RULE, ['ARG REGISTRY', `FROM \${REGISTRY}/ubuntu@${DIGEST}`, 'USER 1'])).toEqual(
      []
    )
  })

  it('checks COPY --from=<image> and RUN --mount=from=<image>, not stages', () => {
    expect(
      linesOf(RULE, [
        `FROM alpine@${DIGEST} AS build`,
        'COPY --from=nginx:1.27 /a /a',
        'COPY --from=build /b /b',
        'RUN --mount=type=bind,from=busybox:1.36,target=/x true',
        `COPY --from=nginx:1.27@${DIGEST} /c /c`,
        'USER 1'
      ])
    ).toEqual([2, 4])
  })

  it('treats FROM of a stage defined only later as an image, and COPY --from of it as the stage', () => {
    expect(
      linesOf(RULE, [
        `FROM alpine@${DIGEST} AS a`,
        'COPY --from=b /x /x',
        'FROM b',
        `FROM alpine@${DIGEST} AS b`,
        'USER 1'
      ])
    ).toEqual([3])
  })

  it('resolves stage ARGs in COPY --from', () => {
    expect(
      linesOf(RULE, [
        `FROM alpine@${DIGEST}`,
        'ARG SRC=tools:1',
        'COPY --from=${SRC} /a /a',
        'USER 1'
      ])
    ).toEqual([3])
  })

  it('has a fingerprint that survives moving the line', () => {
    const a = hits(RULE, ['FROM node:20', 'USER 1'])[0]
    const b = hits(RULE, ['# moved down', '', 'FROM node:20', 'USER 1'])[0]
    expect(b.location.line).toBe(3)
    expect(a.fingerprint).toBe(b.fingerprint)
  })

  it('is medium by default', () => {
    expect(hits(RULE, ['FROM node:20', 'USER 1'])[0].severity).toBe('medium')
  })
})
