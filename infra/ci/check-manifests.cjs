#!/usr/bin/env node
/*
 * Checks the deployment files without a cluster or a Docker engine:
 *   - every Kubernetes manifest in infra/k8s parses and has apiVersion, kind and metadata.name;
 *     Deployments select their own pods, every container has /health readiness and liveness
 *     probes on a declared port and resource requests and limits; Services, Ingresses,
 *     autoscalers, envFrom and volumes only name things that exist; kustomization resources exist;
 *   - every compose file in infra/compose parses and is self-consistent (dependencies, volumes,
 *     secrets, networks), runs two API and two worker processes with the settings the apps
 *     read, Redis with AOF and noeviction, KurrentDB, PostgreSQL and a proxy whose upstreams are
 *     the API services.
 * `docker-compose config -q` (in .ci/check-infra.sh) checks the compose schema when available;
 * this script checks what the schema cannot: that the files say what infra/README.md says.
 * Usage: node infra/ci/check-manifests.cjs [repo root]
 */
const fs = require('node:fs');
const path = require('node:path');
const { parseAllDocuments } = require('yaml');

const root = path.resolve(process.argv[2] || path.join(__dirname, '..', '..'));
const problems = [];
const fail = (file, message) => problems.push(`${path.relative(root, file)}: ${message}`);

function loadDocuments(file) {
  const docs = parseAllDocuments(fs.readFileSync(file, 'utf8'), { merge: true });
  const out = [];
  for (const doc of docs) {
    for (const error of doc.errors) fail(file, `YAML: ${error.message}`);
    const value = doc.toJS();
    if (value !== null && value !== undefined) out.push(value);
  }
  return out;
}

const isObject = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);
const yamlFiles = (dir) =>
  fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort().map((f) => path.join(dir, f)) : [];

// ---------------------------------------------------------------- Kubernetes

