import type { OutputStream } from './io.js';

/**
 * A one-line progress bar on a terminal (stderr). It appears only once a scan has run for a while,
 * redraws at most every 100 ms and erases itself when done, so short scans and pipes never see it.
 */
export class ProgressBar {
  private readonly startedAt = Date.now();
  private lastDraw = 0;
  private drawn = false;

  constructor(
    private readonly stream: OutputStream,
    private readonly enabled: boolean,
    private readonly delayMs = 500,
  ) {}

  update(done: number, total: number): void {
    if (!this.enabled || total <= 0) return;
    const now = Date.now();
    if (now - this.startedAt < this.delayMs) return;
    if (this.drawn && now - this.lastDraw < 100 && done < total) return;
    this.lastDraw = now;
    this.drawn = true;
    const width = Math.max(10, Math.min(40, (this.stream.columns ?? 80) - 40));
    const ratio = Math.min(1, done / total);
    const filled = Math.round(ratio * width);
    const bar = '█'.repeat(filled) + '░'.repeat(width - filled);
    this.stream.write(`\r\x1b[2KScanning ${bar} ${String(Math.floor(ratio * 100)).padStart(3)}% ${done}/${total} files`);
  }

  done(): void {
    if (this.drawn) this.stream.write('\r\x1b[2K');
    this.drawn = false;
  }
}
