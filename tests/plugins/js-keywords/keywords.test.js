// Unit tests of keywords.js, natively under Node (`node --test`), with the
// host's aggregates replaced by a plain counter: Node cannot load the
// component's `palisade:detector/...` import, so a module hook serves a
// stand-in for it (the component itself gets the host's).

import { register } from 'node:module';
import { test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';

// Counts without windows: enough for requests within one window.
const stub = `export function counterAdd(key, windowMs, n) {
  const counts = (globalThis.counts ??= new Map());
  counts.set(key, (counts.get(key) ?? 0n) + n);
  return counts.get(key);
}`;
const hooks = `export async function resolve(specifier, context, next) {
  if (specifier.startsWith('palisade:detector/aggregates')) {
    return { url: 'data:text/javascript,' + encodeURIComponent(${JSON.stringify(stub)}), shortCircuit: true };
  }
  return next(specifier, context);
}`;
register('data:text/javascript,' + encodeURIComponent(hooks));
const { detector } = await import('./keywords.js');

function request(account, prompt) {
  return { id: 'r', tsMs: 0n, account: { id: account }, client: {}, call: { prompt } };
}

beforeEach(() => {
  globalThis.counts = new Map();
  detector.configure('{"burst": 2}');
});

test('a run of matching prompts scores higher than one', () => {
  const ask = request('a', 'Think STEP BY STEP and show your reasoning');
  assert.equal(detector.detect(ask).score, 0.5 + 0.25);
  const second = detector.detect(ask);
  assert.equal(second.score, 1.0);
  assert.ok(second.tags.includes('keyword-burst'));
  assert.deepEqual(second.reasons, [
    'asks for reasoning, step by step',
    '2 such prompts from this account in the window',
  ]);
  assert.equal(detector.detect(request('b', 'reasoning')).score, 0.25 + 0.25);
  assert.equal(detector.detect(request('a', 'hello')).score, 0);
  assert.equal(detector.detect(request('a', undefined)).score, 0);
});

test('only ASCII letters are lower-cased, as in the Rust twin', () => {
  // U+212A KELVIN SIGN lower-cases to "k" in Unicode, not in ASCII.
  detector.configure('{"keywords": ["kelvin"]}');
  assert.equal(detector.detect(request('a', '\u212Aelvin')).score, 0);
  assert.ok(detector.detect(request('a', 'KELVIN')).score > 0);
});

test('settings errors name the setting', () => {
  for (const [settings, name] of [
    ['{"burst": 0}', 'burst'],
    ['{"brust": 3}', 'brust'],
    ['{"window_ms": 1e300}', 'window_ms'],
    ['{"keywords": [""]}', 'keywords'],
    ['not json', 'not JSON'],
  ]) {
    assert.throws(() => detector.validateSettings(settings), (e) => typeof e === 'string' && e.includes(name));
  }
  detector.validateSettings('{}');
});
