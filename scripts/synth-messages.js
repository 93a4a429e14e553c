/**
 * The warnings of a cloud assembly, as `npm run synth` prints them: one line
 * each, with the rule ID (the `[AT-...]` prefix AuditChecks and the constructs
 * give a warning that is also a compliance rule; `-` for others), the construct
 * path and the text. Read from the stack artifacts' metadata in manifest.json,
 * where the ros-cdk CLI reads them too.
 */
'use strict';

const WARNING = 'aliyun:ros:warning';

/**
 * Every warning of the manifest's stacks, sorted by stack, path and text.
 * @param {object} manifest the parsed manifest.json
 * @returns {{ stack: string, path: string, ruleId: string, text: string }[]}
 */
function warningsOf(manifest) {
  const warnings = [];
  for (const [stack, artifact] of Object.entries(manifest.artifacts || {})) {
    if (artifact.type !== 'aliyun:ros:stack') continue;
    for (const [id, entries] of Object.entries(artifact.metadata || {})) {
      for (const entry of entries) {
        if (entry.type !== WARNING) continue;
        const data = String(entry.data);
        const match = /^\[([A-Z]+(?:-[A-Z]+)*-\d+)\] ([\s\S]*)$/.exec(data);
        warnings.push({
          stack,
          path: id.replace(/^\//, ''),
          ruleId: match ? match[1] : '-',
          text: match ? match[2] : data,
        });
      }
    }
  }
  const order = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
  return warnings.sort((a, b) => order(a.stack, b.stack) || order(a.path, b.path) || order(a.text, b.text));
}

/**
 * The lines to print: `warning <rule ID> at <construct path>: <text>`.
 * @param {object} manifest the parsed manifest.json
 * @returns {string[]}
 */
function warningLines(manifest) {
  return warningsOf(manifest).map((w) => `warning ${w.ruleId} at ${w.path}: ${w.text}`);
}

module.exports = { warningsOf, warningLines };
