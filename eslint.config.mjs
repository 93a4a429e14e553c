// ESLint flat config: typescript-eslint's recommended rules, a few structural
// rules from issue 18, and the import boundaries between the folders of lib/.
// Formatting is Prettier's job (`npm run format`); eslint-config-prettier turns
// off every rule that would fight it.
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import prettier from 'eslint-config-prettier';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// Boundaries use import-x's `no-restricted-paths`: it works on resolved file
// paths, so one rule covers relative imports, `require()` and packages (they
// resolve into node_modules/) in the TypeScript and the JavaScript files alike,
// and it needs no second tool or config format (dependency-cruiser would).
// Node built-ins resolve to no path and are therefore always allowed.
// Each zone forbids `from` inside `target`, minus `except` (relative to `from`).
// Zones name the target layout; a zone whose folder does not exist yet is inert.
const boundaries = [
  {
    target: './lib/shared',
    from: '.',
    except: ['./lib/shared'],
    message: 'lib/shared is the import-free kernel: Node built-ins and lib/shared only.',
  },
  {
    target: './lib/provider/runtime',
    from: '.',
    except: ['./lib/shared', './lib/provider/runtime'],
    message: 'The Function Compute runtime imports lib/shared and Node built-ins only.',
  },
  {
    // The CLI's sources; its tests may use the provider's signer to check signatures in the stand-in.
    target: './cli/src',
    from: './lib',
    except: ['./shared', './index.ts'],
    message: "The CLI imports lib/shared and the library's public entry (actiontrail-cdk) only.",
  },
  {
    target: './lib/rules',
    from: './lib',
    except: ['./shared', './rules'],
    message: 'Rules read synthesized templates: they import lib/shared and the rules engine only.',
  },
  {
    target: [
      './lib/constructs/**',
      './lib/destinations/**',
      './lib/blueprints/**',
      './lib/provider/*.ts',
      './lib/provider/!(runtime)/**',
      './lib/ros/**',
      './lib/common/**',
      './lib/private/**',
    ],
    from: './lib/rules',
    message: 'Constructs never import rules: users apply AuditChecks; constructs exchange markers via lib/shared.',
  },
  {
    // Issue 22: apps without alerts never load (nor install) the alert pack's optional peers.
    target: ['./lib/*.ts', './lib/!(alerts)/**'],
    from: ['./node_modules/@alicloud/ros-cdk-eventbridge', './node_modules/@alicloud/ros-cdk-sls'],
    message:
      'Only lib/alerts (the actiontrail-cdk/alerts subpath) may import the optional EventBridge and SLS packages.',
  },
];

export default defineConfig(
  {
    ignores: ['**/node_modules/', '**/dist/', '**/cdk.out/', 'coverage/', 'reports/', '.stryker-tmp/'],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.d.ts', '.js', '.json'] })],
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      'import-x/no-restricted-paths': ['error', { zones: boundaries }],
      '@typescript-eslint/no-shadow': 'error',
      '@typescript-eslint/no-non-null-assertion': 'error',
      // `let timer` read by a closure declared before its one assignment (httpRequest's `finish`).
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
      // AWS CDK's class layout: static members (constants, then factories such as
      // `AuditChecks.of`) first, then instance fields, the constructor, and the methods.
      '@typescript-eslint/member-ordering': [
        'error',
        { default: ['signature', 'static-field', 'static-method', 'field', 'constructor', ['get', 'set'], 'method'] },
      ],
      // A leading underscore marks a deliberately unused name (as tsc's noUnused* do).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' },
      ],
    },
  },
  {
    // The L1 classes follow ros-cdk's generated code: they override RosResource's
    // `any`-typed members and nest property types in a namespace (jsii style, public API).
    files: ['lib/ros/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off', '@typescript-eslint/no-namespace': 'off' },
  },
  {
    // Tests read parsed templates and fakes (`any`) and assert presence before
    // using a value (`!`): a wrong assumption fails the test, not a user.
    files: ['test/**', 'cli/test/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off', '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  {
    files: ['cli/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['actiontrail-cdk/*'], message: "Import the library's public entry, not its files." }] },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: globals.node },
    // CommonJS: `const crypto = require('crypto')` is module-scoped, not a redeclared global.
    rules: { '@typescript-eslint/no-require-imports': 'off', 'no-redeclare': ['error', { builtinGlobals: false }] },
  },
  {
    files: ['**/*.mjs'],
    languageOptions: { globals: globals.node },
  },
  prettier,
  {
    // After eslint-config-prettier, which turns max-len off: Prettier wraps at
    // 120 but cannot break strings or comments, so this is the hard ceiling.
    rules: {
      'max-len': [
        'error',
        { code: 160, ignoreStrings: true, ignoreTemplateLiterals: true, ignoreUrls: true, ignoreRegExpLiterals: true },
      ],
    },
  },
);
