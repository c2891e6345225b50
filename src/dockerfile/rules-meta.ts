// Every Dockerfile rule: id, default severity, hadolint alias (honoured in
// `# hadolint ignore=` comments), rationale, an example and the fix. The docs
// (docs/rules.md) are rendered from this table, so they cannot drift.

import type { RuleMeta, Severity } from '../model/finding.js'

export interface DockerfileRule extends RuleMeta {
  /** A Dockerfile excerpt that triggers the rule. */
  example: string
  /** The same excerpt fixed. */
  fixed: string
  /** Other tools' equivalent checks, for the docs only (not honoured in ignore comments). */
  seeAlso?: string
}

function rule(
  id: string,
  defaultSeverity: Severity,
  title: string,
  help: string,
  example: string,
  fixed: string,
  aliases: string[] = [],
  seeAlso?: string
): DockerfileRule {
  return {
    id,
    check: 'dockerfile',
    title,
    defaultSeverity,
    help,
    ...(aliases.length > 0 ? { aliases } : {}),
    example,
    fixed,
    ...(seeAlso ? { seeAlso } : {})
  }
}

export const DOCKERFILE_RULES: DockerfileRule[] = [
  rule(
    'dockerfile-parse-error',
    'high',
    'Dockerfile cannot be parsed',
    'The file is empty, binary, not a Dockerfile, or has an instruction BuildKit rejects (unknown keyword, an instruction before the first FROM, FROM without an image). Nothing else in it can be checked, so a gate must not pass it silently. Fix the line named in the message, or leave the file out of the `dockerfile` input.',
    'FORM alpine:3.20',
    'FROM alpine:3.20@sha256:<digest>'
  ),
  rule(
    'base-image-not-pinned',
    'medium',
    'Image not pinned by digest',
    'A tag (`:3.20`, worse `:latest` or no tag) can be moved to different content at any time: the build is not reproducible and a compromised or mistaken push reaches you unreviewed. Only a full `@sha256:<64 hex>` digest pins the bytes. Applies to FROM, `COPY --from=<image>` and `RUN --mount=from=<image>`; `scratch` and earlier stages are exempt. An image given through an ARG is judged on the ARG default; an ARG without default cannot be proven pinned. A truncated digest is not a pin. Fix: `name:tag@sha256:<digest>` (keep the tag for people and Renovate `pinDigests`; get the digest with `docker buildx imagetools inspect name:tag`).',
    'FROM node:20-alpine',
    'FROM node:20-alpine@sha256:<64 hex digest>',
    [],
    'hadolint #773 (requested, not implemented); trivy/checkov only check for a tag'
  ),
  rule(
    'runs-as-root',
    'high',
    'Container runs as root',
    "The final stage's effective user is root: its last USER (or, without one, the last USER of the stages it is built `FROM`) is `root`, `0`, `root:…`, `0:…` (or Windows `ContainerAdministrator`), possibly through a variable, or there is no USER at all and the base image's user cannot be known from the Dockerfile. Builder stages may run as root: only the final stage ships. When the built image is also scanned, its config `User` decides. A process running as root turns any code-execution bug into root in the container and makes escapes far easier. Fix: create an unprivileged user and end with `USER <uid>` (numeric so `runAsNonRoot` can verify it).",
    'FROM python:3.12-slim\nCOPY app /app\nCMD ["python", "/app/main.py"]',
    'FROM python:3.12-slim\nRUN useradd --uid 10001 --create-home app\nCOPY app /app\nUSER 10001\nCMD ["python", "/app/main.py"]',
    ['DL3002'],
    'trivy DS-0002, checkov CKV_DOCKER_3/CKV_DOCKER_8'
  ),
  rule(
    'secret-in-env',
    'high',
    'Secret in ENV',
    'An ENV value is stored in the image config: anyone who can pull the image reads it with `docker inspect`. Flagged when the name says it holds a credential (the last part is PASSWORD, TOKEN, SECRET, API_KEY, PRIVATE_KEY, ACCESS_KEY, CREDENTIALS…, not a reference such as `*_FILE`, `*_PATH`, `*_URL`, `*_LENGTH`, `*_ALIAS`, `*_ID`) and the value is a literal, or when the secrets engine recognises the value whatever the name (then the finding takes the severity of the detector: critical for a provider token, medium for a merely random-looking string). `$VAR`-only values, paths, booleans and `<placeholder>`s are not flagged. Checked in every stage and in ONBUILD. Fix: pass the secret at run time (orchestrator secret, env file) or, for build-time use, `RUN --mount=type=secret,id=…`.',
    'ENV DB_PASSWORD=s3cr3t-passw0rd',
    '# at run time: docker run -e DB_PASSWORD … / a Kubernetes secret\nRUN --mount=type=secret,id=db_password ./migrate.sh',
    ['DL3064'],
    'buildkit SecretsUsedInArgOrEnv, trivy DS-0031'
  ),
  rule(
    'secret-in-arg',
    'high',
    'Secret passed as build ARG',
    'Build args are recorded in the image history (`docker history --no-trunc`) and in provenance attestations, even without a default. Flagged when the ARG name says it holds a credential (same name logic as `secret-in-env`; a default that is a number, boolean, path or placeholder shows it is a setting and clears it) or its default is a recognised secret. Fix: `RUN --mount=type=secret,id=<name>` and `docker build --secret id=<name>,env=<VAR>`.',
    'ARG NPM_TOKEN\nRUN echo "//registry.npmjs.org/:_authToken=${NPM_TOKEN}" > ~/.npmrc && npm ci',
    'RUN --mount=type=secret,id=npm_token,env=NPM_TOKEN \\\n    echo "//registry.npmjs.org/:_authToken=${NPM_TOKEN}" > ~/.npmrc && npm ci && rm ~/.npmrc',
    ['DL3064'],
    'buildkit SecretsUsedInArgOrEnv, trivy DS-0031'
  ),
  rule(
    'untrusted-registry',
    'high',
    'Image from an untrusted registry',
    'Only checked when `checks.dockerfile.trusted-registries` is set: every external image (FROM, `COPY --from`, `RUN --mount=from`) must come from one of those registries (`*` matches any characters, so `*.dkr.ecr.*.amazonaws.com` works; an image without a registry part is `docker.io`). Keeps builds on vetted mirrors and out of typo-squatted namespaces. Fix: pull through your approved registry or mirror.',
    '# trusted-registries: [ghcr.io]\nFROM docker.io/library/python:3.12-slim',
    'FROM ghcr.io/acme/mirror/python:3.12-slim@sha256:<digest>',
    ['DL3026']
  ),
  rule(
    'image-latest-tag',
    'low',
    'Image uses :latest or no tag',
    'An untagged image means `:latest`, which changes under you. Reported only when `base-image-not-pinned` is disabled (that rule already says so in its message, and one annotation per line is enough).',
    'FROM ubuntu',
    'FROM ubuntu:24.04',
    ['DL3006', 'DL3007'],
    'trivy DS-0001, checkov CKV_DOCKER_7'
  ),
  rule(
    'undefined-var-in-from',
    'medium',
    'Undefined variable in FROM',
    'FROM is expanded with the ARGs declared before the first FROM only; a stage ARG or a typo expands to an empty string and the build pulls something else than intended (or fails). Fix: declare the ARG, with a default, before the first FROM.',
    'FROM ${BASE_IMAGE}',
    'ARG BASE_IMAGE=alpine:3.20@sha256:<digest>\nFROM ${BASE_IMAGE}',
    [],
    'buildkit UndefinedArgInFrom'
  ),
  rule(
    'copy-from-unknown-stage',
    'medium',
    'COPY --from names no stage',
    '`--from` with a plain word that is no stage name (or a stage index that does not exist) is pulled as an image from Docker Hub: usually a typo of a stage name, and a way to pull an unexpected image. Fix: use the stage name, or write the image in full (`registry/name:tag@sha256:…`).',
    'FROM golang:1.22 AS build\nFROM alpine:3.20\nCOPY --from=biuld /out/app /app',
    'FROM golang:1.22 AS build\nFROM alpine:3.20\nCOPY --from=build /out/app /app',
    ['DL3022']
  ),
  rule(
    'copy-from-self',
    'medium',
    'COPY --from its own stage',
    'A stage cannot copy from itself; BuildKit fails with a cycle. Fix: name the stage that produces the files.',
    'FROM alpine:3.20 AS app\nCOPY --from=app /a /b',
    'COPY --from=build /a /b',
    ['DL3023']
  ),
  rule(
    'duplicate-stage-name',
    'medium',
    'Stage name used twice',
    'Stage names are case-insensitive and must be unique; with a duplicate, `--from`/`FROM` references resolve to a stage you may not expect (BuildKit rejects it). Fix: rename one.',
    'FROM alpine:3.20 AS build\nFROM debian:12 AS Build',
    'FROM debian:12 AS build-deb',
    ['DL3024'],
    'buildkit DuplicateStageName'
  ),
  rule(
    'add-url-without-checksum',
    'medium',
    'ADD of a URL without --checksum',
    'ADD downloads the URL at build time with no integrity check: whoever controls the server or the network path controls what goes into the image. Fix: `ADD --checksum=sha256:<hex> <url> <dest>` or download with curl and verify with `sha256sum -c`.',
    'ADD https://example.com/tool.tar.gz /opt/',
    'ADD --checksum=sha256:<hex> https://example.com/tool.tar.gz /opt/',
    [],
    'trivy DS-0005, checkov CKV_DOCKER_4'
  ),
  rule(
    'add-instead-of-copy',
    'low',
    'ADD used to copy local files',
    'ADD silently extracts local archives and fetches URLs; for plain files COPY says exactly what happens. Fix: use COPY (keep ADD for local tar archives you want extracted).',
    'ADD app.py /app/',
    'COPY app.py /app/',
    ['DL3020']
  ),
  rule(
    'curl-pipe-shell',
    'medium',
    'Remote script piped into a shell',
    '`curl … | sh` runs whatever the server returns, unverified, with the build user (often root). Fix: download to a file, verify its checksum or signature, then run it.',
    'RUN curl -fsSL https://get.example.com | sh',
    'RUN curl -fsSLo /tmp/install.sh https://get.example.com \\\n && echo "<sha256>  /tmp/install.sh" | sha256sum -c - \\\n && sh /tmp/install.sh',
    []
  ),
  rule(
    'tls-verification-disabled',
    'medium',
    'TLS or signature verification disabled',
    'Turning off certificate or package-signature checks (`curl -k`, `wget --no-check-certificate`, `apt-get --allow-unauthenticated`, `apk --allow-untrusted`, `--nogpgcheck`, `pip --trusted-host`, `git -c http.sslVerify=false`, `NODE_TLS_REJECT_UNAUTHORIZED=0`, `GIT_SSL_NO_VERIFY`, `PYTHONHTTPSVERIFY=0`) lets anyone on the network path swap what gets installed. Fix: install the right CA certificate instead.',
    'RUN curl -k https://internal.example.com/tool -o /usr/local/bin/tool',
    'COPY corp-ca.crt /usr/local/share/ca-certificates/\nRUN update-ca-certificates && curl https://internal.example.com/tool -o /usr/local/bin/tool',
    [],
    'checkov CKV2_DOCKER_2…17'
  ),
  rule(
    'missing-pipefail',
    'low',
    'Pipe without pipefail',
    'In `RUN a | b` the exit status is that of `b`: a failed download piped into a parser still "succeeds" and the image is built broken. Fix: `SHELL ["/bin/bash", "-o", "pipefail", "-c"]` (or `set -o pipefail &&` at the start of the RUN; busybox ash supports it too).',
    'RUN wget -O - https://example.com/key.asc | gpg --import',
    'SHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN wget -O - https://example.com/key.asc | gpg --import',
    ['DL4006']
  ),
  rule(
    'sudo-in-run',
    'medium',
    'sudo in RUN',
    'sudo has unpredictable TTY and signal behaviour and means the build already has or grants root it should not need. Fix: switch with `USER root` for the steps that need it and back to the app user afterwards.',
    'RUN sudo apt-get install -y curl',
    'USER root\nRUN apt-get install -y curl\nUSER 10001',
    ['DL3004'],
    'trivy DS-0010'
  ),
  rule(
    'chmod-world-writable',
    'medium',
    'World-writable permissions',
    '`chmod 777` / `o+w` lets every user in the container rewrite the files: a foothold as any user becomes control of the app. Directories with the sticky bit (`1777`, like /tmp) are exempt. Fix: give ownership to the app user (`COPY --chown`, `chown`) and use 755/644.',
    'RUN chmod -R 777 /app',
    'COPY --chown=10001:10001 app /app',
    []
  ),
  rule(
    'expose-ssh-port',
    'medium',
    'SSH port exposed',
    'Exposing port 22 means an SSH daemon in the container: another credential store and attack surface, against the one-process model. Fix: use `docker exec`/`kubectl exec` for access and drop the sshd.',
    'EXPOSE 22',
    'EXPOSE 8080',
    [],
    'trivy DS-0004, checkov CKV_DOCKER_1'
  ),
  rule(
    'apt-get-missing-yes',
    'low',
    'apt-get install without -y',
    'Without `-y` apt-get waits for a confirmation that never comes in a build. Fix: `apt-get install -y`.',
    'RUN apt-get update && apt-get install curl',
    'RUN apt-get update && apt-get install -y curl',
    ['DL3014']
  ),
  rule(
    'apt-no-install-recommends',
    'info',
    'apt-get install without --no-install-recommends',
    'Recommended packages are pulled in by default: a bigger image and more packages to patch. Fix: `apt-get install -y --no-install-recommends …`.',
    'RUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*',
    'RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*',
    ['DL3015']
  ),
  rule(
    'apt-lists-not-cleaned',
    'low',
    'apt lists left in the image',
    'The apt package lists stay in the layer (tens of MB) and go stale. Only stages that end up in the final image are checked; a cache mount on /var/lib/apt counts as clean. Fix: end the same RUN with `rm -rf /var/lib/apt/lists/*` (or `apt-get dist-clean`).',
    'RUN apt-get update && apt-get install -y --no-install-recommends curl',
    'RUN apt-get update && apt-get install -y --no-install-recommends curl \\\n && rm -rf /var/lib/apt/lists/*',
    ['DL3009']
  ),
  rule(
    'apt-unpinned-packages',
    'info',
    'apt-get install without versions',
    'Without `name=version` every build installs whatever the mirror has that day: builds are not reproducible and a bad update arrives unreviewed. Many teams accept this and pin the base image digest instead, so the default severity is info. Fix: `apt-get install -y curl=7.88.1-10+deb12u8`.',
    'RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*',
    'RUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u8 && rm -rf /var/lib/apt/lists/*',
    ['DL3008']
  ),
  rule(
    'apk-no-cache',
    'low',
    'apk add without --no-cache',
    'Without `--no-cache` the package index stays in the image. Only stages that end up in the final image are checked. Fix: `apk add --no-cache …`.',
    'RUN apk update && apk add curl',
    'RUN apk add --no-cache curl',
    ['DL3019']
  ),
  rule(
    'pip-no-cache-dir',
    'info',
    'pip install without --no-cache-dir',
    "pip's download cache stays in the layer. Only stages that end up in the final image are checked; `PIP_NO_CACHE_DIR` and a cache mount count. Fix: `pip install --no-cache-dir …`.",
    'RUN pip install requests==2.32.3',
    'RUN pip install --no-cache-dir requests==2.32.3',
    ['DL3042']
  ),
  rule(
    'multiple-cmd',
    'low',
    'Several CMD in one stage',
    'Only the last CMD of a stage takes effect; the others mislead the reader. Fix: keep one.',
    'CMD ["a"]\nCMD ["b"]',
    'CMD ["b"]',
    ['DL4003']
  ),
  rule(
    'multiple-entrypoint',
    'low',
    'Several ENTRYPOINT in one stage',
    'Only the last ENTRYPOINT of a stage takes effect. Fix: keep one.',
    'ENTRYPOINT ["a"]\nENTRYPOINT ["b"]',
    'ENTRYPOINT ["b"]',
    ['DL4004']
  ),
  rule(
    'multiple-healthcheck',
    'low',
    'Several HEALTHCHECK in one stage',
    'Only the last HEALTHCHECK of a stage takes effect. Fix: keep one.',
    'HEALTHCHECK CMD curl -f http://localhost/\nHEALTHCHECK CMD wget -q http://localhost/',
    'HEALTHCHECK CMD wget -q http://localhost/',
    ['DL3012']
  ),
  rule(
    'shell-form-entrypoint',
    'low',
    'Shell form CMD/ENTRYPOINT',
    'The shell form runs the process under `/bin/sh -c`: it is not PID 1, does not receive SIGTERM and is killed after the stop timeout. Fix: the exec form `["prog", "arg"]`.',
    'CMD node server.js',
    'CMD ["node", "server.js"]',
    ['DL3025'],
    'buildkit JSONArgsRecommended'
  ),
  rule(
    'workdir-relative',
    'low',
    'Relative WORKDIR',
    'A relative WORKDIR depends on the previous one (and on the base image): easy to get wrong. Fix: an absolute path.',
    'WORKDIR app',
    'WORKDIR /app',
    ['DL3000'],
    'buildkit WorkdirRelativePath'
  ),
  rule(
    'run-cd',
    'info',
    'cd in RUN instead of WORKDIR',
    '`RUN cd /dir && …` only changes directory for that one RUN, which is easy to forget in the next one. Fix: `WORKDIR /dir`.',
    'RUN cd /app && make',
    'WORKDIR /app\nRUN make',
    ['DL3003']
  ),
  rule(
    'maintainer-deprecated',
    'info',
    'MAINTAINER is deprecated',
    'MAINTAINER has been deprecated since Docker 1.13. Fix: `LABEL org.opencontainers.image.authors="…"`.',
    'MAINTAINER Jane <jane@example.com>',
    'LABEL org.opencontainers.image.authors="Jane <jane@example.com>"',
    ['DL4000'],
    'buildkit MaintainerDeprecated'
  ),
  rule(
    'legacy-env-format',
    'info',
    'Legacy ENV/LABEL "key value" form',
    '`ENV key value` sets one variable to everything after the key, which surprises (`ENV A 1 B 2` sets A to `1 B 2`). Fix: `ENV key=value`.',
    'ENV APP_HOME /app',
    'ENV APP_HOME=/app',
    [],
    'buildkit LegacyKeyValueFormat'
  ),
  rule(
    'copy-multiple-sources-not-dir',
    'medium',
    'COPY/ADD of several sources to a non-directory',
    'With more than one source, `COPY`/`ADD` needs a directory destination written with a trailing `/`; otherwise the build fails ("When using COPY with more than one source file, the destination must be a directory and end with a /"). Fix: end the destination with `/`.',
    'COPY package.json package-lock.json /app',
    'COPY package.json package-lock.json /app/',
    ['DL3021']
  ),
  rule(
    'expose-invalid-port',
    'medium',
    'EXPOSE of an invalid port',
    'Ports are 0–65535, ranges are `low-high`; anything else fails at run time or is silently wrong. Fix: the port the process listens on.',
    'EXPOSE 80800',
    'EXPOSE 8080',
    ['DL3011']
  ),
  rule(
    'from-platform-flag',
    'low',
    'FROM --platform with a constant',
    'A constant `--platform` builds that stage for one platform whatever platform the build is asked for: a multi-platform build ships amd64 binaries as arm64. Variables (`$BUILDPLATFORM`, `$TARGETPLATFORM`) are how cross-builds choose, and are fine. Fix: drop the flag, or use `--platform=$BUILDPLATFORM` on build stages.',
    'FROM --platform=linux/amd64 node:20',
    'FROM --platform=$BUILDPLATFORM node:20 AS build',
    ['DL3029'],
    'buildkit FromPlatformFlagConstDisallowed'
  ),
  rule(
    'apt-instead-of-apt-get',
    'low',
    'apt instead of apt-get',
    '`apt` is the interactive front end: its output and options are not a stable interface and it warns so in scripts. Fix: `apt-get` (and `apt-cache`).',
    'RUN apt update && apt install -y curl',
    'RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*',
    ['DL3027']
  ),
  rule(
    'rpm-install-missing-yes',
    'low',
    'yum/dnf/zypper install without -y',
    'Without `-y` (zypper: `--non-interactive`) the package manager waits for a confirmation a build cannot give and the build fails. Fix: `dnf install -y`, `yum install -y`, `zypper --non-interactive install`.',
    'RUN dnf install httpd && dnf clean all',
    'RUN dnf install -y httpd && dnf clean all',
    ['DL3030', 'DL3038', 'DL3034']
  ),
  rule(
    'rpm-cache-not-cleaned',
    'low',
    'yum/dnf/zypper cache left in the image',
    'yum, dnf and zypper keep their repository metadata (tens of MB) in the layer. Only stages that end up in the final image are checked; a cache mount counts as clean. Fix: end the same RUN with `dnf clean all` / `yum clean all` / `zypper clean --all`.',
    'RUN dnf install -y httpd',
    'RUN dnf install -y httpd && dnf clean all',
    ['DL3032', 'DL3040', 'DL3036']
  ),
  rule(
    'useradd-high-uid',
    'low',
    'useradd with a high UID and no -l',
    'useradd records every user in the sparse `/var/log/lastlog`, sized by the highest UID: UID 1000000 writes a file of about 280 MB into the layer (sparse on disk, but written out in full in the layer tar). Fix: `useradd -l` (`--no-log-init`).',
    'RUN useradd -u 1000000 app',
    'RUN useradd -l -u 1000000 app',
    ['DL3046']
  ),
  rule(
    'pointless-command',
    'info',
    'Command that makes no sense in a build',
    "`ssh`, `vim`, `shutdown`, `service`, `ps`, `free`, `top`, `kill`, `mount`, `ifconfig` manage a running system; during a build there is no terminal, no init and no service to manage, so they do nothing useful or hide a mistake. Fix: remove them, or move the work to the container's entrypoint.",
    'RUN service nginx start',
    'CMD ["nginx", "-g", "daemon off;"]',
    ['DL3001']
  )
]

