import { prepareSeededSnapshot } from '@mocks/seeded-snapshot'

/** Once per run: the seeded database every test file opens a copy of (mocks/seeded-snapshot.ts). */
export default async function setup() {
  await prepareSeededSnapshot(process.cwd())
}
