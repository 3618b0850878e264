/**
 * Entry of `webgpu.html`: runs the cpu-vs-webgpu training parity check and
 * publishes the outcome on `window.__convkitWebgpu` and in `<pre id="result">`
 * (its `data-status` is `running`, then `done` or `error`).
 */
import { BackendError } from '@convkit/core';
import { type ParityResult, runParity } from './webgpu-parity';

/** The value left on `window.__convkitWebgpu`; an error says whether it is convkit's typed `BackendError`. */
export type WebgpuReport =
  | ({ status: 'done' } & ParityResult)
  | { status: 'error'; backendError: boolean; message: string; stack: string }
  | { status: 'running' };

declare global {
  interface Window {
    __convkitWebgpu?: WebgpuReport;
  }
}

function publish(report: WebgpuReport): void {
  window.__convkitWebgpu = report;
  const el = document.getElementById('result');
  if (el) {
    el.dataset.status = report.status;
    el.textContent = JSON.stringify(report, null, 2);
  }
}

publish({ status: 'running' });
runParity().then(
  (result) => publish({ status: 'done', ...result }),
  (err: unknown) =>
    publish({
      status: 'error',
      backendError: err instanceof BackendError,
      message: err instanceof Error ? err.message : String(err),
      stack: err instanceof Error ? (err.stack ?? '') : '',
    }),
);
