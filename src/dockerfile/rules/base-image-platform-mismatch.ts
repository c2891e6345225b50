import { defineRule, hit, shown } from '../rule-kit.js'

export default defineRule({
  id: 'base-image-platform-mismatch',
  aliases: ['InvalidBaseImagePlatform'],
  severity: 'medium',
  title: 'Image built for another platform than the Dockerfile asks for',
  help: 'When the built image is scanned too, its platform is known offline: if the final stage pins `FROM --platform=<os/arch>` to something else, the image is not what the Dockerfile says (BuildKit warns when a pulled base does not match the build platform; without pulling, this is the case that can be known).',
  fix: 'Build with the platform the Dockerfile names, or fix the `--platform` of the final stage.',
  check(input) {
    const platform = input.context.imagePlatform
    const final = input.stages[input.stages.length - 1]
    if (!platform || !final) return []
    for (let f: typeof final | undefined = final; f; f = f.parent) {
      const wanted = f.stage.platform
      if (wanted === undefined) continue
      if (wanted.includes('$')) return []
      const [os, arch, variant] = wanted.toLowerCase().split('/')
      const [imageOs, imageArch, imageVariant] = platform.toLowerCase().split('/')
      const same =
        os === imageOs &&
        (!arch || arch === imageArch) &&
        (!variant || !imageVariant || variant === imageVariant)
      if (same) return []
      return [
        hit(
          'base-image-platform-mismatch',
          f.stage.from,
          `The scanned image is ${shown(platform, 40)}, but this FROM asks for --platform=${shown(wanted, 40)}.`
        )
      ]
    }
    return []
  },
  examples: {
    fires: [
      {
        text: 'FROM --platform=linux/amd64 alpine:3.20\nUSER 1',
        context: { imagePlatform: 'linux/arm64' }
      }
    ],
    passes: [
      {
        text: 'FROM --platform=linux/amd64 alpine:3.20\nUSER 1',
        context: { imagePlatform: 'linux/amd64' }
      },
      {
        text: 'FROM --platform=$TARGETPLATFORM alpine:3.20',
        context: { imagePlatform: 'linux/arm64' }
      },
      'FROM --platform=linux/amd64 alpine:3.20'
    ]
  }
})
