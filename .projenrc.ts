import { cdk8s, javascript, release } from 'projen';

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
  // repository, homepage and the SARIF helpUri (src/cli/formats.ts) name one place
  repositoryUrl: 'https://github.com/cdk8s-expose/cdk8s-expose.git',
  homepage: 'https://github.com/cdk8s-expose/cdk8s-expose',
  defaultReleaseBranch: 'main',
  packageManager: javascript.NodePackageManager.NPM,
  projenrcTs: true,
  keywords: ['cdk8s', 'kubernetes', 'service', 'ingress', 'nodeport', 'validation'],

  // cdk8s v2; projen's defaults are cdk8s v1. The floor is the newest cdk8s that every registry
  // serves (Maven Central's newest is 2.70.47; npm and PyPI have it too): jsii turns the peer range
  // into the Python and Java packages' dependency ranges, and the consumer tests pin these two
  // versions in every language. No cdk8s-plus line is a dependency (devDeps below).
  cdk8sVersion: '2.70.47',
  constructsVersion: '10.3.0',

  // jsii and TypeScript pinned to what ts-jest supports (TypeScript 7 breaks ts-jest and ts-node).
  jsiiVersion: '~5.9.0',
  typescriptVersion: '~5.9.3',

  // runtime dependencies of the CLI are bundled, as jsii requires. js-yaml 4 reads
  // manifests (CommonJS; 12x faster and 5x leaner than `yaml` on 200,000 objects);
  // `yaml` parses again, alone, only the documents that have findings, for their fields'
  // lines and columns.
  deps: ['js-yaml@^4.1.0', 'commander@^12.1.0', 'yaml@^2.9.1'],
  bundledDeps: ['js-yaml', 'commander', 'yaml'],
  minNodeVersion: '20.0.0',

  devDeps: [
    '@types/node@^20',
    '@types/js-yaml@^4.0.9',
    'kubernetes-models@~4.5.1',
    '@kubernetes-models/gateway-api@~0.5.1',
    // the 2.0.0 models, for the kinds and versions 0.5.x lacks (ListenerSet v1, BackendTLSPolicy v1): schema tests only
    'gateway-api-models@npm:@kubernetes-models/gateway-api@2.0.0',
    'fast-check@^3.23.2',
    // the SARIF 2.1.0 JSON schema (Microsoft's sarif-js-sdk), to validate `check --format sarif` in tests
    '@microsoft/jest-sarif@1.0.0-beta.0',
    'cdk8s-cli@~2.207.56',
    // cdk8s-plus lines are dev-only: ServiceTarget.fromWorkload takes any construct;
    // the tests prove the oldest and the newest plus line (a peer would become a hard
    // dependency of the Python, Java and Go packages).
    'cdk8s-plus-27@2.9.5',
    'cdk8s-plus-34@2.0.54',
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

  // no hosted CI here: CI is .ci/run. projen's `release` task (bump, build, package, unbump)
  // makes the artifacts of the next version; publishing needs credentials this project lacks.
  github: false,
  release: true,
  releaseToNpm: true,
  // before 1.0 each release is a minor one: the first, from 0.0.0, is 0.1.0
  nextVersionCommand: 'echo minor',
  // the release commits CHANGELOG.md (projen prepends each release's notes) and tags it; it pushes
  // nothing: publishing and pushing need credentials this project does not have
  releaseTrigger: release.ReleaseTrigger.manual({ changelog: true, changelogPath: 'CHANGELOG.md', gitPushCommand: '' }),
  // jsii targets: `package` builds all four packages (see the bindings block below)
  publishToPypi: { distName: 'cdk8s-expose', module: 'cdk8s_expose' },
  publishToMaven: { javaPackage: 'io.github.cdk8sexpose', mavenGroupId: 'io.github.cdk8s-expose', mavenArtifactId: 'cdk8s-expose' },
  publishToGo: { moduleName: 'github.com/cdk8s-expose/cdk8s-expose-go' },
  buildWorkflow: false,
  depsUpgrade: false,
  pullRequestTemplate: false,

  bin: { 'cdk8s-expose': 'bin/cdk8s-expose' },
  gitignore: ['/examples/dist/', '/bench/results/', '.cdk8s-expose-*'],
});


// unrs-resolver (via eslint-import-resolver-typescript) >1.11.1 lists platform
// binaries this registry lacks, which breaks `npm ci` on a lockfile made here.
project.package.addPackageResolutions('unrs-resolver@1.11.1');

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

// README "Use it in your app", proved from the packed tarball: a fresh app repo in a
// temp folder, the tarball and its peers installed from the registry, the real cdk8s synth and
// cdk8s-expose check. It needs the tarball, so it is the last step of `package`, and so of the
// build (projen locks the build task itself against added steps).
const testConsumer = project.addTask('test:consumer', {
  description: 'Build the README\'s app repo from the packed tarball and run cdk8s synth and cdk8s-expose check in it',
  env: { CDK8S_CHECK_UPGRADE: 'false' },
  exec: "jest --ci --coverage=false --reporters=default --testPathIgnorePatterns=/node_modules/ --testMatch '<rootDir>/test/consumer/**/*.test.ts'",
});

