// Starts the browser tests' servers side by side (playwright.config.ts's one webServer): Playwright starts its
// webServer entries one after another, each waiting for the last to answer, and the product servers seed their
// databases on first start, so four entries took about 20 s before the first test. Here they start together.
//
// E2E_SERVERS: JSON [{ name, command, env, url }]. Every port must be free (a server of another run that still
// answers there would otherwise be tested); if any server exits, the others are stopped and this exits 1. Once
// every url answers, prints "e2e servers answer" (the webServer's `wait.stdout`). Playwright ends the process
// group at the end of the run.
import { spawn } from 'node:child_process'
import { connect } from 'node:net'

const servers = JSON.parse(process.env.E2E_SERVERS ?? '[]')
const children = []

function stopAll(code) {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
  process.exit(code)
}
process.on('SIGTERM', () => stopAll(0))
process.on('SIGINT', () => stopAll(0))

const portUsed = (url) =>
  new Promise((resolve) => {
    const { hostname, port } = new URL(url)
    const socket = connect(Number(port), hostname)
    socket.once('connect', () => (socket.destroy(), resolve(true)))
    socket.once('error', () => resolve(false))
  })

for (const server of servers) {
  if (await portUsed(server.url)) {
    console.error(`${server.url} is already used: stop what runs there (another test run?) or choose another E2E_PORT.`)
    process.exit(1)
  }
}

const prefixed = (name, stream, out) => {
  let rest = ''
  stream.on('data', (chunk) => {
    const lines = (rest + chunk.toString('utf8')).split('\n')
    rest = lines.pop() ?? ''
    for (const line of lines) out.write(`[${name}] ${line}\n`)
  })
}

for (const server of servers) {
  const child = spawn(server.command, {
    shell: true,
    env: { ...process.env, ...server.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  children.push(child)
  // What each server says on stderr is shown, as Playwright shows a webServer's stderr; stdout only when asked.
  prefixed(server.name, child.stderr, process.stderr)
  if (process.env.DEBUG?.includes('pw:webserver')) prefixed(server.name, child.stdout, process.stderr)
  else child.stdout.resume()
  child.once('exit', (code, signal) => {
    console.error(`[${server.name}] exited (${code ?? signal}) before the tests ended`)
    stopAll(1)
  })
}

const answers = async (url) => {
  try {
    const response = await fetch(url)
    return response.ok
  } catch {
    return false
  }
}
const waiting = new Set(servers)
while (waiting.size > 0) {
  for (const server of [...waiting]) if (await answers(server.url)) waiting.delete(server)
  if (waiting.size > 0) await new Promise((resolve) => setTimeout(resolve, 100))
}
console.log('e2e servers answer')
// Stays up with its servers until Playwright ends the group.
setInterval(() => {}, 1 << 30)
