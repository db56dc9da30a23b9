// A feature reaching into another feature: must fail with import-x/no-restricted-paths.
import { bThing } from '../b/thing'

export const aThing = bThing + 1
