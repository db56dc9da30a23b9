// npm run dev: the API server (restarting on change, data in ./data) and Vite with hot reload,
// which proxies /api to it. Ctrl-C stops both.
import { spawn } from 'node:child_process'

const apiPort = process.env.API_PORT ?? '3001'
const children = [
  spawn('npx', ['tsx', 'watch', '--tsconfig', 'tsconfig.json', 'server/main.ts'], {
    stdio: 'inherit',
    env: { ...process.env, PORT: apiPort, HOST: '127.0.0.1', STATIC_DIR: 'dist' },
  }),
  spawn('npx', ['vite'], { stdio: 'inherit', env: { ...process.env, VITE_API_MODE: 'server', API_PORT: apiPort } }),
]
const stop = () => children.forEach((child) => child.kill('SIGTERM'))
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
for (const child of children) child.on('exit', (code) => code && stop())
