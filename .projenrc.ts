import { cdk8s, javascript } from 'projen';

/**
 * The single source of truth for package.json, tsconfig*.json and the tasks.
 * Edit this file and run `npx projen`; never hand-edit a generated file.
 */
const project = new cdk8s.ConstructLibraryCdk8s({
  name: 'cdk8s-expose',
  description:
    'cdk8s constructs that expose apps: Deployments, Services and Ingresses whose selectors and ports wire themselves, with every port triple validated at synth.',
  author: 'cdk8s-expose developers',
  authorAddress: 'dev@cdk8s-expose.invalid',
  repositoryUrl: 'https://example.invalid/cdk8s-expose.git',
  defaultReleaseBranch: 'main',
  packageManager: javascript.NodePackageManager.NPM,
  projenrcTs: true,
  keywords: ['cdk8s', 'kubernetes', 'service', 'ingress', 'nodeport', 'validation'],

  // cdk8s v2; projen's defaults are cdk8s v1.
  cdk8sVersion: '2.70.106',
  constructsVersion: '10.3.0',
  peerDeps: ['cdk8s-plus-27@^2.9.5'],

  // jsii and TypeScript pinned to what ts-jest supports (TypeScript 7 breaks ts-jest and ts-node).
  jsiiVersion: '~5.9.0',
  typescriptVersion: '~5.9.3',

  // runtime dependencies of the CLI (issue 7) are bundled, as jsii requires. js-yaml 4 reads
  // manifests (CommonJS; 12x faster and 5x leaner than `yaml` on 200,000 objects, issue 12);
  // `yaml` stays for the tests' schema helper only.
  deps: ['js-yaml@^4.1.0', 'commander@^12.1.0'],
  bundledDeps: ['js-yaml', 'commander'],
  minNodeVersion: '20.0.0',

  devDeps: [
    '@types/node@^20',
    '@types/js-yaml@^4.0.9',
    'yaml@^2.9.1',
    'kubernetes-models@~4.5.1',
    '@kubernetes-models/gateway-api@~0.5.1',
    'fast-check@^3.23.2',
    // the SARIF 2.1.0 JSON schema (Microsoft's sarif-js-sdk), to validate `check --format sarif` in tests
    '@microsoft/jest-sarif@1.0.0-beta.0',
    'cdk8s-cli@~2.207.56',
  ],

  // jest 29: jest 30 needs unrs-resolver platform binaries the registry lacks.
  jestOptions: {
    jestVersion: '^29',
    updateSnapshot: javascript.UpdateSnapshot.NEVER,
    jestConfig: {
      // test/consumer needs the packed tarball: `test:consumer` runs it after `package`
      testPathIgnorePatterns: ['/node_modules/', '/examples/dist/', '/lib/', '/dist/', '/test/consumer/', '/test/oracle/'],
      coveragePathIgnorePatterns: ['/node_modules/', '/test/', '/examples/'],
      watchPathIgnorePatterns: ['/examples/dist/'],
    },
  },
  tsconfigDev: {
    include: ['../examples/**/*.ts', '../bench/**/*.ts'],
    exclude: ['../examples/dist'],
    compilerOptions: {},
  },
  eslintOptions: {
    dirs: ['src'],
    devdirs: ['test', 'examples', 'bench'],
    ignorePatterns: ['examples/dist/', 'examples/imports/'],
  },

  // no hosted CI or release machinery here: CI is .ci/run.
  github: false,
  release: false,
  buildWorkflow: false,
  depsUpgrade: false,
  pullRequestTemplate: false,

  bin: { 'cdk8s-expose': 'bin/cdk8s-expose' },
  gitignore: ['/examples/dist/', '/bench/results/', '.cdk8s-expose-*'],
});


// unrs-resolver (via eslint-import-resolver-typescript) >1.11.1 lists platform
// binaries this registry lacks, which breaks `npm ci` on a lockfile made here.
project.package.addPackageResolutions('unrs-resolver@1.11.1');

// jsii targets for Python, Java and Go, without their packaging tasks (no toolchains are
// needed to build): `npx jsii-pacmak --code-only` checks the API generates for each.
project.package.file.addOverride('jsii.targets.python', { distName: 'cdk8s-expose', module: 'cdk8s_expose' });
project.package.file.addOverride('jsii.targets.java', { package: 'io.github.cdk8sexpose', maven: { groupId: 'io.github.cdk8s-expose', artifactId: 'cdk8s-expose' } });
project.package.file.addOverride('jsii.targets.go', { moduleName: 'github.com/cdk8s-expose/cdk8s-expose-go' });

