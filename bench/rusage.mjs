// Loaded with `node --import` into the scanned process: records its peak memory on exit.
import { writeFileSync } from 'node:fs';

const out = process.env.OCULUM_BENCH_RUSAGE;
if (out) {
  process.on('exit', () => {
    const u = process.resourceUsage();
    writeFileSync(out, JSON.stringify({ maxRSSKiB: u.maxRSS, userUs: u.userCPUTime, systemUs: u.systemCPUTime }));
  });
}