function checkKubernetes(dir) {
  const files = yamlFiles(dir);
  if (files.length === 0) return fail(dir, 'no manifests found');
  const objects = [];
  for (const file of files) {
    for (const obj of loadDocuments(file)) {
      if (!isObject(obj)) {
        fail(file, 'a document is not a mapping');
        continue;
      }
      const where = `${obj.kind || '?'} ${obj.metadata?.name || '?'}`;
      if (typeof obj.apiVersion !== 'string' || obj.apiVersion === '') fail(file, `${where}: apiVersion is missing`);
      if (typeof obj.kind !== 'string' || obj.kind === '') fail(file, `${where}: kind is missing`);
      // A Kustomization is kustomize's own file, not an object sent to the cluster.
      if (obj.kind !== 'Kustomization' && (typeof obj.metadata?.name !== 'string' || obj.metadata.name === '')) {
        fail(file, `${where}: metadata.name is missing`);
      }
      objects.push({ file, obj });
    }
  }

  const named = (kind) => new Set(objects.filter((o) => o.obj.kind === kind).map((o) => o.obj.metadata?.name));
  const configMaps = named('ConfigMap');
  const secrets = named('Secret');
  const services = named('Service');
  const deployments = objects.filter((o) => o.obj.kind === 'Deployment');
  if (deployments.length === 0) fail(dir, 'no Deployment found');
  const podLabels = deployments.map((d) => d.obj.spec?.template?.metadata?.labels || {});
  const matches = (selector, labels) => Object.entries(selector).every(([k, v]) => labels[k] === v);

  for (const { file, obj } of deployments) {
    const name = `Deployment ${obj.metadata?.name}`;
    const spec = obj.spec || {};
    const selector = spec.selector?.matchLabels;
    const labels = spec.template?.metadata?.labels;
    if (!isObject(selector) || Object.keys(selector).length === 0) fail(file, `${name}: spec.selector.matchLabels is missing`);
    else if (!isObject(labels) || !matches(selector, labels)) fail(file, `${name}: the selector does not match the pod template labels`);
    const pod = spec.template?.spec || {};
    const containers = pod.containers || [];
    if (containers.length === 0) fail(file, `${name}: no containers`);
    const volumes = new Set((pod.volumes || []).map((v) => v.name));
    for (const volume of pod.volumes || []) {
      if (volume.secret && !secrets.has(volume.secret.secretName)) fail(file, `${name}: volume ${volume.name} names unknown Secret ${volume.secret.secretName}`);
      if (volume.configMap && !configMaps.has(volume.configMap.name)) fail(file, `${name}: volume ${volume.name} names unknown ConfigMap ${volume.configMap.name}`);
    }
    for (const c of containers) {
      const where = `${name} container ${c.name}`;
      if (!c.image) fail(file, `${where}: image is missing`);
      const ports = new Set((c.ports || []).flatMap((p) => [p.name, p.containerPort]));
      for (const probe of ['readinessProbe', 'livenessProbe']) {
        const get = c[probe]?.httpGet;
        if (!get) fail(file, `${where}: ${probe} with httpGet is missing`);
        else {
          if (get.path !== '/health') fail(file, `${where}: ${probe} must check /health, not ${get.path}`);
          if (!ports.has(get.port)) fail(file, `${where}: ${probe} port ${get.port} is not a declared container port`);
        }
      }
      for (const kind of ['requests', 'limits']) {
        for (const resource of ['cpu', 'memory']) {
          if (c.resources?.[kind]?.[resource] === undefined) fail(file, `${where}: resources.${kind}.${resource} is missing`);
        }
      }
      const env = {};
      for (const source of c.envFrom || []) {
        if (source.configMapRef && !configMaps.has(source.configMapRef.name)) fail(file, `${where}: envFrom names unknown ConfigMap ${source.configMapRef.name}`);
        if (source.secretRef && !secrets.has(source.secretRef.name)) fail(file, `${where}: envFrom names unknown Secret ${source.secretRef.name}`);
        const ref = source.configMapRef || source.secretRef;
        const from = objects.find((o) => (o.obj.kind === 'ConfigMap' || o.obj.kind === 'Secret') && o.obj.metadata?.name === ref?.name);
        Object.assign(env, from?.obj.data || {}, from?.obj.stringData || {});
      }
      for (const e of c.env || []) env[e.name] = e.value ?? '(from elsewhere)';
      checkAppEnvironment(file, where, env);
      for (const mount of c.volumeMounts || []) {
        if (!volumes.has(mount.name)) fail(file, `${where}: volumeMount ${mount.name} has no volume`);
      }
    }
  }

  for (const { file, obj } of objects) {
    const name = `${obj.kind} ${obj.metadata?.name}`;
    if (obj.kind === 'Service') {
      const selector = obj.spec?.selector;
      if (!isObject(selector) || !podLabels.some((labels) => matches(selector, labels))) fail(file, `${name}: selects no Deployment's pods`);
    }
    if (obj.kind === 'Ingress') {
      const backends = (obj.spec?.rules || []).flatMap((r) => (r.http?.paths || []).map((p) => p.backend?.service?.name));
      if (backends.length === 0) fail(file, `${name}: no backends`);
      for (const b of backends) if (!services.has(b)) fail(file, `${name}: backend names unknown Service ${b}`);
    }
    if (obj.kind === 'HorizontalPodAutoscaler' && !named(obj.spec?.scaleTargetRef?.kind).has(obj.spec?.scaleTargetRef?.name)) {
      fail(file, `${name}: scaleTargetRef names nothing in these manifests`);
    }
    if (obj.kind === 'PodDisruptionBudget') {
      const selector = obj.spec?.selector?.matchLabels;
      if (!isObject(selector) || !podLabels.some((labels) => matches(selector, labels))) fail(file, `${name}: selects no Deployment's pods`);
    }
    if (obj.kind === 'Kustomization') {
      for (const resource of obj.resources || []) {
        if (!fs.existsSync(path.join(path.dirname(file), resource))) fail(file, `resource ${resource} does not exist`);
      }
    }
  }
  for (const kind of ['Deployment', 'Service', 'Ingress', 'ConfigMap', 'Secret']) {
    if (named(kind).size === 0) fail(dir, `no ${kind} found`);
  }
  return objects.length;
}

// ------------------------------------------------------------------- compose

const APP_ENV = ['EVENT_STORE', 'DATABASE_URL', 'KURRENTDB_URL', 'REDIS_URL', 'LEDGER_SIGNING_KEY_FILE', 'PORT'];
const JWT_ENV = ['JWT_SECRET', 'JWT_PUBLIC_KEY', 'JWT_JWKS_URL'];

