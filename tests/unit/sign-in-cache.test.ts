import type { SessionUser } from '@/contract'
import { authQueries, rememberSignIn } from '@/features/auth/api/auth'
import { createQueryClient } from '@/lib/query-client'

const staff = { username: 'staff', role: 'staff' } as unknown as SessionUser

describe('signing in', () => {
  it('keeps the new session when an earlier "nobody is signed in" answer arrives after it', async () => {
    const client = createQueryClient({ retry: false })
    // The sign-in page asked who is signed in; the answer (sent without a cookie) is still on its way.
    let answer!: (user: SessionUser | null) => void
    const asked = client.fetchQuery({ ...authQueries.me(), queryFn: () => new Promise<SessionUser | null>((resolve) => (answer = resolve)) }).catch(() => 'cancelled')
    client.setQueryData(['reports', '2024-10'], { items: [] })
    rememberSignIn(client, staff)
    answer(null)
    await asked
    expect(client.getQueryData(authQueries.me().queryKey)).toEqual(staff)
    // The earlier session's answers are gone.
    expect(client.getQueryData(['reports', '2024-10'])).toBeUndefined()
  })
})
