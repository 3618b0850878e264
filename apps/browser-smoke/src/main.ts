/**
 * Page entry: runs the smoke training and publishes the outcome on
 * `window.__convkitSmoke` and in `<pre id="result">` (its `data-status` is
 * `running`, then `done` or `error`).
 */
import { runSmoke, type SmokeResult } from './smoke';

/** The value left on `window.__convkitSmoke`. */
export type SmokeReport =
  | ({ status: 'done' } & SmokeResult)
  | { status: 'error'; error: string }
  | { status: 'running' };

declare global {
  interface Window {
    __convkitSmoke?: SmokeReport;
  }
}

function publish(report: SmokeReport): void {
  window.__convkitSmoke = report;
  const el = document.getElementById('result');
  if (el) {
    el.dataset.status = report.status;
    el.textContent = JSON.stringify(report, null, 2);
  }
}

publish({ status: 'running' });
const params = new URLSearchParams(location.search);
const steps = Number(params.get('steps') ?? '') || undefined;
runSmoke({ steps }).then(
  (result) => publish({ status: 'done', ...result }),
  (err: unknown) =>
    publish({
      status: 'error',
      error: err instanceof Error ? `${err.name}: ${err.message}\n${err.stack ?? ''}` : String(err),
    }),
);
