/**
 * The drawing canvas: the visitor draws a digit with mouse, pen or finger,
 * and after every stroke segment the drawing is turned into an MNIST-like
 * 28×28 input (preprocess.ts) and classified; the probabilities are shown as bars.
 */
import { toMnistInput } from '../preprocess';
import { byId, drawDigit, el, percent } from './dom';

/** Pen width in canvas pixels (the canvas is 280×280: MNIST strokes are about 2–3 px of 28). */
const PEN = 22;

/**
 * Wires the canvas. `classify` gets a 28×28 input and resolves with ten
 * probabilities; `onResult` receives them with the predicted class.
 */
export function setupDrawing(
  classify: (pixels: Float32Array) => Promise<number[]>,
  onResult: (label: number, probabilities: number[]) => void,
): { clear(): void } {
  const canvas = byId<HTMLCanvasElement>('pad');
  const preview = byId<HTMLCanvasElement>('pad-input');
  const bars = byId('probabilities');
  const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
  const rows = Array.from({ length: 10 }, (_, d) => {
    const row = el('div', 'prob');
    const bar = el('span', 'bar');
    const value = el('span', 'value', '–');
    row.append(el('span', 'class', String(d)), el('span', 'track'), value);
    row.children[1].append(bar);
    bars.append(row);
    return { row, bar, value };
  });

  const clear = () => {
    ctx.fillStyle = '#000';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    for (const r of rows) {
      r.bar.style.width = '0';
      r.value.textContent = '–';
      r.row.classList.remove('top');
    }
    drawDigit(preview, new Float32Array(784), 1);
  };
  clear();

  let inFlight = false;
  let again = false;
  const predict = async () => {
    if (inFlight) {
      again = true;
      return;
    }
    canvas.dataset.busy = 'true';
    const { data, width, height } = ctx.getImageData(0, 0, canvas.width, canvas.height);
    const ink = new Float32Array(width * height);
    for (let i = 0; i < ink.length; i++) ink[i] = data[4 * i] / 255;
    const input = toMnistInput(ink, width, height);
    if (!input) {
      canvas.dataset.busy = 'false';
      return;
    }
    drawDigit(preview, input, 1);
    inFlight = true;
    try {
      const probs = await classify(input);
      const label = probs.indexOf(Math.max(...probs));
      rows.forEach((r, d) => {
        r.bar.style.width = `${(100 * probs[d]).toFixed(1)}%`;
        r.value.textContent = percent(probs[d], 1);
        r.row.classList.toggle('top', d === label);
      });
      byId('pad-label').textContent = String(label);
      onResult(label, probs);
    } finally {
      inFlight = false;
      if (again) {
        again = false;
        void predict();
      } else canvas.dataset.busy = 'false';
    }
  };

  let last: [number, number] | undefined;
  const point = (e: PointerEvent): [number, number] => {
    const rect = canvas.getBoundingClientRect();
    return [
      ((e.clientX - rect.left) * canvas.width) / rect.width,
      ((e.clientY - rect.top) * canvas.height) / rect.height,
    ];
  };
  const stroke = (to: [number, number]) => {
    ctx.strokeStyle = '#fff';
    ctx.fillStyle = '#fff';
    ctx.lineWidth = PEN;
    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
    ctx.beginPath();
    if (last) {
      ctx.moveTo(...last);
      ctx.lineTo(...to);
      ctx.stroke();
    } else {
      ctx.arc(to[0], to[1], PEN / 2, 0, 2 * Math.PI);
      ctx.fill();
    }
    last = to;
  };
  canvas.addEventListener('pointerdown', (e) => {
    if (canvas.dataset.enabled !== 'true') return;
    canvas.setPointerCapture(e.pointerId);
    last = undefined;
    stroke(point(e));
    void predict();
  });
  canvas.addEventListener('pointermove', (e) => {
    if (last === undefined) return;
    stroke(point(e));
    void predict();
  });
  const end = () => {
    last = undefined;
  };
  canvas.addEventListener('pointerup', end);
  canvas.addEventListener('pointercancel', end);
  byId('pad-clear').addEventListener('click', clear);
  return { clear };
}