/**
 * What the apps need to start (libs/config): the store, its URLs, Redis, the signing key, a port
 * and HOST 0.0.0.0 (the default 127.0.0.1 is unreachable in a container), and exactly one way to
 * check tokens (two is a start-up error).
 */
function checkAppEnvironment(file, where, env) {
  for (const key of APP_ENV) if (!(key in env)) fail(file, `${where}: environment ${key} is missing`);
  if (env.HOST !== '0.0.0.0') fail(file, `${where}: HOST must be 0.0.0.0 (is ${env.HOST === undefined ? 'unset' : env.HOST}); the apps default to 127.0.0.1`);
  const jwt = JWT_ENV.filter((key) => key in env);
  if (jwt.length === 0) fail(file, `${where}: one of ${JWT_ENV.join(', ')} is required`);
  const literal = jwt.filter((key) => !/^\$\{[A-Z_]+:-\}$/.test(String(env[key])) && env[key] !== '');
  if (literal.length > 1) fail(file, `${where}: only one of ${JWT_ENV.join(', ')} may be set, found ${literal.join(' and ')}`);
}

function listOrMap(value) {
  if (Array.isArray(value)) return value.map((v) => (typeof v === 'string' ? v : v.source || v.target));
  if (isObject(value)) return Object.keys(value);
  return [];
}

function environmentOf(service) {
  const env = service.environment;
  if (Array.isArray(env)) return Object.fromEntries(env.map((e) => [e.split('=')[0], e.split('=').slice(1).join('=')]));
  return isObject(env) ? env : {};
}

function commandText(service) {
  return Array.isArray(service.command) ? service.command.join(' ') : String(service.command || '');
}

function checkCompose(file) {
  const [doc] = loadDocuments(file);
  if (!isObject(doc) || !isObject(doc.services)) return fail(file, 'no services');
  const services = doc.services;
  const names = new Set(Object.keys(services));
  const declared = (key) => new Set(Object.keys(doc[key] || {}));
  const volumes = declared('volumes');
  const secrets = declared('secrets');
  const networks = new Set([...declared('networks'), 'default']);

  for (const [name, s] of Object.entries(services)) {
    if (!isObject(s)) {
      fail(file, `service ${name} is not a mapping`);
      continue;
    }
    if (!s.image && !s.build) fail(file, `service ${name}: needs image or build`);
    for (const dep of listOrMap(s.depends_on)) if (!names.has(dep)) fail(file, `service ${name}: depends on unknown service ${dep}`);
    for (const secret of listOrMap(s.secrets)) if (!secrets.has(secret)) fail(file, `service ${name}: unknown secret ${secret}`);
    for (const network of listOrMap(s.networks)) if (!networks.has(network)) fail(file, `service ${name}: unknown network ${network}`);
    for (const volume of s.volumes || []) {
      const source = typeof volume === 'string' ? volume.split(':')[0] : volume.source;
      if (!source || source.startsWith('.') || source.startsWith('/') || source.startsWith('$')) {
        if (source && source.startsWith('.') && !fs.existsSync(path.resolve(path.dirname(file), source))) {
          fail(file, `service ${name}: bind mount ${source} does not exist`);
        }
        continue;
      }
      if (!volumes.has(source)) fail(file, `service ${name}: named volume ${source} is not declared`);
    }
    if (s.build?.dockerfile && !fs.existsSync(path.resolve(path.dirname(file), s.build.context || '.', s.build.dockerfile))) {
      fail(file, `service ${name}: Dockerfile ${s.build.dockerfile} does not exist`);
    }
  }

  const byCommand = (entry) => Object.entries(services).filter(([, s]) => commandText(s).includes(entry));
  const apis = byCommand('dist/apps/api/src/main.js');
  const workers = byCommand('dist/apps/worker/src/main.js');
  if (apis.length < 2) fail(file, `expected at least 2 API services, found ${apis.length}`);
  if (workers.length < 2) fail(file, `expected at least 2 worker services, found ${workers.length}`);
  for (const [name, s] of [...apis, ...workers]) {
    checkAppEnvironment(file, `service ${name}`, environmentOf(s));
    if (!s.healthcheck) fail(file, `service ${name}: no healthcheck`);
  }

  const byImage = (pattern) => Object.entries(services).filter(([, s]) => pattern.test(String(s.image || '')));
  const redis = byImage(/(^|\/)redis:/);
  if (redis.length !== 1) fail(file, `expected one Redis service, found ${redis.length}`);
  for (const [name, s] of redis) {
    const cmd = commandText(s);
    if (!/--appendonly\s+yes/.test(cmd)) fail(file, `service ${name}: Redis needs --appendonly yes (BullMQ jobs must survive a restart)`);
    if (!/--maxmemory-policy\s+noeviction/.test(cmd)) fail(file, `service ${name}: Redis needs --maxmemory-policy noeviction (BullMQ)`);
  }
  if (byImage(/kurrentdb/).length === 0) fail(file, 'no KurrentDB service');
  if (byImage(/(^|\/)postgres:/).length === 0) fail(file, 'no PostgreSQL service');

  const proxies = byImage(/(^|\/)(nginx|caddy)/);
  if (proxies.length === 0) fail(file, 'no reverse proxy service');
  for (const [name, s] of proxies) {
    for (const volume of s.volumes || []) {
      const source = typeof volume === 'string' ? volume.split(':')[0] : volume.source;
      if (!/\.conf$|Caddyfile$/.test(source || '')) continue;
      const confPath = path.resolve(path.dirname(file), source);
      if (!fs.existsSync(confPath)) continue; // reported above
      const upstreams = [...fs.readFileSync(confPath, 'utf8').matchAll(/^\s*server\s+([A-Za-z0-9_.-]+):\d+/gm)].map((m) => m[1]);
      if (upstreams.length === 0) fail(file, `service ${name}: ${source} names no upstream servers`);
      for (const host of upstreams) if (!names.has(host)) fail(file, `service ${name}: upstream ${host} is not a service`);
      for (const [api] of apis) if (!upstreams.includes(api)) fail(file, `service ${name}: API service ${api} is not behind the proxy`);
    }
  }
  return Object.keys(services).length;
}

