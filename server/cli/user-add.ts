import { parseArgs } from 'node:util'
import { ROLES } from '@/contract'
import { CreateAccountSchema } from '@/contract/accounts'
import { createAccount } from '../auth/accounts'
import { randomPassword } from '../auth/password'
import { openDatabase } from '../db/client'
import { DataDirInUse, lockDataDir } from '../db/data-dir-lock'
import { parseEnv } from '../env'
import { loggableError } from '../log'

/**
 * Create an account from a shell — the first real admin of a deployment:
 *   npm run user:add -- --username wang --name 王五 --unit 区发改委 --role admin
 * The password is read from standard input with --password-stdin, else a random one is printed once.
 * Uses DATA_DIR / DATABASE_URL like the server. The embedded database admits one process: stop the server first.
 */
const usage = `用法: npm run user:add -- --username <用户名> --name <姓名> --role <${ROLES.join('|')}> [--unit <所在单位>] [--owner-unit <业主单位>] [--password-stdin]`

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '')
}

async function main() {
  const { values } = parseArgs({
    options: {
      username: { type: 'string' },
      name: { type: 'string' },
      role: { type: 'string' },
      'owner-unit': { type: 'string' },
      unit: { type: 'string' },
      'password-stdin': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  })
  if (values.help) {
    console.log(usage)
    return 0
  }
  const password = values['password-stdin'] ? await readStdin() : randomPassword()
  const parsed = CreateAccountSchema.safeParse({
    username: values.username,
    displayName: values.name ?? values.username,
    role: values.role,
    ownerUnit: values['owner-unit'] ?? null,
    unit: values.unit ?? null,
    password,
  })
  if (!parsed.success) {
    for (const issue of parsed.error.issues) console.error(`${issue.path.join('.') || '参数'}: ${issue.message}`)
    console.error(usage)
    return 2
  }
  const env = parseEnv(process.env)
  // The embedded database admits one process: refused while a server holds the folder (decision 72).
  if (!env.DATABASE_URL) {
    try {
      lockDataDir(env.DATA_DIR, 'user:add')
    } catch (error) {
      if (!(error instanceof DataDirInUse)) throw error
      console.error(`未创建：${error.message}`)
      return 1
    }
  }
  const database = await openDatabase({ dataDir: env.DATA_DIR, databaseUrl: env.DATABASE_URL })
  try {
    const result = await createAccount(database.db, parsed.data, { username: null, address: 'cli', now: new Date() })
    if (!result.ok) {
      console.error(`未创建：${result.message}`)
      return 1
    }
    console.log(`已创建账户 ${result.account.username}（${result.account.role}）`)
    if (!values['password-stdin']) console.log(`初始密码（只显示这一次）：${password}`)
    return 0
  } finally {
    await database.close()
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`失败：${loggableError(error).message}`)
    process.exit(1)
  },
)
