// Labels files of each kind, read as a sidecar names them (resolved against the sidecar's folder).
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseLabelsFile, resolveLabels } from '../../../src-main/models/labels-file';
import { parsePythonNames } from '../../../src-main/models/ultralytics';
import { metaForModel } from '../../../src-main/models/catalog';
import type { ModelMeta } from '../../../src-shared/types/model';

let dir = '';
beforeAll(async () => {
  dir = await fs.mkdtemp(join(tmpdir(), 'edgelab-labels-'));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

const META: ModelMeta = {
  task: 'detector',
  input: { width: 64, height: 64, layout: 'NCHW', dtype: 'float32', range: [0, 1], resize: 'letterbox', channels: 'RGB' },
  decoder: { kind: 'yolo-v8', params: {} },
};

describe('labels files', () => {
  it('text (labels.txt, coco.names): one name a line, CRLF and BOM tolerated, trailing blank lines dropped', () => {
    expect(parseLabelsFile('\uFEFFcat\r\ndog\r\n\r\n', 'labels.txt')).toEqual(['cat', 'dog']);
    expect(parseLabelsFile('person\nbicycle\n', 'coco.names')).toEqual(['person', 'bicycle']);
  });
  it('JSON list or id → name map (gaps become "")', () => {
    expect(parseLabelsFile('["a","b"]', 'l.json')).toEqual(['a', 'b']);
    expect(parseLabelsFile('{"0":"a","2":"c"}', 'l.json')).toEqual(['a', '', 'c']);
  });
  it('Ultralytics data.yaml: names as a map or a list', () => {
    expect(parseLabelsFile('path: ../datasets\nnames:\n  0: person\n  1: bicycle\n', 'data.yaml')).toEqual(['person', 'bicycle']);
    expect(parseLabelsFile("names: ['x', 'y']\n", 'data.yml')).toEqual(['x', 'y']);
  });
  it('bad files are BAD_INPUT naming the file', () => {
    expect(() => parseLabelsFile('[1, 2]', '/m/l.json')).toThrow(/not a string/);
    expect(() => parseLabelsFile('{oops', '/m/l.json')).toThrow(/not valid JSON/);
    expect(() => parseLabelsFile('\n\n', '/m/labels.txt')).toThrow(/holds no name/);
    expect(() => parseLabelsFile('{"x": "a"}', '/m/l.json')).toThrow(/not a class id/);
  });
  it('a sidecar labels name resolves against its folder; a built-in set stays a name; a missing file is BAD_INPUT', async () => {
    await fs.mkdir(join(dir, 'sub'), { recursive: true });
    await fs.writeFile(join(dir, 'sub', 'names.txt'), 'cat\ndog\n');
    expect((await resolveLabels({ ...META, labels: 'sub/names.txt' }, join(dir, 'm.edgelab.json'))).labels).toEqual(['cat', 'dog']);
    expect((await resolveLabels({ ...META, labels: 'COCO80' }, join(dir, 'm.edgelab.json'))).labels).toBe('COCO80');
    await expect(resolveLabels({ ...META, labels: 'nope.txt' }, join(dir, 'm.edgelab.json'))).rejects.toMatchObject({ code: 'BAD_INPUT', message: expect.stringMatching(/neither a built-in set .* nor a readable file/) });
  });
  it('metaForModel reads the sidecar and its labels file', async () => {
    await fs.writeFile(join(dir, 'mine.onnx'), 'not read');
    await fs.writeFile(join(dir, 'classes.json'), '["a", "b", "c"]');
    await fs.writeFile(join(dir, 'mine.edgelab.json'), JSON.stringify({ ...META, labels: 'classes.json' }));
    expect((await metaForModel(join(dir, 'mine.onnx')))?.labels).toEqual(['a', 'b', 'c']);
  });
});

describe('Ultralytics names (a Python dict literal)', () => {
  it('single and double quotes, escapes, gaps', () => {
    expect(parsePythonNames("{0: 'person', 1: 'bicycle'}")).toEqual(['person', 'bicycle']);
    expect(parsePythonNames(`{0: "it's", 2: 'a\\'b'}`)).toEqual(["it's", '', "a'b"]);
    expect(parsePythonNames("['a', 'b']")).toBeUndefined();
    expect(parsePythonNames("{0: person}")).toBeUndefined();
  });
});
