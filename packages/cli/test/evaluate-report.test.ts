import { evaluationReport } from '@convkit/cli';
import { reportFromConfusion } from '@convkit/layers';
import { describe, expect, it } from 'vitest';

describe('convkit evaluate report', () => {
  it('prints the metrics, the per-class report and the confusion matrix, and says why AUC is missing', () => {
    // truth 0 0 1 1 1; predicted 0 1 1 1 0; class 2 has no samples.
    const confusion = [
      [1, 1, 0],
      [1, 2, 0],
      [0, 0, 0],
    ];
    const text = evaluationReport(
      {
        metrics: { loss: 0.5, accuracy: 0.6 },
        aucSkipped: 'class 2 has no held-out samples',
        report: reportFromConfusion(confusion, { classNames: ['cat', 'dog', 'bird'] }),
        confusion,
        samples: 5,
      },
      'toy',
    );
    const lines = text.split('\n');
    expect(lines).toContain('accuracy  0.6000');
    expect(lines).toContain('auc       not defined: class 2 has no held-out samples');
    // cat: precision 1/2, recall 1/2; dog: precision 2/3, recall 2/3; bird: 0 and support 0.
    expect(text).toMatch(/^cat\s+0\.5000\s+0\.5000\s+0\.5000\s+2$/m);
    expect(text).toMatch(/^dog\s+0\.6667\s+0\.6667\s+0\.6667\s+3$/m);
    expect(text).toMatch(/^bird\s+0\.0000\s+0\.0000\s+0\.0000\s+0$/m);
    expect(text).toMatch(/^macro avg\s+0\.3889\s+0\.3889\s+0\.3889\s+5$/m);
    expect(text).toMatch(/^weighted avg\s+0\.6000\s+0\.6000\s+0\.6000\s+5$/m);
    const start = lines.indexOf('confusion matrix (rows: true class, columns: predicted class):');
    expect(lines.slice(start + 1, start + 6)).toEqual([
      'true \\ predicted  0  1  2',
      '----------------  -  -  -',
      '0 cat             1  1  0',
      '1 dog             1  2  0',
      '2 bird            0  0  0',
    ]);
    expect(lines.at(-1)).toBe('5 held-out images from toy');
  });
});