export const RULES_BY_ID: ReadonlyMap<string, DockerfileRule> = new Map(
  DOCKERFILE_RULES.map(r => [r.id, r])
)

/** Our id for an id or a hadolint alias (`DL3002` → `runs-as-root`); several for DL3064. */
export function resolveRuleIds(idOrAlias: string): string[] {
  if (RULES_BY_ID.has(idOrAlias)) return [idOrAlias]
  const upper = idOrAlias.toUpperCase()
  return DOCKERFILE_RULES.filter(r => r.aliases?.includes(upper)).map(r => r.id)
}

/** BuildKit build-check names → our rule ids, honoured in `# check=skip=<Name>[,<Name>]`. */
export const BUILDKIT_CHECKS: Readonly<Record<string, string[]>> = {
  secretsusedinargorenv: ['secret-in-env', 'secret-in-arg'],
  undefinedarginfrom: ['undefined-var-in-from'],
  duplicatestagename: ['duplicate-stage-name'],
  jsonargsrecommended: ['shell-form-entrypoint'],
  workdirrelativepath: ['workdir-relative'],
  maintainerdeprecated: ['maintainer-deprecated'],
  legacykeyvalueformat: ['legacy-env-format'],
  fromplatformflagconstdisallowed: ['from-platform-flag']
}
