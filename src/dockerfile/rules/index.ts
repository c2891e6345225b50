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
import apkUnpinned from './apk-unpinned.js'
import aptGetMissingYes from './apt-get-missing-yes.js'
import aptInsteadOfAptGet from './apt-instead-of-apt-get.js'
import aptListsNotCleaned from './apt-lists-not-cleaned.js'
import aptNoInstallRecommends from './apt-no-install-recommends.js'
import aptUnpinnedPackages from './apt-unpinned-packages.js'
import baseImagePlatformMismatch from './base-image-platform-mismatch.js'
import chmodWorldWritable from './chmod-world-writable.js'
import consecutiveRun from './consecutive-run.js'
import copyEntireFilesystem from './copy-entire-filesystem.js'
import copyFromSelf from './copy-from-self.js'
import copyFromUnknownStage from './copy-from-unknown-stage.js'
import copyIgnoredFile from './copy-ignored-file.js'
import copyMultipleSourcesNotDir from './copy-multiple-sources-not-dir.js'
import copyRelativeWithoutWorkdir from './copy-relative-without-workdir.js'
import curlPipeShell from './curl-pipe-shell.js'
import definitionDescription from './definition-description.js'
import dnfCacheNotCleaned from './dnf-cache-not-cleaned.js'
import dnfMissingYes from './dnf-missing-yes.js'
import dnfUnpinned from './dnf-unpinned.js'
import duplicateStageName from './duplicate-stage-name.js'
import emptyContinuationLine from './empty-continuation-line.js'
import envSelfReference from './env-self-reference.js'
import exposeHostMapping from './expose-host-mapping.js'
import exposeInvalidPort from './expose-invalid-port.js'
import exposeProtocolCasing from './expose-protocol-casing.js'
import exposeSshPort from './expose-ssh-port.js'
import fromAsCasing from './from-as-casing.js'
import fromPlatformFlag from './from-platform-flag.js'
import gemUnpinned from './gem-unpinned.js'
import goInstallUnpinned from './go-install-unpinned.js'
import healthcheckMissing from './healthcheck-missing.js'
import imageLatestTag from './image-latest-tag.js'
import imageUntagged from './image-untagged.js'
import inlineIgnorePragma from './inline-ignore-pragma.js'
import instructionBeforeFrom from './instruction-before-from.js'
import instructionCasing from './instruction-casing.js'
import invalidDefaultArgInFrom from './invalid-default-arg-in-from.js'
import invalidLabelKey from './invalid-label-key.js'
import labelEmpty from './label-empty.js'
import labelMissing from './label-missing.js'
import labelNotEmail from './label-not-email.js'
import labelNotGitHash from './label-not-git-hash.js'
import labelNotRfc3339 from './label-not-rfc3339.js'
import labelNotSemver from './label-not-semver.js'
import labelNotSpdx from './label-not-spdx.js'
import labelNotUrl from './label-not-url.js'
import labelSuperfluous from './label-superfluous.js'
import legacyEnvFormat from './legacy-env-format.js'
import maintainerDeprecated from './maintainer-deprecated.js'
import missingPipefail from './missing-pipefail.js'
import multipleCmd from './multiple-cmd.js'
import multipleEntrypoint from './multiple-entrypoint.js'
import multipleHealthcheck from './multiple-healthcheck.js'
import npmUnpinned from './npm-unpinned.js'
import onbuildInvalidTrigger from './onbuild-invalid-trigger.js'
import pipNoCacheDir from './pip-no-cache-dir.js'
import pipUnpinned from './pip-unpinned.js'
import pointlessCommand from './pointless-command.js'
import redundantTargetPlatform from './redundant-target-platform.js'
import reservedStageName from './reserved-stage-name.js'
import runCd from './run-cd.js'
import shellFormEntrypoint from './shell-form-entrypoint.js'
import shellViaLn from './shell-via-ln.js'
import stageNameCasing from './stage-name-casing.js'
import sudoInRun from './sudo-in-run.js'
import tlsVerificationDisabled from './tls-verification-disabled.js'
import undefinedVarInFrom from './undefined-var-in-from.js'
import undefinedVariable from './undefined-variable.js'
import untrustedRegistry from './untrusted-registry.js'
import useAddForArchives from './use-add-for-archives.js'
import userNotNumeric from './user-not-numeric.js'
import useraddHighUid from './useradd-high-uid.js'
import wgetAndCurl from './wget-and-curl.js'
import wgetWithoutProgress from './wget-without-progress.js'
import workdirRelative from './workdir-relative.js'
import yarnCacheNotCleaned from './yarn-cache-not-cleaned.js'
import yumCacheNotCleaned from './yum-cache-not-cleaned.js'
import yumMissingYes from './yum-missing-yes.js'
import yumUnpinned from './yum-unpinned.js'
import zypperCacheNotCleaned from './zypper-cache-not-cleaned.js'
import zypperDistUpgrade from './zypper-dist-upgrade.js'
import zypperMissingYes from './zypper-missing-yes.js'
import zypperUnpinned from './zypper-unpinned.js'
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
  apkUnpinned,
  aptGetMissingYes,
  aptInsteadOfAptGet,
  aptListsNotCleaned,
  aptNoInstallRecommends,
  aptUnpinnedPackages,
  baseImagePlatformMismatch,
  chmodWorldWritable,
  consecutiveRun,
  copyEntireFilesystem,
  copyFromSelf,
  copyFromUnknownStage,
  copyIgnoredFile,
  copyMultipleSourcesNotDir,
  copyRelativeWithoutWorkdir,
  curlPipeShell,
  definitionDescription,
  dnfCacheNotCleaned,
  dnfMissingYes,
  dnfUnpinned,
  duplicateStageName,
  emptyContinuationLine,
  envSelfReference,
  exposeHostMapping,
  exposeInvalidPort,
  exposeProtocolCasing,
  exposeSshPort,
  fromAsCasing,
  fromPlatformFlag,
  gemUnpinned,
  goInstallUnpinned,
  healthcheckMissing,
  imageLatestTag,
  imageUntagged,
  inlineIgnorePragma,
  instructionBeforeFrom,
  instructionCasing,
  invalidDefaultArgInFrom,
  invalidLabelKey,
  labelEmpty,
  labelMissing,
  labelNotEmail,
  labelNotGitHash,
  labelNotRfc3339,
  labelNotSemver,
  labelNotSpdx,
  labelNotUrl,
  labelSuperfluous,
  legacyEnvFormat,
  maintainerDeprecated,
  missingPipefail,
  multipleCmd,
  multipleEntrypoint,
  multipleHealthcheck,
  npmUnpinned,
  onbuildInvalidTrigger,
  pipNoCacheDir,
  pipUnpinned,
  pointlessCommand,
  redundantTargetPlatform,
  reservedStageName,
  runCd,
  shellFormEntrypoint,
  shellViaLn,
  stageNameCasing,
  sudoInRun,
  tlsVerificationDisabled,
  undefinedVarInFrom,
  undefinedVariable,
  untrustedRegistry,
  useAddForArchives,
  userNotNumeric,
  useraddHighUid,
  wgetAndCurl,
  wgetWithoutProgress,
  workdirRelative,
  yarnCacheNotCleaned,
  yumCacheNotCleaned,
  yumMissingYes,
  yumUnpinned,
  zypperCacheNotCleaned,
  zypperDistUpgrade,
  zypperMissingYes,
  zypperUnpinned
]
