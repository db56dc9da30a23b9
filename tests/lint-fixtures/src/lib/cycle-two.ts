// A two-file cycle: must fail with import-x/no-cycle.
import { one } from './cycle-one'

export const two = (): number => (Math.random() > 2 ? one() : 0)
