/**
 * The code a benchmark's worker thread evaluates to load `file`: the compiled JavaScript as it is
 * (`npm run bench:*` runs the build, as `npm start` does), or, when the benchmark is run from its
 * TypeScript with ts-node, the same file compiled on the fly.
 */
export function workerBootstrap(file: string): string {
  const load = `require(${JSON.stringify(file)});`;
  return file.endsWith('.ts') ? `require('ts-node').register({ transpileOnly: true }); ${load}` : load;
}
