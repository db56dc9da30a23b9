import { existsSync } from 'node:fs'

/** Debian's Chromium and the flags this machine needs (no sandbox as root, no background networking). */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

/**
 * The browser of the browser tests: Debian's Chromium headless shell (package chromium-headless-shell, the same
 * Chromium without the desktop browser around it, what Playwright itself runs headless) when it is installed, else
 * Chromium. Its browser process used 25 s of CPU in a run of the suite where Chromium's used 65 s (decision 10).
 * The benchmarks and screenshots keep the whole Chromium (CHROMIUM_PATH): they measure what a reader's browser does.
 */
const HEADLESS_SHELL_PATH = '/usr/lib/chromium/chromium-headless-shell'
export const TEST_CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? (existsSync(HEADLESS_SHELL_PATH) ? HEADLESS_SHELL_PATH : '/usr/bin/chromium')
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

/**
 * What a phone says it is (Lighthouse's mobile preset sends this one): the server draws a page's charts at a
 * phone's width for it (decision 57), so a phone in the benchmarks, the screenshots and the tests says so too.
 */
export const PHONE_USER_AGENT =
  'Mozilla/5.0 (Linux; Android 11; moto g power (2022)) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Mobile Safari/537.36'
