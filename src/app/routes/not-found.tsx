import { Link } from 'react-router'
import { NotFoundState } from '@/components/query-state'
import { paths } from '@/config/paths'

export function Component() {
  return (
    <>
      <title>页面不存在 · 南岸区重点项目进度监测</title>
      <NotFoundState title="404 · 页面不存在">
        <span>您访问的地址没有对应的页面，可能链接有误或页面已调整。</span>
        <Link to={paths.home.getHref()}>返回总览</Link>
      </NotFoundState>
    </>
  )
}
