// The mocks may hand a request to the server: must pass.
import { handle } from '../server/handler'

export const forward = (path: string) => handle(path)
