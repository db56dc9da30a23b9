// A two-file cycle: must fail with import-x/no-cycle.
import { two } from './cycle-two'

export const one = () => two() + 1
