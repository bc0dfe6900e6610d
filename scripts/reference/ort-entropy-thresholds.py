# Reference values for tests/src-main/calibration/entropy-vs-ort.test.ts: onnxruntime's own entropy threshold
# (onnxruntime.quantization.calibrate.HistogramCollector.get_entropy_threshold, onnxruntime 1.30) on symmetric
# histograms of the shape EdgeLab's calibrators keep (2048 bins over [-R, R]). Run outside the project, once:
#   python3 -m venv /tmp/v && /tmp/v/bin/pip install onnxruntime numpy && /tmp/v/bin/python scripts/reference/ort-entropy-thresholds.py
# It writes tests/fixtures/calibration/ort-entropy-thresholds.json. Not a dependency of the product or its tests.
import json, os
import numpy as np
import onnxruntime
from onnxruntime.quantization.calibrate import HistogramCollector

BINS = 2048
rng = np.random.default_rng(20261206)
cases = {
    'gaussian': rng.normal(0, 1, 200_000),
    'laplacian': rng.laplace(0, 1, 200_000),
    'gaussian-with-outliers': np.concatenate([rng.normal(0, 1, 200_000), rng.normal(0, 1, 200) * 2 + 25]),
    'student-t3': rng.standard_t(3, 200_000),
    'skewed-mixture': np.concatenate([rng.normal(2, 0.5, 150_000), rng.normal(-1, 2, 50_000)]),
}
out = {'onnxruntime': onnxruntime.__version__, 'bins': BINS, 'numQuantizedBins': 256, 'cases': []}
collector = HistogramCollector(method='entropy', symmetric=True, num_bins=BINS, num_quantized_bins=256, percentile=99.999, scenario='same')
for name, x in cases.items():
    r = float(np.abs(x).max())
    hist, edges = np.histogram(x, bins=BINS, range=(-r, r))
    lo, hi = collector.get_entropy_threshold((hist, edges, np.float64(x.min()), np.float64(x.max())), 256)
    out['cases'].append({'name': name, 'range': r, 'counts': hist.astype(int).tolist(), 'threshold': [float(lo), float(hi)]})
    print(name, r, float(lo), float(hi))
path = os.path.join(os.path.dirname(__file__), '..', '..', 'tests', 'fixtures', 'calibration', 'ort-entropy-thresholds.json')
os.makedirs(os.path.dirname(path), exist_ok=True)
with open(path, 'w') as f:
    json.dump(out, f)
