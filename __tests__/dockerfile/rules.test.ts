// Positive and negative cases for every rule beyond the mandatory four.
import { describe, expect, it } from '@jest/globals'
import { lintDockerfile } from '../../src/dockerfile/index.js'
import { worldWritable } from '../../src/dockerfile/rules/chmod-world-writable.js'
import { DIGEST, hits, linesOf } from './helpers.js'

const FROM = `FROM debian:12@${DIGEST}`
/** A final stage that is otherwise clean, so only the rule under test can fire. */
const file = (...lines: string[]) => [FROM, ...lines, 'USER 1000']

type Case = [rule: string, name: string, lines: string[], expected: number[]]

const cases: Case[] = [
  // undefined-var-in-from
  ['undefined-var-in-from', 'undeclared variable', ['FROM ${BASE_IMAGE}', 'USER 1'], [1]],
  [
    'undefined-var-in-from',
    'stage ARG is not visible in FROM',
    [FROM, 'ARG IMG=alpine', 'FROM $IMG', 'USER 1'],
    [3]
  ],
  [
    'undefined-var-in-from',
    'declared global ARG',
    ['ARG BASE_IMAGE=alpine', 'FROM ${BASE_IMAGE}', 'USER 1'],
    []
  ],
  [
    'undefined-var-in-from',
    'automatic platform ARG',
    [`FROM --platform=$BUILDPLATFORM alpine:3@${DIGEST}`, 'USER 1'],
    []
  ],
  // copy-from-unknown-stage
  [
    'copy-from-unknown-stage',
    'typo of a stage name',
    [`${FROM} AS build`, FROM, 'COPY --from=biuld /a /a', 'USER 1'],
    [3]
  ],
  ['copy-from-unknown-stage', 'index out of range', [FROM, 'COPY --from=3 /a /a', 'USER 1'], [2]],
  [
    'copy-from-unknown-stage',
    'stage name in other case',
    [`${FROM} AS build`, FROM, 'COPY --from=BUILD /a /a', 'USER 1'],
    []
  ],
  [
    'copy-from-unknown-stage',
    'full image reference',
    [FROM, `COPY --from=nginx:1.27@${DIGEST} /a /a`, 'USER 1'],
    []
  ],
  [
    'copy-from-unknown-stage',
    'earlier index',
    [`${FROM} AS a`, FROM, 'COPY --from=0 /a /a', 'USER 1'],
    []
  ],
  [
    'copy-from-unknown-stage',
    'a stage defined later (BuildKit builds it, but it reads backwards: hadolint DL3022)',
    [`${FROM} AS app`, 'COPY --from=assets /a /a', `${FROM} AS assets`, 'FROM app', 'USER 1'],
    [2]
  ],
  // copy-from-self
  [
    'copy-from-self',
    'own stage by name',
    [`${FROM} AS app`, 'COPY --from=app /a /b', 'USER 1'],
    [2]
  ],
  [
    'copy-from-self',
    'own stage by index (an index is not an earlier stage)',
    [FROM, 'COPY --from=0 /a /b', 'USER 1'],
    []
  ],
  ['copy-from-unknown-stage', 'own stage by index', [FROM, 'COPY --from=0 /a /b', 'USER 1'], [2]],
  [
    'copy-from-self',
    'another stage',
    [`${FROM} AS a`, `${FROM} AS b`, 'COPY --from=a /a /b', 'USER 1'],
    []
  ],
  // duplicate-stage-name
  [
    'duplicate-stage-name',
    'same name, other case',
    [`${FROM} AS build`, `${FROM} AS Build`, 'USER 1'],
    [2]
  ],
  ['duplicate-stage-name', 'distinct names', [`${FROM} AS build`, `${FROM} AS test`, 'USER 1'], []],
  // add-url-without-checksum / add-instead-of-copy
  [
    'add-url-without-checksum',
    'URL without checksum',
    file('ADD https://example.com/tool.tgz /opt/'),
    [2]
  ],
  [
    'add-url-without-checksum',
    'URL with checksum',
    file('ADD --checksum=sha256:abc https://example.com/t.tgz /opt/'),
    []
  ],
  [
    'add-url-without-checksum',
    'git URL',
    file('ADD https://github.com/moby/buildkit.git#v0.14 /src'),
    []
  ],
  ['add-instead-of-copy', 'local file', file('ADD app.py /app/'), [2]],
  ['add-instead-of-copy', 'local archive (extracted on purpose)', file('ADD rootfs.tar.xz /'), []],
  ['add-instead-of-copy', 'COPY', file('COPY app.py /app/'), []],
  // curl-pipe-shell
  ['curl-pipe-shell', 'curl | sh', file('RUN curl -fsSL https://get.example.com | sh'), [2]],
  [
    'curl-pipe-shell',
    'wget -O- | sudo bash -s',
    file('RUN wget -qO- https://x.io/i.sh | sudo bash -s -- -y'),
    [2]
  ],
  [
    'curl-pipe-shell',
    'sh -c "$(curl …)"',
    file('RUN sh -c "$(curl -fsSL https://x.io/i.sh)"'),
    [2]
  ],
  ['curl-pipe-shell', 'bash <(curl …)', file('RUN bash <(curl -fsSL https://x.io/i.sh)'), [2]],
  [
    'curl-pipe-shell',
    'curl | python3 -',
    file('RUN curl -sSL https://install.python-poetry.org | python3 -'),
    [2]
  ],
  [
    'curl-pipe-shell',
    'curl | tar',
    file('RUN set -o pipefail && curl -fsSL https://x.io/t.tgz | tar -xz'),
    []
  ],
  [
    'curl-pipe-shell',
    'curl | python3 -c (parses JSON)',
    file('RUN set -o pipefail; curl -s https://x.io/v | python3 -c "import json"'),
    []
  ],
  // tls-verification-disabled
  ['tls-verification-disabled', 'curl -k', file('RUN curl -fsSLk https://x.io/a -o /a'), [2]],
  [
    'tls-verification-disabled',
    'wget --no-check-certificate',
    file('RUN wget --no-check-certificate https://x.io/a'),
    [2]
  ],
  [
    'tls-verification-disabled',
    'apt-get --allow-unauthenticated',
    file('RUN apt-get install -y --allow-unauthenticated x'),
    [2]
  ],
  [
    'tls-verification-disabled',
    'apk --allow-untrusted',
    file('RUN apk add --no-cache --allow-untrusted /tmp/x.apk'),
    [2]
  ],
  ['tls-verification-disabled', 'dnf --nogpgcheck', file('RUN dnf install -y --nogpgcheck x'), [2]],
  [
    'tls-verification-disabled',
    'pip --trusted-host',
    file('RUN pip install --no-cache-dir --trusted-host pypi.internal x'),
    [2]
  ],
  [
    'tls-verification-disabled',
    'git -c http.sslVerify=false',
    file('RUN git -c http.sslVerify=false clone https://x.io/r'),
    [2]
  ],
  [
    'tls-verification-disabled',
    'npm config set strict-ssl false',
    file('RUN npm config set strict-ssl false'),
    [2]
  ],
  [
    'tls-verification-disabled',
    'ENV NODE_TLS_REJECT_UNAUTHORIZED=0',
    file('ENV NODE_TLS_REJECT_UNAUTHORIZED=0'),
    [2]
  ],
  ['tls-verification-disabled', 'ENV GIT_SSL_NO_VERIFY=1', file('ENV GIT_SSL_NO_VERIFY=1'), [2]],
  [
    'tls-verification-disabled',
    'ENV NODE_TLS_REJECT_UNAUTHORIZED=1',
    file('ENV NODE_TLS_REJECT_UNAUTHORIZED=1'),
    []
  ],
  [
    'tls-verification-disabled',
    'curl -K config file',
    file('RUN curl -K /etc/curlrc https://x.io'),
    []
  ],
  // missing-pipefail
  [
    'missing-pipefail',
    'pipe in shell form',
    file('RUN wget -O - https://x.io/key | gpg --import'),
    [2]
  ],
  [
    'missing-pipefail',
    'set -o pipefail in the RUN',
    file('RUN set -eux -o pipefail; wget -O - https://x.io/key | gpg --import'),
    []
  ],
  [
    'missing-pipefail',
    'SHELL with pipefail',
    file(
      'SHELL ["/bin/bash", "-o", "pipefail", "-c"]',
      'RUN wget -O - https://x.io | gpg --import'
    ),
    []
  ],
  [
    'missing-pipefail',
    'SHELL inherited from the parent stage',
    [
      `${FROM} AS base`,
      'SHELL ["/bin/bash", "-eo", "pipefail", "-c"]',
      'FROM base',
      'RUN a | b',
      'USER 1'
    ],
    []
  ],
  // hadolint DL4006: every pipe needs pipefail, even from echo.
  ['missing-pipefail', 'echo into a checker', file('RUN echo "abc  file" | sha256sum -c -'), [2]],
  ['missing-pipefail', '|| is not a pipe', file('RUN make || true'), []],
  [
    'missing-pipefail',
    'case patterns are not pipes',
    file('RUN case "$arch" in amd64|x86_64) a=1 ;; arm64|aarch64) a=2 ;; esac'),
    []
  ],
  ['missing-pipefail', 'exec form', file('RUN ["sh", "-c", "a | b"]'), []],
  [
    'missing-pipefail',
    'PowerShell SHELL',
    file('SHELL ["powershell", "-Command"]', 'RUN Get-Item x | Remove-Item'),
    []
  ],
  // sudo-in-run
  ['sudo-in-run', 'sudo', file('RUN sudo make install'), [2]],
  [
    'sudo-in-run',
    'sudo after &&',
    file('RUN make && DEBIAN_FRONTEND=noninteractive sudo make install'),
    [2]
  ],
  [
    'sudo-in-run',
    'a package named sudo',
    file(
      'RUN apt-get update && apt-get install -y --no-install-recommends sudo && rm -rf /var/lib/apt/lists/*'
    ),
    []
  ],
  // chmod-world-writable
  ['chmod-world-writable', 'chmod -R 777', file('RUN chmod -R 777 /app'), [2]],
  ['chmod-world-writable', 'chmod o+w', file('RUN chmod o+w /app'), [2]],
  ['chmod-world-writable', 'sticky 1777 (like /tmp)', file('RUN chmod 1777 /tmp/cache'), []],
  ['chmod-world-writable', 'chmod 755', file('RUN chmod 755 /entrypoint.sh'), []],
  // expose-ssh-port
  ['expose-ssh-port', 'EXPOSE 22', file('EXPOSE 80 22/tcp'), [2]],
  ['expose-ssh-port', 'a range with 22', file('EXPOSE 20-25'), [2]],
  ['expose-ssh-port', 'from a variable', file('ARG SSH_PORT=22', 'EXPOSE $SSH_PORT'), [3]],
  ['expose-ssh-port', 'EXPOSE 2222', file('EXPOSE 2222 8022'), []],
  // apt rules
  [
    'apt-get-missing-yes',
    'no -y',
    file(
      'RUN apt-get update && apt-get install --no-install-recommends curl && rm -rf /var/lib/apt/lists/*'
    ),
    [2]
  ],
  [
    'apt-get-missing-yes',
    '-qq implies -y',
    file('RUN apt-get install -qq --no-install-recommends curl'),
    []
  ],
  [
    'apt-get-missing-yes',
    'combined -yq',
    file('RUN apt-get install -yq --no-install-recommends curl'),
    []
  ],
  ['apt-no-install-recommends', 'missing', file('RUN apt-get install -y curl'), [2]],
  [
    'apt-no-install-recommends',
    'present',
    file('RUN apt-get install -y --no-install-recommends curl'),
    []
  ],
  [
    'apt-no-install-recommends',
    'configured off earlier',
    file(
      `RUN echo 'APT::Install-Recommends "0";' > /etc/apt/apt.conf.d/01norecommend`,
      'RUN apt-get install -y curl'
    ),
    []
  ],
  [
    'apt-no-install-recommends',
    'configured off in the stage it is built FROM',
    [
      `${FROM} AS base`,
      `RUN echo 'APT::Install-Recommends "0";' > /etc/apt/apt.conf.d/01norecommend`,
      'FROM base',
      'RUN apt-get install -y curl',
      'USER 1'
    ],
    []
  ],
  [
    'apt-no-install-recommends',
    'configured off only after the install',
    file(
      'RUN apt-get install -y curl',
      `RUN echo 'APT::Install-Recommends "0";' > /etc/apt/apt.conf.d/01norecommend`
    ),
    [2]
  ],
  [
    'apt-lists-not-cleaned',
    'update + install, no cleanup',
    file('RUN apt-get update && apt-get install -y --no-install-recommends curl'),
    [2]
  ],
  [
    'apt-lists-not-cleaned',
    'rm -rf lists',
    file(
      'RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*'
    ),
    []
  ],
  [
    'apt-lists-not-cleaned',
    'apt-get dist-clean',
    file(
      'RUN apt-get update && apt-get install -y --no-install-recommends curl && apt-get dist-clean'
    ),
    []
  ],
  [
    'apt-lists-not-cleaned',
    'cache mount on the lists',
    file(
      'RUN --mount=type=cache,target=/var/lib/apt/lists,sharing=locked apt-get update && apt-get install -y --no-install-recommends curl'
    ),
    []
  ],
  [
    'apt-lists-not-cleaned',
    'cache mount on /var/lib/apt alone (hadolint: not enough without /var/cache/apt)',
    file(
      'RUN --mount=type=cache,target=/var/lib/apt,sharing=locked apt-get update && apt-get install -y --no-install-recommends curl'
    ),
    [2]
  ],
  [
    'apt-lists-not-cleaned',
    'builder stage (does not ship)',
    [
      `${FROM} AS build`,
      'RUN apt-get update && apt-get install -y --no-install-recommends gcc',
      FROM,
      'USER 1'
    ],
    []
  ],
  [
    'apt-lists-not-cleaned',
    'heredoc RUN script',
    file('RUN <<EOF', 'apt-get update', 'apt-get install -y --no-install-recommends curl', 'EOF'),
    [2]
  ],
  ['apk-no-cache', 'apk add', file('RUN apk update && apk add curl'), [2]],
  ['apk-no-cache', 'apk --no-cache add', file('RUN apk --no-cache add curl'), []],
  ['apk-no-cache', 'rm /var/cache/apk', file('RUN apk add curl && rm -rf /var/cache/apk/*'), []],
  [
    'apk-no-cache',
    'apk add --no-network (fetches nothing)',
    file(
      'RUN apk add --no-cache --virtual .b gcc && scanelf | xargs -rt apk add --no-network --virtual .run'
    ),
    []
  ],
  ['pip-no-cache-dir', 'pip install', file('RUN pip install requests==2.32.3'), [2]],
  ['pip-no-cache-dir', 'python -m pip install', file('RUN python3 -m pip install requests'), [2]],
  ['pip-no-cache-dir', '--no-cache-dir', file('RUN pip install --no-cache-dir requests'), []],
  [
    'pip-no-cache-dir',
    'ENV PIP_NO_CACHE_DIR',
    file('ENV PIP_NO_CACHE_DIR=1', 'RUN pip install requests'),
    []
  ],
  // repeated instructions
  ['multiple-cmd', 'two CMD', file('CMD ["a"]', 'CMD ["b"]'), [2]],
  [
    'multiple-cmd',
    'one CMD per stage',
    [`${FROM} AS a`, 'CMD ["a"]', FROM, 'CMD ["b"]', 'USER 1'],
    []
  ],
  ['multiple-entrypoint', 'two ENTRYPOINT', file('ENTRYPOINT ["a"]', 'ENTRYPOINT ["b"]'), [2]],
  [
    'multiple-healthcheck',
    'two HEALTHCHECK',
    file('HEALTHCHECK CMD ["a"]', 'HEALTHCHECK NONE'),
    [2]
  ],
  // shell-form-entrypoint
  ['shell-form-entrypoint', 'shell-form CMD', file('CMD node server.js'), [2]],
  ['shell-form-entrypoint', 'shell-form ENTRYPOINT', file('ENTRYPOINT /entrypoint.sh'), [2]],
  ['shell-form-entrypoint', 'exec form', file('CMD ["node", "server.js"]'), []],
  [
    'shell-form-entrypoint',
    'builder stage (hadolint and BuildKit check every stage)',
    [`${FROM} AS build`, 'CMD make', FROM, 'USER 1'],
    [2]
  ],
  // workdir-relative
  ['workdir-relative', 'relative', file('WORKDIR app'), [2]],
  ['workdir-relative', 'absolute', file('WORKDIR /app'), []],
  [
    'workdir-relative',
    'from a variable with an absolute default',
    file('ENV APP_HOME=/srv/app', 'WORKDIR $APP_HOME'),
    []
  ],
  ['workdir-relative', 'Windows drive path', file('WORKDIR C:\\\\app'), []],
  // run-cd
  ['run-cd', 'RUN cd … &&', file('RUN cd /src && make'), [2]],
  [
    'run-cd',
    'cd later in the RUN (hadolint DL3003: any cd)',
    file('RUN make && cd / && rm -rf /src'),
    [2]
  ],
  ['run-cd', 'cd in a subshell is still a cd', file('RUN make'), []],
  // maintainer / legacy form
  ['maintainer-deprecated', 'MAINTAINER', file('MAINTAINER Jane <jane@example.com>'), [2]],
  ['legacy-env-format', 'ENV key value', file('ENV APP_HOME /app'), [2]],
  ['legacy-env-format', 'LABEL key value', file('LABEL maintainer jane'), [2]],
  ['legacy-env-format', 'ENV key=value', file('ENV APP_HOME=/app', 'LABEL a=b'), []],
  // copy-multiple-sources-not-dir
  [
    'copy-multiple-sources-not-dir',
    'two sources to a file path',
    file('COPY a.json b.json /app'),
    [2]
  ],
  ['copy-multiple-sources-not-dir', 'JSON form', file('COPY ["a.json", "b.json", "/app"]'), [2]],
  ['copy-multiple-sources-not-dir', 'ADD too', file('ADD a.tgz b.tgz /opt'), [2]],
  ['copy-multiple-sources-not-dir', 'directory destination', file('COPY a.json b.json /app/'), []],
  ['copy-multiple-sources-not-dir', 'one source', file('COPY a.json /app/config.json'), []],
  ['copy-multiple-sources-not-dir', 'to WORKDIR', file('WORKDIR /app', 'COPY a b .'), []],
  [
    'copy-multiple-sources-not-dir',
    'a variable that ends in /',
    file('ARG DEST=/app/', 'COPY a b $DEST'),
    []
  ],
  // expose-invalid-port
  ['expose-invalid-port', 'over 65535', file('EXPOSE 80800'), [2]],
  ['expose-invalid-port', 'reversed range', file('EXPOSE 9000-8000/tcp'), [2]],
  ['expose-invalid-port', 'valid ports and ranges', file('EXPOSE 8080 65535 8000-8010/udp'), []],
  // from-platform-flag
  [
    'from-platform-flag',
    'a constant platform',
    [`FROM --platform=linux/amd64 debian:12@${DIGEST}`, 'USER 1000'],
    [1]
  ],
  [
    'from-platform-flag',
    '$BUILDPLATFORM',
    [
      `FROM --platform=$BUILDPLATFORM golang:1.22@${DIGEST} AS build`,
      `FROM debian:12@${DIGEST}`,
      'USER 1000'
    ],
    []
  ],
  // apt-instead-of-apt-get
  [
    'apt-instead-of-apt-get',
    'apt install',
    file(
      'RUN apt update && apt install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*'
    ),
    [2]
  ],
  ['apt-instead-of-apt-get', 'apt-get', file('RUN apt-get update'), []],
  ['apt-instead-of-apt-get', 'a package named apt', file('RUN echo apt'), []],
  // yum/dnf/zypper-missing-yes
  ['dnf-missing-yes', 'dnf without -y', file('RUN dnf install httpd && dnf clean all'), [2]],
  ['yum-missing-yes', 'yum without -y', file('RUN yum install httpd && yum clean all'), [2]],
  [
    'zypper-missing-yes',
    'zypper without -n',
    file('RUN zypper install curl && zypper clean --all'),
    [2]
  ],
  ['dnf-missing-yes', 'dnf -y', file('RUN dnf -y install httpd && dnf clean all'), []],
  [
    'zypper-missing-yes',
    'zypper --non-interactive',
    file('RUN zypper --non-interactive in curl && zypper clean --all'),
    []
  ],
  [
    'dnf-missing-yes',
    'microdnf without -y (hadolint DL3038)',
    file('RUN microdnf install httpd && microdnf clean all'),
    [2]
  ],
  // yum/dnf/zypper-cache-not-cleaned
  ['dnf-cache-not-cleaned', 'dnf without clean', file('RUN dnf install -y httpd'), [2]],
  ['yum-cache-not-cleaned', 'yum clean all', file('RUN yum install -y httpd && yum clean all'), []],
  [
    'dnf-cache-not-cleaned',
    'rm -rf /var/cache/dnf',
    file('RUN dnf install -y httpd && rm -rf /var/cache/dnf'),
    []
  ],
  [
    'dnf-cache-not-cleaned',
    'a cache mount',
    file('RUN --mount=type=cache,target=/var/cache/dnf dnf install -y httpd'),
    []
  ],
  [
    'dnf-cache-not-cleaned',
    'a build stage that does not ship',
    [
      `FROM fedora:40@${DIGEST} AS build`,
      'RUN dnf install -y gcc',
      `FROM debian:12@${DIGEST}`,
      'USER 1000'
    ],
    []
  ],
  // useradd-high-uid
  ['useradd-high-uid', 'UID 1000000', file('RUN useradd -u 1000000 app'), [2]],
  ['useradd-high-uid', '--uid=', file('RUN useradd --uid=2000000 -m app'), [2]],
  ['useradd-high-uid', 'with -l', file('RUN useradd -l -u 1000000 app'), []],
  ['useradd-high-uid', 'a normal UID', file('RUN useradd -u 10001 app'), []],
  // pointless-command
  ['pointless-command', 'service start', file('RUN service nginx start'), [2]],
  ['pointless-command', 'ps', file('RUN ps aux | grep x || true'), [2]],
  [
    'pointless-command',
    'ssh-keyscan is fine',
    file('RUN ssh-keyscan github.com >> /etc/ssh/known'),
    []
  ]
]

