import { prepareSeededSnapshot } from './support/seeded-snapshot'

/** Once per run: the seeded database every test file opens a copy of (tests/support/seeded-snapshot.ts). */
export default async function setup() {
  await prepareSeededSnapshot(process.cwd())
}
