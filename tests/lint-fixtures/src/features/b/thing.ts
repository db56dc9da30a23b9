import { clean } from '../../lib/clean'

export const bThing = clean(2)