describe.each(cases)('%s', (rule, name, lines, expected) => {
  it(`${expected.length > 0 ? 'flags' : 'accepts'} ${name}`, () => {
    expect(linesOf(rule, lines)).toEqual(expected)
  })
})

describe('RUN rules look inside ONBUILD', () => {
  it('flags sudo in an ONBUILD RUN', () => {
    expect(linesOf('sudo-in-run', file('ONBUILD RUN sudo make install'))).toEqual([2])
  })
})

describe('worldWritable', () => {
  it('reads octal and symbolic modes', () => {
    expect(['777', '0777', '666', '0002', 'o+w', 'a+rwx', 'u+x,o+w'].every(worldWritable)).toBe(
      true
    )
    expect(['755', '1777', '0644', 'u+w', 'g+w', '+x', 'o+t', 'o-w'].some(worldWritable)).toBe(
      false
    )
  })
})

describe('apt-unpinned-packages', () => {
  it('lists the unpinned packages and accepts pinned, local and variable ones', () => {
    const found = hits(
      'apt-unpinned-packages',
      file(
        'RUN apt-get install -y --no-install-recommends -o Dpkg::Options::=--force-confnew curl git=1:2.39 ./x.deb $EXTRA'
      )
    )
    expect(found.map(f => f.location.line)).toEqual([2])
    expect(found[0].message).toContain('(curl)')
    expect(
      linesOf(
        'apt-unpinned-packages',
        file('RUN apt-get install -y --no-install-recommends curl=7.88.1 ./local.deb $PKGS')
      )
    ).toEqual([])
  })
})

