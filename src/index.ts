// The action's entry: everything lives in main.ts so tests can import run().
import { run } from './main.js'

await run()
