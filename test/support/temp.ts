import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/** The temporary directories made by this test file; removed after it. */
const made: string[] = [];
afterAll(() => made.splice(0).forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

/** A new directory in the OS temp directory, removed after the test file (test/support/temp-dir.ts checks). */
export function tempDir(prefix = 'actiontrail-cdk-test-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  made.push(dir);
  return dir;
}
