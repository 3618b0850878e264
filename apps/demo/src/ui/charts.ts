/**
 * Live loss and accuracy charts with uPlot: training values per batch and
 * held-out values per epoch, on one x axis of training steps. Points are
 * buffered and the charts redrawn at most once per animation frame.
 */
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

type Columns = [number[], (number | null)[], (number | null)[]];

/** One chart: a training series (per batch) and a held-out series (per epoch). */
class LiveChart {
  private readonly plot: uPlot;
  private readonly data: Columns = [[], [], []];
  private scheduled = false;

  constructor(host: HTMLElement, title: string, label: string, range?: [number, number]) {
    const width = () => Math.max(240, Math.min(host.clientWidth || 480, 720));
    this.plot = new uPlot(
      {
        title,
        width: width(),
        height: 220,
        scales: { x: { time: false }, y: range ? { range } : {} },
        axes: [{ label: 'step' }, { label }],
        series: [
          { label: 'step' },
          { label: 'training', stroke: '#3b82f6', width: 1.5, points: { show: false } },
          { label: 'held-out', stroke: '#ef4444', width: 2, spanGaps: true, points: { show: true, size: 6 } },
        ],
      },
      this.data as uPlot.AlignedData,
      host,
    );
    new ResizeObserver(() => this.plot.setSize({ width: width(), height: 220 })).observe(host);
  }

  /** Appends a training point. */
  train(step: number, value: number): void {
    this.push(step, value, null);
  }

  /** Appends a held-out point (drawn as a marker joined to the previous epochs). */
  heldOut(step: number, value: number): void {
    const [xs, , val] = this.data;
    if (xs.length > 0 && xs[xs.length - 1] === step) val[val.length - 1] = value;
    else this.push(step, null, value);
    this.schedule();
  }

  clear(): void {
    for (const column of this.data) column.length = 0;
    this.schedule();
  }

  private push(step: number, train: number | null, val: number | null): void {
    this.data[0].push(step);
    this.data[1].push(train);
    this.data[2].push(val);
    this.schedule();
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    requestAnimationFrame(() => {
      this.scheduled = false;
      this.plot.setData(this.data as uPlot.AlignedData);
    });
  }
}

/** The loss and accuracy charts. */
export class TrainingCharts {
  readonly loss: LiveChart;
  readonly accuracy: LiveChart;

  constructor(lossHost: HTMLElement, accuracyHost: HTMLElement) {
    this.loss = new LiveChart(lossHost, 'Loss', 'cross-entropy');
    this.accuracy = new LiveChart(accuracyHost, 'Accuracy', 'accuracy', [0, 1]);
  }

  clear(): void {
    this.loss.clear();
    this.accuracy.clear();
  }
}