// ------------------------------------------------------------ image and entry points

const warnings = [];

/** COPY sources of the build stage exist; every `dist/…/main.js` the manifests run has a source. */
function checkImage(dockerfile, manifestFiles) {
  if (!fs.existsSync(dockerfile)) return fail(dockerfile, 'missing');
  const text = fs.readFileSync(dockerfile, 'utf8');
  for (const line of text.split('\n')) {
    const m = /^COPY\s+(?!--from)(?:--\S+\s+)*(.+)\s+\S+$/.exec(line.trim());
    if (!m) continue;
    for (const source of m[1].split(/\s+/)) {
      if (!fs.existsSync(path.join(root, source))) fail(dockerfile, `COPY source ${source} does not exist`);
    }
  }
  const entries = new Set();
  for (const file of manifestFiles) {
    for (const m of fs.readFileSync(file, 'utf8').matchAll(/dist\/(apps\/[a-z-]+\/src\/main)\.js/g)) entries.add(m[1]);
  }
  for (const m of text.matchAll(/dist\/(apps\/[a-z-]+\/src\/main)\.js/g)) entries.add(m[1]);
  for (const entry of entries) {
    // The image builds `${entry}.ts` into dist/${entry}.js (tsconfig.build.json, rootDir ".").
    if (!fs.existsSync(path.join(root, `${entry}.ts`))) warnings.push(`${entry}.ts does not exist yet: the image would have no dist/${entry}.js`);
  }
}

// ---------------------------------------------------------------------- main

const k8sDir = path.join(root, 'infra', 'k8s');
const composeDir = path.join(root, 'infra', 'compose');
const k8sCount = checkKubernetes(k8sDir) || 0;
const composeFiles = yamlFiles(composeDir).filter((f) => /compose/.test(path.basename(f)));
if (composeFiles.length === 0) fail(composeDir, 'no compose files found');
for (const file of composeFiles) checkCompose(file);

checkImage(path.join(root, 'infra', 'docker', 'Dockerfile'), [...composeFiles, ...yamlFiles(k8sDir)]);

for (const w of warnings) console.warn(`WARN ${w}`);
if (problems.length > 0) {
  console.error(`infra manifests: ${problems.length} problem(s)`);
  for (const p of problems) console.error(`  - ${p}`);
  process.exit(1);
}
console.log(`infra manifests: ${k8sCount} Kubernetes objects and ${composeFiles.length} compose files check out`);
