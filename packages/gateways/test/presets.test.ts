import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { getPreset, listPresets, loadPresetsFrom, presetsDir } from '../src/presets.js';

const fileNames = readdirSync(presetsDir())
  .filter((f) => f.endsWith('.json'))
  .map((f) => f.slice(0, -'.json'.length))
  .sort();

describe('presets loader', () => {
  it('lists every preset file, named after it, with what it can do', () => {
    const infos = listPresets();
    expect(infos.map((p) => p.name)).toEqual(fileNames);
    const sandbox = infos.find((p) => p.name === 'sandbox');
    expect(sandbox).toMatchObject({
      settings: { baseUrl: 'http://127.0.0.1:4010' },
      credentials: [{ name: 'apiKey', required: false }],
      capabilities: { statusCallback: true, replyCallback: true, balance: true, numberCheck: false, unicode: true },
    });
  });

  it('returns a copy the caller may change without touching the shipped preset', () => {
    const a = getPreset('sandbox');
    expect(a).toBeDefined();
    if (a !== undefined) a.settings['baseUrl'] = 'http://mutated.example';
    expect(getPreset('sandbox')?.settings['baseUrl']).toBe('http://127.0.0.1:4010');
    expect(getPreset('no-such-preset')).toBeUndefined();
  });

  it('names the preset that does not validate, or is not JSON', () => {
    const tmp = mkdtempSync(join(tmpdir(), 'presets-'));
    try {
      writeFileSync(join(tmp, 'broken.json'), JSON.stringify({ send: { method: 'POST' } }));
      expect(() => loadPresetsFrom(tmp)).toThrow(/"broken".*send\.url/);
      writeFileSync(join(tmp, 'broken.json'), '{ not json');
      expect(() => loadPresetsFrom(tmp)).toThrow(/"broken" is not valid JSON/);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });
});