project.postCompileTask.exec('jsii-pacmak --code-only --outdir dist/code-only', { name: 'generate Python, Java and Go code (offline check)' });
// The Python module must at least parse and compile to bytecode (warnings as errors: no invalid
// escape sequences in generated docstrings). Importing it needs jsii and cdk8s from PyPI, which
// is out of reach here; javac and go need their runtimes from Maven and the Go proxy likewise.
project.postCompileTask.exec('python3 -W error -m compileall -q dist/code-only/python/src', { name: 'compile the generated Python' });

project.addPackageIgnore('/examples/');
project.addPackageIgnore('/bench/');
project.addPackageIgnore('/.ci/');

// The main job: compile (the examples' cdk8s.yaml loads this package's validation plugin
// from lib/), then synthesize the examples with the real cdk8s CLI, offline.
const synthExamples = project.addTask('synth:examples', {
  description: 'Synthesize the example cdk8s app into examples/dist/',
  env: { CDK8S_CHECK_UPGRADE: 'false' },
});
synthExamples.spawn(project.compileTask);
synthExamples.exec('cdk8s synth', { cwd: 'examples' });

// README "Use it in your app", proved from the packed tarball (issue 13): a fresh app repo in a
// temp folder, the tarball and its peers installed from the registry, the real cdk8s synth and
// cdk8s-expose check. It needs the tarball, so it is the last step of `package`, and so of the
// build (projen locks the build task itself against added steps).
const testConsumer = project.addTask('test:consumer', {
  description: 'Build the README\'s app repo from the packed tarball and run cdk8s synth and cdk8s-expose check in it',
  env: { CDK8S_CHECK_UPGRADE: 'false' },
  exec: "jest --ci --coverage=false --reporters=default --testPathIgnorePatterns=/node_modules/ --testMatch '<rootDir>/test/consumer/**/*.test.ts'",
});
project.packageTask.spawn(testConsumer);

project.addTask('docs:rules', {
  description: 'Generate docs/rules.md from the rule catalog (a test fails when it is stale)',
  exec: 'node -r ts-node/register/transpile-only projenrc/docs-rules.ts',
});

// Build noise (issue 13): jsii tools print a Node end-of-life banner in every process; we
// build on Node 20 on purpose (the floor `minNodeVersion` promises), so silence it for 20 only.
project.tasks.addEnvironment('JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION', '20');
// JSII5019 warns about a member named like its type, which only C# renames; C# is not a
// target (see jsii.targets above). Drop the flag if a dotnet target is ever added.
const jsiiFlags = '--silence-warnings=reserved-word --silence-warnings=JSII5019';
project.compileTask.reset(`jsii ${jsiiFlags}`);
project.tasks.tryFind('watch')?.reset(`jsii -w ${jsiiFlags}`);

project.addTask('bench', {
  description: 'Benchmark cdk8s-expose against cdk8s-plus-27 and raw cdk8s ApiObjects',
  exec: 'node --expose-gc -r ts-node/register bench/run.ts',
});

project.addTask('bench:scale', {
  description: 'Benchmark `cdk8s-expose check` and `routes` on a generated 200,000-object YAML file against a js-yaml loadAll floor',
  steps: [{ spawn: 'compile' }, { exec: 'node -r ts-node/register/transpile-only bench/scale.ts' }],
});

// The differential oracle (issue 21): the API server's create path built from k8s.io/kubernetes,
// one Go module per release under oracle/k8s/, built into the gitignored oracle/bin/ (a Go error
// fails the task with its log). test:oracle compares our checker with it; it runs after the unit
// tests, from the test task (projen locks the build task against added steps).
project.gitignore.exclude('/oracle/bin/');
project.addPackageIgnore('/oracle/');
const oracleBuild = project.addTask('oracle:build', {
  description: 'Build the Kubernetes oracle binaries (oracle/k8s/v*/) into oracle/bin/',
  exec: 'oracle/build.sh',
});
const testOracle = project.addTask('test:oracle', {
  description: 'Differential test: our checker against the API server\'s own code (test/oracle/)',
  exec: "jest --ci --coverage=false --reporters=default --testPathIgnorePatterns=/node_modules/ --testMatch '<rootDir>/test/oracle/**/*.test.ts'",
});
testOracle.prependSpawn(oracleBuild);
project.testTask.spawn(testOracle);

project.synth();
