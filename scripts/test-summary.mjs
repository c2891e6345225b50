// Prints jest's result as one plain closing line: "label: N passed, N failed, N skipped".
import { readFileSync } from 'node:fs'

const [file, label] = process.argv.slice(2)
const r = JSON.parse(readFileSync(file, 'utf8'))
const skipped = r.numPendingTests + r.numTodoTests
console.log(`${label}: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${skipped} skipped`)
process.exit(r.success && r.numTotalTests > 0 ? 0 : 1)
