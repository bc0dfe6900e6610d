// A real consumer of EdgeLab's TFLite Metadata (formats/tflite/metadata/write.ts): MediaPipe's ImageEmbedder
// (@mediapipe/tasks-vision, its WebAssembly build, delegate CPU) in headless Chromium loads the faceres embedder
// that `convert --to tflite` wrote. Without the TFLITE_METADATA entry MediaPipe refuses the float input (it needs
// NormalizationOptions); with EdgeLab's metadata it runs, and its embedding of a real frame equals EdgeLab's own
// `predict` of that frame (cosine ≥ 0.99). What is compared: both get the same 224×224 RGB pixels — the input
// tensor EdgeLab's predict fed (saved as .npy, values in [0, 1]) turned back into 8-bit pixels — so MediaPipe's
// resize is the identity and only the normalisation it reads from the metadata and the runtime differ (the whole
// frame through MediaPipe's own resampler is not compared). The fp16 variant of that .tflite runs there too.
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { readNpy } from '../src-main/formats/npy-reader';
import { useTempEngine } from '../src-main/engine/helpers';
import { readTfliteModel } from '../../src-main/formats/tflite/read-model';
import { serializeTflite } from '../../src-main/formats/tflite/writer';
import { readTfliteMetadataOf } from '../../src-main/formats/tflite/metadata/read';
import { withTfliteMetadata } from '../../src-main/formats/tflite/metadata/write';
import { openBrowser } from './browser';

const MP = join(process.cwd(), 'node_modules/@mediapipe/tasks-vision');
const ORIGIN = 'http://edgelab-mediapipe.test';
const engine = useTempEngine();
let browser: Browser;
let page: Page;
/** Files the page may fetch: path → bytes and content type. */
const served = new Map<string, { body: Buffer; type: string }>();

beforeAll(async () => {
  browser = await openBrowser();
  page = await browser.newPage();
  for (const f of ['vision_bundle.mjs']) served.set(`/${f}`, { body: await fs.readFile(join(MP, f)), type: 'text/javascript' });
  for (const f of await fs.readdir(join(MP, 'wasm'))) served.set(`/wasm/${f}`, { body: await fs.readFile(join(MP, 'wasm', f)), type: f.endsWith('.wasm') ? 'application/wasm' : 'text/javascript' });
  served.set('/', { body: Buffer.from(PAGE), type: 'text/html' });
  await page.route(`${ORIGIN}/**`, (route) => {
    const path = new URL(route.request().url()).pathname;
    const hit = served.get(path);
    return hit ? route.fulfill({ status: 200, body: hit.body, contentType: hit.type }) : route.fulfill({ status: 404, body: 'not found' });
  });
  page.on('console', (m) => {
    if (m.type() === 'error') console.log(`[page] ${m.text().slice(0, 300)}`);
  });
  await page.goto(`${ORIGIN}/`);
  await page.waitForFunction(() => (globalThis as unknown as { ready?: boolean }).ready === true);
}, 120_000);

afterAll(async () => {
  await browser?.close();
});

/** The page's one function (a module script, so the import stays the browser's own): loads `/model/<name>` in
 *  ImageEmbedder (CPU), embeds the RGBA pixels at `/pixels/<pix>` (w×h); the error message when it refuses. */
const PAGE = `<!doctype html><title>mediapipe</title><script type="module">
import { FilesetResolver, ImageEmbedder } from '/vision_bundle.mjs';
window.embed = async (name, pix, w, h) => {
  const fileset = await FilesetResolver.forVisionTasks('/wasm');
  try {
    const model = new Uint8Array(await (await fetch('/model/' + name)).arrayBuffer());
    const pixels = new Uint8ClampedArray(await (await fetch('/pixels/' + pix)).arrayBuffer());
    const e = await ImageEmbedder.createFromOptions(fileset, { baseOptions: { modelAssetBuffer: model, delegate: 'CPU' }, runningMode: 'IMAGE' });
    const r = e.embed(new ImageData(pixels, w, h));
    e.close();
    return { heads: r.embeddings.map((x) => ({ name: x.headName, embedding: Array.from(x.floatEmbedding) })) };
  } catch (x) {
    return { error: String((x && x.message) || x) };
  }
};
window.ready = true;
</script>`;

/** MediaPipe's embeddings, one per output head (headName: the output's TensorMetadata name), or its error. */
interface Embedded {
  heads?: { name: string; embedding: number[] }[];
  error?: string;
}

async function embed(name: string, pixels: Uint8ClampedArray, w: number, h: number): Promise<Embedded> {
  served.set(`/pixels/${name}`, { body: Buffer.from(pixels.buffer, pixels.byteOffset, pixels.byteLength), type: 'application/octet-stream' });
  return page.evaluate(
    ([n, ww, hh]) => (globalThis as unknown as { embed: (a: string, b: string, c: number, d: number) => Promise<Embedded> }).embed(n as string, n as string, ww as number, hh as number),
    [name, w, h] as const,
  );
}

function cosine(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i] * b[i];
    na += a[i] * a[i];
    nb += b[i] * b[i];
  }
  return dot / Math.sqrt(na * nb);
}

