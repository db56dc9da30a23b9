import type { SignInThrottleEntry } from '@/contract/accounts'
import { QueryBoundary } from '@/components/query-state'
import { TableScroll } from '@/components/table-scroll'
import { zhDateTime } from '@/lib/format'
import type { UseQueryResult } from '@tanstack/react-query'
import type { SignInThrottleList } from '@/contract/accounts'
import { useLiftThrottle } from '../api/accounts'

/** What an entry holds back, in words. */
export function throttleLabel(entry: SignInThrottleEntry): string {
  if (entry.kind === 'address') return `地址 ${entry.address} 失败 ${entry.failures} 次，未在此地址登录过的用户名暂停${entry.active ? `至 ${zhDateTime(entry.until)}` : '（已到期）'}`
  return `从 ${entry.address} 失败 ${entry.failures} 次，${entry.active ? `暂停至 ${zhDateTime(entry.until)}` : '暂停已到期，再失败将暂停更久'}`
}

/** The 登录限制 cell of an account's row: its held pairs, and one button that lifts them all. */
export function AccountThrottleCell({ username, entries, onLifted }: { username: string; entries: SignInThrottleEntry[]; onLifted: (message: string) => void }) {
  const lift = useLiftThrottle()
  const mine = entries.filter((e) => e.kind === 'pair' && e.username === username)
  if (mine.length === 0) return <>—</>
  return (
    <span className="stack-sm">
      <span className={`badge ${mine.some((e) => e.active) ? 'badge-red' : 'badge-grey'}`}>{mine.some((e) => e.active) ? '登录暂停中' : '有失败记录'}</span>
      {mine.map((e) => (
        <span key={e.address} className="cell-sub">
          {throttleLabel(e)}
        </span>
      ))}
      <button
        type="button"
        className="button button-small"
        disabled={lift.isPending}
        onClick={() => lift.mutate({ username }, { onSuccess: () => onLifted(`已解除账户 ${username} 的登录限制`), onError: () => onLifted(`解除账户 ${username} 的登录限制失败，请重试`) })}
      >
        解除限制<span className="sr-only"> {username}</span>
      </button>
    </span>
  )
}

/** Every held entry, names that are not accounts and addresses included, each with its own 解除 button. */
export function SignInThrottleTable({ query, onLifted }: { query: UseQueryResult<SignInThrottleList>; onLifted: (message: string) => void }) {
  const lift = useLiftThrottle()
  return (
    <QueryBoundary query={query} loadingLabel="正在加载登录限制…">
      {(list) =>
        list.items.length === 0 ? (
          <p>当前没有被暂停的登录。</p>
        ) : (
          <TableScroll label="登录限制（可横向滚动）">
            <table className="table">
              <caption className="sr-only">登录限制</caption>
              <thead>
                <tr>
                  <th scope="col">用户名</th>
                  <th scope="col">来源地址</th>
                  <th scope="col">失败次数</th>
                  <th scope="col">最近失败</th>
                  <th scope="col">状态</th>
                  <th scope="col">操作</th>
                </tr>
              </thead>
              <tbody>
                {list.items.map((e) => {
                  const who = e.username ?? `地址 ${e.address} 的全部用户名`
                  return (
                    <tr key={`${e.kind}-${e.username ?? ''}-${e.address}`}>
                      <th scope="row" className="cell-text">
                        {e.username ?? '（多个用户名）'}
                      </th>
                      <td>{e.address}</td>
                      <td className="num">{e.failures}</td>
                      <td className="num">{zhDateTime(e.lastFailureAt)}</td>
                      <td>{e.active ? `暂停至 ${zhDateTime(e.until)}` : '已到期'}</td>
                      <td>
                        <button
                          type="button"
                          className="button button-small"
                          disabled={lift.isPending}
                          onClick={() =>
                            lift.mutate(
                              { address: e.address, ...(e.username ? { username: e.username } : {}) },
                              { onSuccess: () => onLifted(`已解除 ${who}（${e.address}）的登录限制`), onError: () => onLifted('解除登录限制失败，请重试') },
                            )
                          }
                        >
                          解除<span className="sr-only"> {who} {e.address}</span>
                        </button>
                      </td>
                    </tr>
                  )
                })}
              </tbody>
            </table>
          </TableScroll>
        )
      }
    </QueryBoundary>
  )
}
