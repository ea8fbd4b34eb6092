// ECMAScript's verdicts on the spec's patterns and on the reference pages' originals (make
// interop). Reads a JSON list of {where, spec, page, accepts, refuses} on stdin; prints the
// disagreements as JSON (an empty list when every verdict is the expected one).
const cases = JSON.parse(require("node:fs").readFileSync(0, "utf8"));
const problems = [];
for (const { where, spec, page, accepts, refuses } of cases) {
  for (const [label, source] of [["spec", spec], ["page", page]]) {
    let pattern;
    try {
      pattern = new RegExp(source, "u");
    } catch (error) {
      problems.push(`${where} (${label}): does not compile: ${error.message}`);
      continue;
    }
    for (const value of accepts) {
      if (!pattern.test(value)) problems.push(`${where} (${label}) refuses ${JSON.stringify(value)}`);
    }
    for (const value of refuses) {
      if (pattern.test(value)) problems.push(`${where} (${label}) accepts ${JSON.stringify(value)}`);
    }
  }
}
process.stdout.write(JSON.stringify(problems));
