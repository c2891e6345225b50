// A forward proxy on 127.0.0.1 in its own process (tests that block on
// spawnSync can use it), as corporate proxies work: CONNECT host:port opens a
// tunnel, anything else is refused. It records every CONNECT target, and only
// ever connects to loopback.
import { spawn } from 'node:child_process'

const PROGRAM = `
const http = require('node:http')
const net = require('node:net')
const seen = []
const server = http.createServer((req, res) => {
  if (req.url === '/_proxy/connects') return res.end(JSON.stringify(seen))
  res.writeHead(405).end('only CONNECT')
})
server.on('connect', (req, socket, head) => {
  seen.push(req.url)
  const [host, port] = req.url.split(':')
  if (host !== '127.0.0.1' && host !== 'localhost') {
    socket.end('HTTP/1.1 403 Forbidden\\r\\n\\r\\n')
    return
  }
  const upstream = net.connect(Number(port), '127.0.0.1', () => {
    socket.write('HTTP/1.1 200 Connection Established\\r\\n\\r\\n')
    upstream.write(head)
    upstream.pipe(socket)
    socket.pipe(upstream)
  })
  upstream.on('error', () => socket.destroy())
  socket.on('error', () => upstream.destroy())
})
server.listen(0, '127.0.0.1', () => console.log('listening ' + server.address().port))
process.on('SIGTERM', () => process.exit(0))
`

export interface ForwardProxy {
  url: string
  /** The CONNECT targets (host:port) so far, in order. */
  connects(): Promise<string[]>
  close(): Promise<void>
}

export async function startForwardProxyProcess(): Promise<ForwardProxy> {
  const child = spawn(process.execPath, ['-e', PROGRAM], { stdio: ['ignore', 'pipe', 'inherit'] })
  const port = await new Promise<number>((resolve, reject) => {
    let out = ''
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString('utf8')
      const m = /listening (\d+)/.exec(out)
      if (m) resolve(Number(m[1]))
    })
    child.once('exit', code => reject(new Error(`proxy exited (${code}) before listening`)))
  })
  const url = `http://127.0.0.1:${port}`
  return {
    url,
    connects: async () => (await (await fetch(`${url}/_proxy/connects`)).json()) as string[],
    close: () =>
      new Promise<void>(resolve => {
        if (child.exitCode !== null) return resolve()
        child.once('exit', () => resolve())
        child.kill('SIGTERM')
      })
  }
}
