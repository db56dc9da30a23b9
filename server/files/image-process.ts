import { fork, type ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

/**
 * The child process that re-encodes photos (image-worker.mjs; decision 81, "Image work in a process of its
 * own"). Forked when an upload needs it, kept while uploads come, and told to exit once none has come for
 * `idleMs`: the memory image work leaves behind (glibc's arenas, libvips' buffers) goes with the process, so
 * the server's resident set is back where it was a few seconds after the last upload. It runs at a lower
 * priority, so the server's own thread — every reader's request — gets the CPU first.
 */

export type EncodeJob = { source: Uint8Array | string; maxInputPixels: number; displaySide: number; thumbSide: number }
type Copy = { bytes: Uint8Array; width: number; height: number }
export type EncodeResult = { ok: true; display: Copy; thumb: Copy; exif: Uint8Array | null } | { ok: false; error: string; stopped?: boolean }

type Reply = { id: number; error?: string; display?: Copy; thumb?: Copy; exif?: Uint8Array | null; ready?: boolean }

/** The worker beside this module, or (in the bundled server, dist-server/) in the sources from the repo root. */
function workerFile(): string {
  const here = dirname(fileURLToPath(import.meta.url))
  const candidates = [
    join(here, 'image-worker.mjs'),
    join(here, '..', 'server', 'files', 'image-worker.mjs'),
    join(here, '..', '..', 'server', 'files', 'image-worker.mjs'),
    resolve('server/files/image-worker.mjs'),
  ]
  return candidates.find((file) => existsSync(file)) ?? candidates[0]!
}

export type ImageProcessOptions = {
  /** The process exits once no job has come for this long. */
  idleMs?: number
  /** A job not answered by then stops the process (a crafted file that takes for ever); its upload is refused. */
  deadlineMs?: number
}

export class ImageProcess {
  private child: ChildProcess | null = null
  private nextId = 1
  private readonly pending = new Map<number, { settle: (result: EncodeResult) => void; timer: NodeJS.Timeout }>()
  private idleTimer: NodeJS.Timeout | null = null
  private readonly idleMs: number
  private readonly deadlineMs: number
  /** Processes started so far (tests and the benchmark read it). */
  started = 0

  constructor(options: ImageProcessOptions = {}) {
    this.idleMs = options.idleMs ?? 5_000
    this.deadlineMs = options.deadlineMs ?? 60_000
  }

  /** The running child's process id, or null when none runs. */
  get pid(): number | null {
    return this.child?.pid ?? null
  }

  encode(job: EncodeJob): Promise<EncodeResult> {
    const child = this.running()
    if (this.idleTimer) clearTimeout(this.idleTimer)
    this.idleTimer = null
    const id = this.nextId++
    return new Promise<EncodeResult>((settle) => {
      const timer = setTimeout(() => {
        // Every job in it goes with it; each is refused (stopped), and the next upload starts a new process.
        this.stop(child, `处理超过 ${this.deadlineMs / 1000} 秒仍未完成`)
      }, this.deadlineMs)
      this.pending.set(id, { settle, timer })
      child.ref()
      ;(child.channel as { ref?: () => void } | undefined)?.ref?.()
      child.send({ id, ...job })
    })
  }

  /** Stop the process now (the server is stopping; tests). Jobs still waiting are refused. */
  close(): void {
    if (this.child) this.stop(this.child, '服务正在停止')
  }

  private running(): ChildProcess {
    if (this.child && this.child.connected) return this.child
    const child = fork(workerFile(), [], {
      // Plain Node: the worker is JavaScript, and a test runner's or tsx's loader flags would only slow its start.
      execArgv: [],
      serialization: 'advanced',
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    })
    this.started++
    this.child = child
    child.on('message', (reply: Reply) => {
      if (reply.ready) return
      const job = this.pending.get(reply.id)
      if (!job) return
      this.pending.delete(reply.id)
      clearTimeout(job.timer)
      job.settle(reply.error !== undefined ? { ok: false, error: reply.error } : { ok: true, display: reply.display!, thumb: reply.thumb!, exif: reply.exif ?? null })
      this.whenIdle(child)
    })
    child.once('exit', () => {
      if (this.child === child) this.child = null
      this.refuseAll('图片处理进程意外退出')
    })
    child.once('error', () => undefined)
    return child
  }

  /** No job left: let the process (and the event loop) go, and ask it to exit after `idleMs`. */
  private whenIdle(child: ChildProcess) {
    if (this.pending.size > 0) return
    child.unref()
    ;(child.channel as { unref?: () => void } | undefined)?.unref?.()
    if (this.idleTimer) clearTimeout(this.idleTimer)
    this.idleTimer = setTimeout(() => {
      this.idleTimer = null
      if (this.pending.size === 0 && this.child === child && child.connected) child.disconnect()
    }, this.idleMs)
    this.idleTimer.unref()
  }

  private stop(child: ChildProcess, why: string) {
    if (this.child === child) this.child = null
    child.kill('SIGKILL')
    this.refuseAll(why)
  }

  private refuseAll(why: string) {
    for (const [id, job] of this.pending) {
      clearTimeout(job.timer)
      job.settle({ ok: false, error: why, stopped: true })
      this.pending.delete(id)
    }
  }
}