describe('MediaPipe ImageEmbedder on an EdgeLab-written .tflite', () => {
  it('refuses the float model without TFLite Metadata, runs it with EdgeLab\'s, and agrees with EdgeLab\'s predict (cosine ≥ 0.99)', async () => {
    const dir = engine().dir;
    const out = join(dir, 'mp', 'faceres.tflite');
    await engine().engine.convertModel({ model: 'faceres', to: 'tflite', out });
    const withMeta = new Uint8Array(await fs.readFile(out));
    const md = readTfliteMetadataOf(withMeta, out)!;
    expect(md.summary.inputs[0]).toMatchObject({ content: 'image', colorSpace: 'RGB', defaultSize: { width: 224, height: 224 }, mean: [0], std: [255] });
    const bare = readTfliteModel(withMeta, out);
    bare.metadata = bare.metadata?.filter((e) => e.name !== 'TFLITE_METADATA');
    served.set('/model/with.tflite', { body: Buffer.from(withMeta), type: 'application/octet-stream' });
    served.set('/model/without.tflite', { body: Buffer.from(serializeTflite(bare)), type: 'application/octet-stream' });

    const p = await engine().engine.predict({ model: out, clip: 'cup', frame: 40, saveOutputs: join(dir, 'pred') });
    const input = readNpy(await fs.readFile(p.inputs[0].file!));
    expect(input.shape).toEqual([1, 224, 224, 3]);
    const rgba = new Uint8ClampedArray(224 * 224 * 4);
    for (let i = 0; i < 224 * 224; i++) {
      for (let c = 0; c < 3; c++) rgba[4 * i + c] = Math.round(Number(input.data[3 * i + c]) * 255);
      rgba[4 * i + 3] = 255;
    }
    const head = p.outputs.find((o) => o.name === 'global_pooling/Mean')!; // faceres' embedding output (catalog meta)
    const ours = readNpy(await fs.readFile(head.file!)).data;

    const refused = await embed('without.tflite', rgba, 224, 224);
    console.log(`MediaPipe without metadata: ${refused.error?.split('\n')[0]}`);
    expect(refused.heads).toBeUndefined();
    expect(refused.error).toMatch(/NormalizationOptions/);

    const ran = await embed('with.tflite', rgba, 224, 224);
    expect(ran.error).toBeUndefined();
    console.log(`MediaPipe heads: ${ran.heads!.map((x) => `${x.name} (${x.embedding.length})`).join(', ')}`);
    const mp = ran.heads!.find((x) => x.name === head.name)!; // headName = the output's TensorMetadata name
    expect(mp.embedding.length).toBe(1024);
    const c = cosine(mp.embedding, Array.from(ours, Number));
    const pred = cosine(mp.embedding, p.embedding!);
    console.log(`MediaPipe ImageEmbedder vs EdgeLab predict, cup frame 40, same 224×224 pixels: cosine ${c.toFixed(8)} to the saved output, ${pred.toFixed(8)} to predict's embedding (dims ${ours.length})`);
    expect(c).toBeGreaterThanOrEqual(0.99);
    expect(pred).toBeGreaterThanOrEqual(0.99);

    // MediaPipe really normalises by what the metadata says: the same file told range [0, 255] (mean 0, std 1)
    const meta = (await engine().engine.inspectModel({ model: out })).meta!;
    served.set('/model/wrong.tflite', { body: Buffer.from(withTfliteMetadata(readTfliteModel(withMeta, out), { ...meta, input: { ...meta.input, range: [0, 255] } })), type: 'application/octet-stream' });
    const wrong = (await embed('wrong.tflite', rgba, 224, 224)).heads!.find((x) => x.name === head.name)!;
    const cw = cosine(wrong.embedding, Array.from(ours, Number));
    console.log(`the same file with NormalizationOptions mean 0 std 1 (range [0, 255]): cosine ${cw.toFixed(6)}`);
    expect(cw).toBeLessThan(c - 0.01);

    // a variant of the .tflite (fp16 weights + DEQUANTIZE) carries the metadata too and runs in MediaPipe
    const fp16 = join(dir, 'mp16', 'faceres-fp16.tflite');
    await engine().engine.convertModel({ model: out, to: 'fp16', out: fp16, frames: 2 });
    served.set('/model/fp16.tflite', { body: await fs.readFile(fp16), type: 'application/octet-stream' });
    const half = await embed('fp16.tflite', rgba, 224, 224);
    expect(half.error).toBeUndefined();
    const mpHalf = half.heads!.find((x) => x.name === head.name)!.embedding;
    const p16 = await engine().engine.predict({ model: fp16, clip: 'cup', frame: 40, saveOutputs: join(dir, 'pred16') });
    const ours16 = readNpy(await fs.readFile(p16.outputs.find((o) => o.name === head.name)!.file!)).data;
    const ch = cosine(mpHalf, Array.from(ours16, Number));
    console.log(`fp16 variant in MediaPipe vs EdgeLab's predict of the fp16 file: cosine ${ch.toFixed(6)}; vs the float32 predict ${cosine(mpHalf, Array.from(ours, Number)).toFixed(6)}`);
    expect(ch).toBeGreaterThanOrEqual(0.99);

  }, 600_000);
});
