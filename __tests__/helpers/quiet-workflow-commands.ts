// When this suite itself runs inside GitHub Actions, anything a test prints
// that starts with `::` would become a real command on the CI job (the
// pitfall actions/cache documents). Tests capture child-process output
// themselves; this only guards the jest process's own stdout.
const write = process.stdout.write.bind(process.stdout)
process.stdout.write = ((chunk: unknown, ...rest: unknown[]) => {
  if (typeof chunk === 'string' && chunk.startsWith('::')) return true
  return (write as (...args: unknown[]) => boolean)(chunk, ...rest)
}) as typeof process.stdout.write
