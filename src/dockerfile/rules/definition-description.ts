import { parseAssignments } from '../model.js'
import { defineRule, hit } from '../rule-kit.js'
import type { RuleHit } from '../types.js'

export default defineRule({
  id: 'definition-description',
  aliases: ['InvalidDefinitionDescription'],
  severity: 'info',
  optIn: true,
  title: 'Comment above ARG or FROM AS is not a description',
  help: 'BuildKit reads the comment right above an `ARG` or a named stage as its description (shown by `docker buildx build --call=outline`), in the form `# <name> <description>`. A comment there that does not start with the name is probably not meant as one. Experimental in BuildKit: on with `# check=experimental=InvalidDefinitionDescription` or `checks.dockerfile.enable`.',
  fix: 'Start the comment with the name (`# version the release to build`), or put a blank line between comment and instruction.',
  check(input) {
    const hits: RuleHit[] = []
    const { model } = input
    model.instructions.forEach((instruction, index) => {
      const keys =
        instruction.keyword === 'ARG'
          ? parseAssignments(instruction.rest, 'ARG', model.escape).map(a => a.key)
          : instruction.keyword === 'FROM'
            ? model.stages.find(s => s.from === instruction)?.name
              ? [model.stages.find(s => s.from === instruction)!.name!]
              : []
            : []
      if (keys.length === 0) return
      const block = model.comments.filter(c => c.attachedTo === index && !c.directive)
      const last = block[block.length - 1]
      if (!last) return
      const first = last.text.split(' ')[0]
      if (keys.includes(first)) return
      const example = keys.length > 1 ? '<arg_key>' : keys[0]
      hits.push(
        hit(
          'definition-description',
          instruction,
          `Comment for ${instruction.keyword} should follow the format: \`# ${example} <description>\`.`
        )
      )
    })
    return hits
  },
  examples: {
    fires: [
      '# bar this is the bar\nARG foo=bar\nFROM scratch',
      'FROM scratch AS base\n# definitely a bad comment\nARG version=latest',
      '# BasE this is the BasE image\nFROM scratch AS base'
    ],
    passes: [
      '# foo this is the foo\nARG foo=bar\n# base this is the base image\nFROM scratch AS base',
      'FROM scratch\n# baz this is the baz\nARG foo=baz bar=qux baz=quux',
      'FROM scratch\n# comment for something other than ARG or FROM\nCOPY Dockerfile .'
    ]
  }
})
