import { screen, waitFor } from '@testing-library/react'
import { testApi } from '../support/api'
import { SIMULATED_NOTICE } from '@/domain/provenance'
import { renderApp } from '../render'

/** A reader of any page can tell the figures are simulated without opening the help page. */
const PAGES = ['/', '/zones', '/zones/nanping', '/zones/district-wide', '/projects', '/projects/P001', '/delayed']

describe('simulated figures are labelled where they appear', () => {
  it.each(PAGES)('%s says so above its figures, once', async (path) => {
    renderApp(path)
    const notice = await screen.findByRole('note', {}, { timeout: 5000 })
    // The lead sentence always; the details too (CSS folds them away on a phone).
    expect(notice).toHaveTextContent(SIMULATED_NOTICE)
    // Wait until every query of the page has answered, then count.
    await waitFor(() => expect(screen.queryAllByText(/正在加载/)).toEqual([]), { timeout: 5000 })
    expect(screen.getAllByRole('note')).toHaveLength(1)
  })

  it.each(PAGES)('%s says nothing of the kind when every record is reported', async (path) => {
    await testApi.replaceProjects((await testApi.seededProjects()).map((r) => ({ ...r, simulated: false })))
    renderApp(path)
    await screen.findByRole('heading', { level: 1 }, { timeout: 5000 })
    // Wait for the page's data, then check no notice came with it.
    await screen.findAllByText(/亿元|万元|共 \d+ 个项目/, {}, { timeout: 5000 })
    await waitFor(() => expect(screen.queryAllByText(/正在加载/)).toEqual([]), { timeout: 5000 })
    expect(screen.queryByRole('note')).toBeNull()
    // Nor any 模拟 mark: they follow the data too.
    expect(screen.queryAllByText('模拟')).toEqual([])
  })

  it('a zone page ranks among the seven zones, and 跨片区/全区 is counted apart', async () => {
    renderApp('/zones/nanping')
    expect(await screen.findByText(/在7个片区中排第\d位/)).toBeInTheDocument()
  })

  it('跨片区/全区 is not ranked as if it were a zone', async () => {
    renderApp('/zones/district-wide')
    expect(await screen.findByText(/不参与七大片区排名/)).toBeInTheDocument()
    expect(screen.queryByText(/个片区中排第/)).toBeNull()
  })
})
