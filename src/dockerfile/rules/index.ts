// The rule registry: every file of this folder, in documentation order (the mandatory rules first).
// Checked against the folder by __tests__/dockerfile/registry.test.ts (UPDATE_RULE_INDEX=1 rewrites it).

import dockerfileParseError from './dockerfile-parse-error.js'
import baseImageNotPinned from './base-image-not-pinned.js'
import runsAsRoot from './runs-as-root.js'
import secretInEnv from './secret-in-env.js'
import secretInArg from './secret-in-arg.js'
import addInsteadOfCopy from './add-instead-of-copy.js'
import addUrlWithoutChecksum from './add-url-without-checksum.js'
import apkNoCache from './apk-no-cache.js'
import aptGetMissingYes from './apt-get-missing-yes.js'
import aptInsteadOfAptGet from './apt-instead-of-apt-get.js'
import aptListsNotCleaned from './apt-lists-not-cleaned.js'
import aptNoInstallRecommends from './apt-no-install-recommends.js'
import aptUnpinnedPackages from './apt-unpinned-packages.js'
import chmodWorldWritable from './chmod-world-writable.js'
import copyFromSelf from './copy-from-self.js'
import copyFromUnknownStage from './copy-from-unknown-stage.js'
import copyMultipleSourcesNotDir from './copy-multiple-sources-not-dir.js'
import curlPipeShell from './curl-pipe-shell.js'
import dnfCacheNotCleaned from './dnf-cache-not-cleaned.js'
import dnfMissingYes from './dnf-missing-yes.js'
import duplicateStageName from './duplicate-stage-name.js'
import exposeHostMapping from './expose-host-mapping.js'
import exposeInvalidPort from './expose-invalid-port.js'
import exposeProtocolCasing from './expose-protocol-casing.js'
import exposeSshPort from './expose-ssh-port.js'
import fromAsCasing from './from-as-casing.js'
import fromPlatformFlag from './from-platform-flag.js'
import imageLatestTag from './image-latest-tag.js'
import imageUntagged from './image-untagged.js'
import instructionBeforeFrom from './instruction-before-from.js'
import invalidDefaultArgInFrom from './invalid-default-arg-in-from.js'
import legacyEnvFormat from './legacy-env-format.js'
import maintainerDeprecated from './maintainer-deprecated.js'
import missingPipefail from './missing-pipefail.js'
import multipleCmd from './multiple-cmd.js'
import multipleEntrypoint from './multiple-entrypoint.js'
import multipleHealthcheck from './multiple-healthcheck.js'
import onbuildInvalidTrigger from './onbuild-invalid-trigger.js'
import pipNoCacheDir from './pip-no-cache-dir.js'
import pointlessCommand from './pointless-command.js'
import redundantTargetPlatform from './redundant-target-platform.js'
import reservedStageName from './reserved-stage-name.js'
import runCd from './run-cd.js'
import shellFormEntrypoint from './shell-form-entrypoint.js'
import stageNameCasing from './stage-name-casing.js'
import sudoInRun from './sudo-in-run.js'
import tlsVerificationDisabled from './tls-verification-disabled.js'
import undefinedVarInFrom from './undefined-var-in-from.js'
import untrustedRegistry from './untrusted-registry.js'
import useraddHighUid from './useradd-high-uid.js'
import workdirRelative from './workdir-relative.js'
import yumCacheNotCleaned from './yum-cache-not-cleaned.js'
import yumMissingYes from './yum-missing-yes.js'
import zypperCacheNotCleaned from './zypper-cache-not-cleaned.js'
import zypperMissingYes from './zypper-missing-yes.js'
import type { DockerfileRule } from '../types.js'

export const RULES: readonly DockerfileRule[] = [
  dockerfileParseError,
  baseImageNotPinned,
  runsAsRoot,
  secretInEnv,
  secretInArg,
  addInsteadOfCopy,
  addUrlWithoutChecksum,
  apkNoCache,
  aptGetMissingYes,
  aptInsteadOfAptGet,
  aptListsNotCleaned,
  aptNoInstallRecommends,
  aptUnpinnedPackages,
  chmodWorldWritable,
  copyFromSelf,
  copyFromUnknownStage,
  copyMultipleSourcesNotDir,
  curlPipeShell,
  dnfCacheNotCleaned,
  dnfMissingYes,
  duplicateStageName,
  exposeHostMapping,
  exposeInvalidPort,
  exposeProtocolCasing,
  exposeSshPort,
  fromAsCasing,
  fromPlatformFlag,
  imageLatestTag,
  imageUntagged,
  instructionBeforeFrom,
  invalidDefaultArgInFrom,
  legacyEnvFormat,
  maintainerDeprecated,
  missingPipefail,
  multipleCmd,
  multipleEntrypoint,
  multipleHealthcheck,
  onbuildInvalidTrigger,
  pipNoCacheDir,
  pointlessCommand,
  redundantTargetPlatform,
  reservedStageName,
  runCd,
  shellFormEntrypoint,
  stageNameCasing,
  sudoInRun,
  tlsVerificationDisabled,
  undefinedVarInFrom,
  untrustedRegistry,
  useraddHighUid,
  workdirRelative,
  yumCacheNotCleaned,
  yumMissingYes,
  zypperCacheNotCleaned,
  zypperMissingYes
]
