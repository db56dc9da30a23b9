import { screen } from '@testing-library/react'
import { renderApp } from '../render'

describe('routing', () => {
  it('shows a 404 page for an unknown route', async () => {
    renderApp('/no/such/page')
    expect(await screen.findByRole('alert')).toHaveTextContent('404 · 页面不存在')
    expect(screen.getByRole('link', { name: '返回总览' })).toHaveAttribute('href', '/')
  })

  it('opens a deep link with its as-of month, and the navigation keeps the month', async () => {
    renderApp('/zones?asOf=2024-03')
    expect(await screen.findByText(/七大片区及跨片区\/全区项目1-3月投资完成情况/)).toBeInTheDocument()
    expect(screen.getByRole('link', { name: '项目库' })).toHaveAttribute('href', '/projects?asOf=2024-03')
  })

  it('explains the rules in a help page', async () => {
    renderApp('/help')
    expect(await screen.findByRole('heading', { level: 1, name: '口径说明' })).toBeInTheDocument()
    expect(screen.getByText(/截至第 M 月末为 M\/12/)).toBeInTheDocument()
  })
})
