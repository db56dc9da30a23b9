/** The product's name and mark, at the top of every page. */
export function Brand() {
  return (
    <div className="brand">
      <span className="brand-mark" aria-hidden="true">
        南
      </span>
      <span className="brand-text">
        南岸区重点项目进度监测
        <small>区发展改革委</small>
      </span>
    </div>
  )
}
