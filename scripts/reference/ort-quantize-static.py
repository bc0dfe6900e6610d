# Checking only — never a dependency of EdgeLab, its README commands or npm test. Run in a venv with onnxruntime,
# onnx and sympy: onnxruntime's own static QDQ quantizer (quant_pre_process, then quantize_static: per-channel,
# uint8 activations, int8 weights, MinMax) on the calibration frames EdgeLab's reader made, for the side-by-side
# table in docs/quantization.md. Input folder: meta.json {source: float32 .onnx, input: input name, dims: one
# frame's tensor shape, frames: N} and cal.bin (N frames, raw float32, that shape, written from
# src-main/calibration/reader.ts calibrationFrames). Writes ort-pre.onnx, ort-int8.onnx and ort.json (seconds, peak RSS).
import json, resource, sys, time
import numpy as np
from onnxruntime.quantization import CalibrationDataReader, QuantFormat, QuantType, CalibrationMethod, quantize_static
from onnxruntime.quantization.shape_inference import quant_pre_process

d = sys.argv[1]
meta = json.load(open(f"{d}/meta.json"))
dims = meta["dims"]
n = int(np.prod(dims))


def frame(i):  # one frame at a time from the file (the reader holds no more than one)
    return np.fromfile(f"{d}/cal.bin", dtype=np.float32, count=n, offset=i * n * 4).reshape(dims)


class R(CalibrationDataReader):
    def __init__(self):
        self.i = 0

    def get_next(self):
        if self.i >= meta["frames"]:
            return None
        x = frame(self.i)
        self.i += 1
        return {meta["input"]: x}


t0 = time.time()
quant_pre_process(meta["source"], f"{d}/ort-pre.onnx")
t1 = time.time()
quantize_static(f"{d}/ort-pre.onnx", f"{d}/ort-int8.onnx", R(), quant_format=QuantFormat.QDQ, per_channel=True,
                activation_type=QuantType.QUInt8, weight_type=QuantType.QInt8, calibrate_method=CalibrationMethod.MinMax)
t2 = time.time()
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
json.dump({"preSeconds": t1 - t0, "quantSeconds": t2 - t1, "peakRssMb": rss}, open(f"{d}/ort.json", "w"))
print(d, round(t1 - t0, 2), round(t2 - t1, 2), round(rss))
