// Runs Electronegativity through its own API (the CLI's CSV report writes its header and rows with two racing
// asynchronous writes, so the header sometimes lands over the first finding) and prints the findings as JSON:
// [{ id, severity, confidence, file, line, sample }]. Usage: node -r ./offlineGot.cjs electronegativityScan.cjs DIR
const run = require('@doyensec/electronegativity/dist/runner.js');

run(
  {
    input: require('node:path').resolve(process.argv[2]),
    customScan: [],
    excludeFromScan: [],
    isRelative: true,
    isVerbose: false,
    parserPlugins: [],
  },
  false,
).then(
  (result) => {
    const findings = result.issues.map((i) => ({
      id: i.id,
      severity: i.severity.name,
      confidence: i.confidence.name,
      file: i.file,
      line: i.location ? i.location.line : 0,
      sample: i.sample,
    }));
    process.stdout.write(`${JSON.stringify(findings)}\n`);
  },
  (error) => {
    process.stderr.write(`${error.stack}\n`);
    process.exit(1);
  },
);
