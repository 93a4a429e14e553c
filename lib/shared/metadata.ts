/**
 * Keys that synth writes into the cloud assembly and the CLI reads back.
 * Node built-ins only.
 */

/**
 * The cloud-assembly metadata type that carries a stack's literal account and
 * region (`{ account?, region? }`) in `manifest.json`, on the stack's own path.
 *
 * ros-cdk-core 1.12 writes no `environment` for a stack artifact (it writes only
 * `templateFile` and `dependencies`), so without this entry a deploy tool cannot
 * know which account a stack belongs to. The `actiontrail-cdk` command reads it.
 */
export const STACK_ENVIRONMENT_METADATA = 'actiontrail-cdk:environment';
