/** The page's side of the worker protocol: typed requests that resolve with the worker's answer. */
import type { BatchEvent, EpochEvent, Request, Response, Results, TuneTrialEvent } from './protocol';

/** Progress events the worker streams. */
export interface WorkerEvents {
  batch(e: BatchEvent): void;
  epoch(e: EpochEvent): void;
  tuneTrial(e: TuneTrialEvent): void;
}

/** A typed client for the training worker. */
export class WorkerClient {
  private nextId = 1;
  private pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();

  constructor(
    private readonly worker: Worker,
    events: WorkerEvents,
  ) {
    worker.onmessage = (e: MessageEvent<Response>) => {
      const m = e.data;
      if (m.type === 'batch') events.batch(m);
      else if (m.type === 'epoch') events.epoch(m);
      else if (m.type === 'tune-trial') events.tuneTrial(m);
      else if (m.type === 'done' || m.type === 'error') {
        const p = this.pending.get(m.id);
        this.pending.delete(m.id);
        if (m.type === 'done') p?.resolve(m.value);
        else p?.reject(new Error(m.message));
      }
    };
    worker.onerror = (e) => {
      const err = new Error(`worker failed: ${e.message}`);
      for (const p of this.pending.values()) p.reject(err);
      this.pending.clear();
    };
  }

  /** Sends `request` and resolves with the worker's answer. */
  call<T extends Request['type']>(
    request: Extract<Request, { type: T }>,
    transfer: Transferable[] = [],
  ): Promise<Results[T]> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.worker.postMessage({ ...request, id }, transfer);
    });
  }
}