// ---------------------------------------------------------------------------------------------
// Bindings: `package` builds all four packages, then the consumer tests install each.
// projen packages only JavaScript when CI is set and leaves the other languages to release jobs;
// .ci/run is our only CI, so `package` runs every target whatever CI says. Each pacmak target
// installs its own toolchain from the registries: Python a virtualenv (pip, setuptools, build)
// under its build folder, Java the Maven plugins and jsii-runtime into Maven's local repository,
// Go jsii-runtime-go into the module cache. The Go module proxy serves no cdk8s-core-go version
// and no constructs-go v10.3.0, so `package:go` first generates those two modules from the npm
// packages' jsii assemblies (the same generator their publishers run) into dist/go, where pacmak
// and the Go consumer test find them as local modules.
// ---------------------------------------------------------------------------------------------
const packageGo = project.tasks.tryFind('package:go')!;
packageGo.reset('jsii-pacmak --target go --code-only --outdir dist/go-deps node_modules/cdk8s node_modules/constructs', { name: 'Go modules of cdk8s and constructs from their npm assemblies' });
packageGo.exec('rm -rf dist/go && mkdir -p dist/go && cp -r dist/go-deps/go/cdk8s dist/go-deps/go/constructs dist/go/ && rm -rf dist/go-deps');
// jsii-rosetta translates the README's and the docs' TypeScript examples into each language (without
// it, the Python README shows TypeScript under `python` fences)
const pacmak = (lang: string) => `nice -n 10 jsii-pacmak -v --target ${lang} --rosetta-unknown-snippets translate`;
packageGo.exec(pacmak('go'));
for (const lang of ['java', 'python']) project.tasks.tryFind(`package:${lang}`)!.reset(pacmak(lang));
project.packageTask.reset();
project.packageTask.spawn(project.tasks.tryFind('package-all')!);
project.packageTask.spawn(testConsumer);
// ---------------------------------------------------------------------------------------------

project.addTask('docs:rules', {
  description: 'Generate docs/rules.md from the rule catalog (a test fails when it is stale)',
  exec: 'node -r ts-node/register/transpile-only projenrc/docs-rules.ts',
});

// Build noise: jsii tools print a Node end-of-life banner in every process; we
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

// the access-map diff at scale: `diff` of two 200,000-object sets against `check` of one
project.addTask('bench:diff', {
  description: 'Benchmark `cdk8s-expose diff` of two generated 200,000-object sets against `check` of one',
  steps: [{ spawn: 'compile' }, { exec: 'node -r ts-node/register/transpile-only bench/diff-scale.ts' }],
});

// the route map's combinatorial cases (issue 19 item 12): `check` and `routes` on a wide and a square route
project.addTask('bench:route-bomb', {
  description: 'Benchmark `cdk8s-expose check` and `routes` on the combinatorial route cases (8 Gateways x 64 listeners, 1000 hostnames x 1000 matches)',
  steps: [{ spawn: 'compile' }, { exec: 'node -r ts-node/register/transpile-only bench/route-bomb.ts' }],
});

// The pictures as a person sees them: the `routes --format html` page and the Mermaid text of
// `diff --format markdown`, rendered in headless Chromium (Debian's `chromium`, installed here
// when missing: CI runs as root) with the `mermaid` browser bundle from node_modules. Its own
// task, spawned from `test` (projen locks the build task itself against added steps).
project.addDevDeps('playwright-core@^1.56.0', 'mermaid@^11.6.0');
const testBrowser = project.addTask('test:browser', {
  description: 'Render the access-map page and the Mermaid graph in headless Chromium: labels visible, nothing off the page',
  steps: [
    { exec: 'command -v chromium >/dev/null || (apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium)' },
    { exec: "jest --ci --coverage=false --reporters=default --testPathIgnorePatterns=/node_modules/ --testMatch '<rootDir>/test/browser/**/*.browser.ts'" },
  ],
});
project.testTask.spawn(testBrowser);
// The differential oracle: the API server's create path built from k8s.io/kubernetes,
// one Go module per release under oracle/k8s/, and the Gateway API oracle (oracle/gateway/: the
// custom resource create path over the CRDs of each Gateway API bundle), built into the gitignored oracle/bin/ (a Go error
// fails the task with its log). test:oracle compares our checker with it; it runs after the unit
// tests, from the test task (projen locks the build task against added steps).
project.gitignore.exclude('/oracle/bin/');
project.addPackageIgnore('/oracle/');
const oracleBuild = project.addTask('oracle:build', {
  description: 'Build the Kubernetes oracle binaries (oracle/k8s/v*/) and the Gateway API oracle (oracle/gateway/) into oracle/bin/',
  exec: 'oracle/build.sh',
});
const testOracle = project.addTask('test:oracle', {
  description: 'Differential test: our checker against the API server\'s own code (test/oracle/)',
  exec: "jest --ci --coverage=false --reporters=default --testPathIgnorePatterns=/node_modules/ --testMatch '<rootDir>/test/oracle/**/*.test.ts'",
});
testOracle.prependSpawn(oracleBuild);
project.testTask.spawn(testOracle);

project.synth();

