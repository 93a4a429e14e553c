import * as fs from 'fs';
import * as path from 'path';
import { isAccountId } from '../../lib/shared/ids';
import { STACK_ENVIRONMENT_METADATA } from '../../lib/shared/metadata';
import { UsageError } from './errors';
import { SynthesizedApp } from './synthesize';

/** One stack of the cloud assembly. */
export interface AssemblyStack {
  /** The artifact ID (what the command line names). */
  readonly id: string;
  /** The ROS stack name. @default the artifact ID */
  readonly stackName: string;
  /** The template file's absolute path. */
  readonly templateFile: string;
  /** The template as written by synth, byte for byte: what CreateStack/UpdateStack send. */
  readonly templateBody: string;
  /** The parsed template. */
  readonly template: Template;
  /** Artifact IDs of the stacks this one depends on (other artifacts, like assets, left out). */
  readonly dependencies: string[];
  /** The literal account ID. @default - none: the deploy-time account of the credentials used */
  readonly account?: string;
  /** The literal region ID. @default - none: `--region` */
  readonly region?: string;
}

/** The parts of a ROS template the command reads. */
export interface Template {
  /** Resources by logical ID. */
  readonly Resources?: Record<string, { Type?: string; Properties?: Record<string, unknown>; DeletionPolicy?: string }>;
  /** Outputs by name. */
  readonly Outputs?: Record<string, unknown>;
}

/** A cloud assembly: its directory and stacks in manifest order. */
export interface Assembly {
  /** The assembly directory. */
  readonly dir: string;
  /** The stacks, in the order of the manifest. */
  readonly stacks: AssemblyStack[];
}

interface ManifestArtifact {
  type?: string;
  environment?: string;
  properties?: { templateFile?: string; stackName?: string };
  dependencies?: string[];
  metadata?: Record<string, Array<{ type?: string; data?: unknown }>>;
}

/**
 * Reads `<dir>/manifest.json` (artifacts of type `aliyun:ros:stack`, as
 * ros-cdk-core writes them) and each stack's template.
 *
 * A stack's account and region come from the artifact's `environment`
 * (`aliyun://<account>/<region>`, the cloud-assembly convention, when a tool
 * writes it) or else from the {@link STACK_ENVIRONMENT_METADATA} entry.
 * @param dir the assembly directory
 * @param synthesized the app that the command ran through cdk.json to write it @default - `--app`: a directory given
 * @throws UsageError when the directory holds no readable assembly
 */
export function readAssembly(dir: string, synthesized?: SynthesizedApp): Assembly {
  const abs = path.resolve(dir);
  const manifestPath = path.join(abs, 'manifest.json');
  let manifest: { artifacts?: Record<string, ManifestArtifact> };
  try {
    manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8'));
  } catch (e) {
    const missing = (e as NodeJS.ErrnoException).code === 'ENOENT';
    if (missing && synthesized !== undefined) throw wroteNoAssembly(synthesized);
    const why = missing ? 'does not exist' : `is not readable JSON (${(e as Error).message})`;
    throw new UsageError(
      `cloud assembly '${dir}': ${path.join(dir, 'manifest.json')} ${why}; run 'npm run synth' first, or leave out --app to synthesize through cdk.json`,
      'no-assembly',
    );
  }
  const artifacts = manifest.artifacts ?? {};
  const stackIds = new Set(Object.keys(artifacts).filter((id) => artifacts[id].type === 'aliyun:ros:stack'));
  if (stackIds.size === 0) {
    throw new UsageError(
      `cloud assembly '${dir}' holds no stack (no artifact of type aliyun:ros:stack in manifest.json)`,
      'no-assembly',
    );
  }
  const stacks: AssemblyStack[] = [];
  for (const id of stackIds) {
    const artifact = artifacts[id];
    const templateName = artifact.properties?.templateFile;
    if (typeof templateName !== 'string') {
      throw new UsageError(`cloud assembly '${dir}': stack '${id}' names no templateFile`, 'no-assembly');
    }
    const templateFile = path.join(abs, templateName);
    let templateBody: string;
    let template: Template;
    try {
      templateBody = fs.readFileSync(templateFile, 'utf8');
      template = JSON.parse(templateBody);
    } catch (e) {
      throw new UsageError(
        `cloud assembly '${dir}': template of stack '${id}' (${templateName}) is not readable JSON: ${(e as Error).message}`,
        'no-assembly',
      );
    }
    const env = stackEnvironment(artifact);
    stacks.push({
      id,
      stackName: artifact.properties?.stackName ?? id,
      templateFile,
      templateBody,
      template,
      dependencies: (artifact.dependencies ?? []).filter((d) => stackIds.has(d)),
      ...env,
    });
  }
  return { dir: abs, stacks };
}

/**
 * The app ran through cdk.json and succeeded, but left no manifest in the
 * directory the command gave it as `CDK_OUTDIR`: an `outdir` of `new App(...)`
 * wins over `CDK_OUTDIR`. Names the directories next to cdk.json where a
 * manifest was written during the run, when there is one.
 */
function wroteNoAssembly(synthesized: SynthesizedApp): UsageError {
  const cwd = path.dirname(synthesized.dir);
  const written = freshManifestDirs(cwd, synthesized.startedAt);
  const where = written.length > 0 ? `; it wrote one to ${written.join(', ')}` : '';
  const fix = written.length === 1 ? `--app ${written[0]}` : '--app <the directory it writes to>';
  return new UsageError(
    `synth: '${synthesized.app}' ran but wrote no cloud assembly to ${synthesized.dir} (the CDK_OUTDIR this command gave it)${where}. ` +
      `An outdir set in new App({ outdir }) overrides CDK_OUTDIR: leave outdir out of new App(...), or pass ${fix}`,
    'no-assembly',
  );
}

/** The subdirectories of `cwd` (one level) whose manifest.json was written at or after `since`. */
function freshManifestDirs(cwd: string, since: number): string[] {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(cwd, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .filter((name) => {
      try {
        // A second of slack: file systems with coarse timestamps round down.
        return fs.statSync(path.join(cwd, name, 'manifest.json')).mtimeMs >= since - 1000;
      } catch {
        return false;
      }
    })
    .sort();
}

const ENVIRONMENT_URI = /^aliyun:\/\/([^/]+)\/([^/]+)$/;

/** The literal account and region of a stack artifact, from `environment` or the metadata entry. */
function stackEnvironment(artifact: ManifestArtifact): { account?: string; region?: string } {
  const env: { account?: string; region?: string } = {};
  const uri = artifact.environment ? ENVIRONMENT_URI.exec(artifact.environment) : null;
  if (uri) {
    if (isAccountId(uri[1])) env.account = uri[1];
    if (!uri[2].startsWith('unknown-')) env.region = uri[2];
  }
  for (const entries of Object.values(artifact.metadata ?? {})) {
    for (const entry of entries) {
      if (entry.type !== STACK_ENVIRONMENT_METADATA || typeof entry.data !== 'object' || entry.data === null) continue;
      const data = entry.data as { account?: unknown; region?: unknown };
      if (env.account === undefined && isAccountId(data.account)) env.account = data.account;
      if (env.region === undefined && typeof data.region === 'string' && data.region !== '') env.region = data.region;
    }
  }
  return env;
}