describe('untrusted-registry', () => {
  const lintWith = (lines: string[], trustedRegistries?: string[]) =>
    lintDockerfile('Dockerfile', lines.join('\n'), { trustedRegistries })
      .findings.filter(f => f.ruleId === 'untrusted-registry')
      .map(f => [f.location.line, f.properties?.registry])

  it('is off without a list', () => {
    expect(lintWith([`FROM evil.example.com/x@${DIGEST}`, 'USER 1'])).toEqual([])
  })

  it('checks FROM, COPY --from and RUN --mount=from against host globs; bare names are docker.io', () => {
    expect(
      lintWith(
        [
          `FROM python:3.12@${DIGEST} AS a`,
          `FROM ghcr.io/acme/app@${DIGEST} AS b`,
          `FROM 123456789012.dkr.ecr.eu-west-1.amazonaws.com/app@${DIGEST}`,
          `COPY --from=quay.io/x/y@${DIGEST} /a /a`,
          `RUN --mount=from=localhost:5000/tools@${DIGEST},target=/t true`,
          'COPY --from=a /b /b',
          'USER 1'
        ],
        ['docker.io', 'ghcr.io', '*.dkr.ecr.*.amazonaws.com']
      )
    ).toEqual([
      [4, 'quay.io'],
      [5, 'localhost:5000']
    ])
  })

  it('is matched through the hadolint alias DL3026', () => {
    const result = lintDockerfile(
      'Dockerfile',
      ['# hadolint ignore=DL3026', `FROM quay.io/x@${DIGEST}`, 'USER 1'].join('\n'),
      {
        trustedRegistries: ['ghcr.io']
      }
    )
    expect(result.suppressed.map(s => s.finding.ruleId)).toEqual(['untrusted-registry'])
  })
})
