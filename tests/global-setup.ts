import { prepareSeededPostgres, prepareSeededSnapshot } from './support/seeded-snapshot'

/** Once per run: the seeded databases every test file opens a copy of (tests/support/seeded-snapshot.ts). */
export default async function setup() {
  await prepareSeededSnapshot(process.cwd())
  await prepareSeededPostgres(process.cwd())
}
