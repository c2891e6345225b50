export const id = 689;
export const ids = [689];
export const modules = {

/***/ 85689:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   loadTrustedRoots: () => (/* binding */ loadTrustedRoots)
/* harmony export */ });
/* unused harmony exports MAX_TRUSTED_ROOT_BYTES, parseTrustedRoots */
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(51455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _model_errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(87206);
// Trusted roots: the Fulcio CAs, Rekor logs, CT logs and timestamp authorities
// a signature may chain to. From a `trusted_root.json` file (or the JSON Lines
// that `gh attestation trusted-root` prints, one root a line: the Sigstore
// public-good root and GitHub's, whose private-repository attestations carry
// signed timestamps and no transparency log), or the public-good root through
// Sigstore's TUF repository. Loaded only when verification is on.


/** A trusted root file is a few tens of KiB; anything far larger is not one. */
const MAX_TRUSTED_ROOT_BYTES = 4 * 1024 * 1024;
const TRUSTED_ROOT_MEDIA_TYPE = /^application\/vnd\.dev\.sigstore\.trustedroot(\.v0\.\d+)?\+json/;
/** Parses a trusted root file: one JSON document, or JSON Lines of several. */
async function parseTrustedRoots(text, label) {
    const { TrustedRoot } = await __webpack_require__.e(/* import() */ 654).then(__webpack_require__.t.bind(__webpack_require__, 19654, 23));
    const docs = [];
    try {
        docs.push({ json: JSON.parse(text), label });
    }
    catch {
        const lines = text.split(/\r?\n/);
        lines.forEach((line, i) => {
            if (line.trim() === '')
                return;
            try {
                docs.push({ json: JSON.parse(line), label: `${label} line ${i + 1}` });
            }
            catch {
                throw new _model_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .d(`${label}: line ${i + 1} is not JSON (expected a trusted_root.json or JSON Lines of them)`);
            }
        });
    }
    if (docs.length === 0)
        throw new _model_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .d(`${label}: no trusted root in the file`);
    return docs.map(({ json, label: where }) => {
        const mediaType = json?.mediaType;
        if (typeof mediaType !== 'string' || !TRUSTED_ROOT_MEDIA_TYPE.test(mediaType)) {
            throw new _model_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .d(`${where}: not a Sigstore trusted root (mediaType ${JSON.stringify(mediaType ?? null).slice(0, 80)})`);
        }
        let root;
        try {
            root = TrustedRoot.fromJSON(json);
        }
        catch (error) {
            throw new _model_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .d(`${where}: not a valid trusted root (${(0,_model_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .errorMessage */ .g)(error)})`);
        }
        // An authority without a start of validity would be trusted back to 1970 by the
        // verifier; sigstore-conformance (trust-root-tlog-missing-validity-start_fail) says
        // such an entry must not be trusted at all.
        root.tlogs = root.tlogs.filter(t => t.publicKey?.validFor?.start !== undefined);
        root.ctlogs = root.ctlogs.filter(t => t.publicKey?.validFor?.start !== undefined);
        root.certificateAuthorities = root.certificateAuthorities.filter(c => c.validFor?.start !== undefined);
        root.timestampAuthorities = root.timestampAuthorities.filter(c => c.validFor?.start !== undefined);
        if (root.certificateAuthorities.length === 0)
            throw new _model_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .d(`${where}: the trusted root lists no certificate authority`);
        if (root.tlogs.length === 0 && root.timestampAuthorities.length === 0)
            throw new _model_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .d(`${where}: the trusted root lists no transparency log and no timestamp authority, so no signing time could be trusted`);
        return { label: where, root };
    });
}
async function loadTrustedRoots(sources, options) {
    const roots = [];
    const warnings = [];
    for (const source of sources) {
        if (source.kind === 'file') {
            roots.push(...(await readRootFile(source.path, options.cwd)));
            continue;
        }
        try {
            const { getTrustedRoot } = await Promise.all(/* import() */[__webpack_require__.e(654), __webpack_require__.e(694)]).then(__webpack_require__.bind(__webpack_require__, 84423));
            const root = await getTrustedRoot({
                cachePath: options.cacheDir,
                mirrorURL: options.tufMirror,
                timeout: 10_000,
                retry: { retries: 1 }
            });
            roots.push({ label: 'Sigstore public-good root (TUF)', root });
        }
        catch (error) {
            const why = (0,_model_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .errorMessage */ .g)(error);
            if (options.mode === 'enforce') {
                throw new _model_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .d(`signatures: the Sigstore public-good trusted root could not be updated through TUF (${why}); ` +
                    'give checks.signatures.trusted-root a trusted_root.json file, or cache the TUF directory');
            }
            roots.push(await embeddedPublicGoodRoot());
            warnings.push(`signatures: the Sigstore public-good trusted root could not be updated through TUF (${why}); ` +
                'verified against the copy shipped with @sigstore/tuf instead (enforce mode refuses this)');
        }
    }
    return { roots, warnings };
}
async function readRootFile(path, cwd) {
    const { resolve } = await Promise.resolve(/* import() */).then(__webpack_require__.t.bind(__webpack_require__, 76760, 23));
    const full = resolve(cwd, path);
    const info = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.stat)(full).catch(() => undefined);
    if (!info?.isFile())
        throw new _model_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .d(`checks.signatures.trusted-root: no such file "${path}"`);
    if (info.size > MAX_TRUSTED_ROOT_BYTES)
        throw new _model_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .d(`checks.signatures.trusted-root: "${path}" is larger than ${MAX_TRUSTED_ROOT_BYTES} bytes`);
    return parseTrustedRoots(await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.readFile)(full, 'utf8'), path);
}
/** The public-good trusted_root.json that @sigstore/tuf seeds its cache with. */
async function embeddedPublicGoodRoot() {
    const seeds = (await __webpack_require__.e(/* import() */ 32).then(__webpack_require__.t.bind(__webpack_require__, 8032, 19)))
        .default;
    const encoded = seeds['https://tuf-repo-cdn.sigstore.dev']?.targets?.['trusted_root.json'];
    if (!encoded)
        throw new _model_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .d('signatures: @sigstore/tuf ships no public-good trusted root');
    const [root] = await parseTrustedRoots(Buffer.from(encoded, 'base64').toString('utf8'), 'Sigstore public-good root (shipped with @sigstore/tuf)');
    return root;
}


/***/ })

};
