// A feature using shared code from src/lib: must pass.
import { clean } from '../../lib/clean'

export const aGood = clean(1)
