// Every HTTP client here (registries, OSV, KEV/EPSS, Sigstore's TUF, and
// Octokit for the GitHub API: src/github/octokit.ts hands it the global fetch)
// uses the global fetch. Behind a corporate proxy, HTTPS_PROXY / HTTP_PROXY /
// NO_PROXY must apply to all of them, as the Actions toolkit and trivy honour
// them: one process-wide dispatcher, installed at the edge before any request.
// undici is loaded only when a proxy is configured, so a run without one pays
// nothing at start-up. Extra CAs (NODE_EXTRA_CA_CERTS) are Node's own.

const PROXY_VARIABLES = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy'] as const

/** The proxy URL the environment names, if any (what decides whether undici is loaded). */
export function configuredProxy(env: NodeJS.ProcessEnv): string | undefined {
  for (const name of PROXY_VARIABLES) {
    const value = env[name]?.trim()
    if (value) return value
  }
  return undefined
}

/**
 * Route the global fetch through the environment's proxy (NO_PROXY hosts go
 * direct). Returns a line for the log, or undefined when there is no proxy.
 * A proxy URL that cannot be parsed is an error of its own, named.
 */
export async function useProxyFromEnvironment(env: NodeJS.ProcessEnv): Promise<string | undefined> {
  const proxy = configuredProxy(env)
  if (!proxy) return undefined
  let shown: string
  try {
    const url = new URL(proxy)
    // The proxy URL may carry credentials: the log names the host only.
    shown = `${url.protocol}//${url.host}`
  } catch {
    throw new Error('HTTPS_PROXY/HTTP_PROXY is not a URL (expected http://host:port)')
  }
  const { EnvHttpProxyAgent, setGlobalDispatcher } = await import('undici')
  setGlobalDispatcher(new EnvHttpProxyAgent())
  const noProxy = (env.NO_PROXY ?? env.no_proxy ?? '').trim()
  return `HTTP requests go through the proxy ${shown}${noProxy ? ` (except NO_PROXY: ${noProxy})` : ''}`
}
