// `keywords` in JavaScript: prompts that ask for hidden reasoning, and how often.
//
// The JavaScript twin of tests/plugins/keywords (Rust): the same settings,
// the same score, the same reasons and tags, so the two decide alike on the
// same requests (tests/all/js_plugin.rs checks it). It is also what
// `palisade plugin new NAME --lang js` writes (as detector.js).
//
// Build (componentize-js reads the WIT and generates the bindings itself;
// `--disable` keeps every WASI interface out, so the component imports only
// the host's aggregates):
//
//     componentize-js --wit wit --world-name plugin \
//         --disable stdio random clocks http fetch-event -o keywords.wasm keywords.js
//
// Bindings: the WIT's `detector` interface is the exported object `detector`,
// its functions and record fields in camelCase; a u64 is a BigInt; an
// `option` is the value or `undefined`; a thrown string is a `result`'s
// error. With stdio disabled an uncaught exception traps (the host turns a
// trap into the plugin's failure), so `detect` must not throw.
//
// Score: 0.25 per keyword found (at most 0.5), plus up to 0.5 as the
// account's matching prompts in the window approach `burst`. A prompt
// without a keyword scores 0 and is not counted.

import { counterAdd } from 'palisade:detector/aggregates@0.1.0';

const NAME = 'keywords';

const DEFAULTS = {
  keywords: ['reasoning', 'step by step', 'chain of thought', 'show your work'],
  window_ms: 3_600_000,
  burst: 5,
};

/** ASCII-only lower-casing, as the Rust twin's `to_ascii_lowercase`. */
function asciiLower(text) {
  return text.replace(/[A-Z]+/g, (s) => s.toLowerCase());
}

/** The settings, or throws a message naming the offending setting. */
function parseSettings(text) {
  let given;
  try {
    given = JSON.parse(text);
  } catch (e) {
    throw `settings are not JSON: ${e.message}`;
  }
  if (given === null || typeof given !== 'object' || Array.isArray(given)) {
    throw 'settings must be a table';
  }
  for (const key of Object.keys(given)) {
    if (!Object.hasOwn(DEFAULTS, key)) {
      throw `unknown field \`${key}\`, expected one of \`keywords\`, \`window_ms\`, \`burst\``;
    }
  }
  const settings = { ...DEFAULTS, ...given };
  const keywords = settings.keywords;
  if (!Array.isArray(keywords) || !keywords.every((k) => typeof k === 'string')) {
    throw 'keywords: must be a list of strings';
  }
  if (keywords.length === 0 || keywords.some((k) => k === '')) {
    throw 'keywords: give at least one, and no empty ones';
  }
  for (const key of ['window_ms', 'burst']) {
    const value = settings[key];
    // A JSON number is a double here: past 2^53 it is no longer the integer
    // the policy wrote, so such a value is refused rather than rounded.
    if (!Number.isSafeInteger(value) || value < 0) {
      throw `${key}: must be a non-negative integer (at most 2^53 - 1)`;
    }
    if (value === 0) {
      throw `${key}: must be at least 1`;
    }
  }
  return {
    keywords: keywords.map(asciiLower),
    windowMs: BigInt(settings.window_ms),
    burst: settings.burst,
  };
}

let SETTINGS = null;

/** What the WIT's `detector` interface exports. */
export const detector = {
  describe() {
    return {
      name: NAME,
      version: '0.1.0',
      description: 'prompts that ask for hidden reasoning, counted per account',
      reads: { prompt: true },
      usesAggregates: true,
    };
  },

  validateSettings(settings) {
    parseSettings(settings);
  },

  configure(settings) {
    SETTINGS = parseSettings(settings);
  },

  detect(request) {
    const s = SETTINGS;
    if (s === null) {
      return { score: 0, reasons: ['plugin called before configure'], tags: ['unconfigured'] };
    }
    const prompt = asciiLower(request.call.prompt ?? '');
    const hits = s.keywords.filter((k) => prompt.includes(k));
    if (hits.length === 0) {
      return { score: 0, reasons: [], tags: [] };
    }
    const n = counterAdd(`hits:${request.account.id}`, s.windowMs, 1n);
    const burst = s.burst;
    const count = Number(n);
    const content = Math.min(0.25 * hits.length, 0.5);
    const repeat = (0.5 * Math.min(count, burst)) / burst;
    const tags = ['reasoning-keywords'];
    if (count >= burst) {
      tags.push('keyword-burst');
    }
    return {
      score: content + repeat,
      reasons: [`asks for ${hits.join(', ')}`, `${n} such prompts from this account in the window`],
      tags,
    };
  },
};
