// The action's entry (action.yml runs dist/index.js, bundled from here): the
// work is in main.ts, whose run() takes the environment as a parameter.
import { run } from './main.js'

await run()
