export const id = 944;
export const ids = [944];
export const modules = {

/***/ 67944:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   MANIFEST_ACCEPT: () => (/* binding */ MANIFEST_ACCEPT),
/* harmony export */   openRegistrySession: () => (/* binding */ openRegistrySession)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(77598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _model_errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(87206);
/* harmony import */ var _image_registry_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(43718);
// The registry calls signature discovery makes, over src/image/registry.ts's
// client (its auth: anonymous, Bearer token challenge, basic, docker config,
// the workflow token for ghcr.io). Every body is read with a byte limit and
// every by-digest fetch is checked against its digest.



const MANIFEST_ACCEPT = [
    'application/vnd.oci.image.manifest.v1+json',
    'application/vnd.oci.image.index.v1+json',
    'application/vnd.docker.distribution.manifest.v2+json',
    'application/vnd.docker.distribution.manifest.list.v2+json'
].join(', ');
/** A session for `registry/repository`, authenticated as an image pull would be. */
async function openRegistrySession(registry, repository, auth) {
    const where = `${registry}/${repository}`;
    const client = new _image_registry_js__WEBPACK_IMPORTED_MODULE_1__/* .RegistryClient */ .bP({ registry, repository, text: where }, await (0,_image_registry_js__WEBPACK_IMPORTED_MODULE_1__/* .credentialsFor */ .Og)(registry, auth));
    return {
        async manifest(reference, accept, maxBytes) {
            const response = await client.request(`/manifests/${reference}`, accept);
            if (response.status === 404) {
                await response.body?.cancel().catch(() => undefined);
                return undefined;
            }
            if (!response.ok) {
                await response.body?.cancel().catch(() => undefined);
                throw new _model_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .InputError */ .d(`registry ${where}: HTTP ${response.status} for manifest ${reference}`);
            }
            const bytes = await readBounded(response, maxBytes, `${where} manifest ${reference}`);
            const digest = sha256(bytes);
            if (reference.startsWith('sha256:') && digest !== reference)
                throw new _model_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .InputError */ .d(`registry ${where}: manifest ${reference} does not match its digest`);
            return { bytes, digest, mediaType: response.headers.get('content-type') ?? undefined };
        },
        async referrers(digest, maxBytes) {
            const response = await client.request(`/referrers/${digest}`, 'application/vnd.oci.image.index.v1+json');
            // 404 (and some registries' 400/405) mean no referrers API: fall back to the tag schema.
            if (response.status === 404 || response.status === 400 || response.status === 405) {
                await response.body?.cancel().catch(() => undefined);
                return undefined;
            }
            if (!response.ok) {
                await response.body?.cancel().catch(() => undefined);
                throw new _model_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .InputError */ .d(`registry ${where}: HTTP ${response.status} for referrers of ${digest}`);
            }
            return readBounded(response, maxBytes, `${where} referrers of ${digest}`);
        },
        async blob(digest, maxBytes) {
            const response = await client.request(`/blobs/${digest}`);
            if (!response.ok) {
                await response.body?.cancel().catch(() => undefined);
                throw new _model_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .InputError */ .d(`registry ${where}: HTTP ${response.status} for blob ${digest}`);
            }
            const bytes = await readBounded(response, maxBytes, `${where} blob ${digest}`);
            if (sha256(bytes) !== digest)
                throw new _model_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .InputError */ .d(`registry ${where}: blob ${digest} does not match its digest`);
            return bytes;
        }
    };
}
function sha256(bytes) {
    return `sha256:${(0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256').update(bytes).digest('hex')}`;
}
/** A body, refused past maxBytes whatever Content-Length says. */
async function readBounded(response, maxBytes, what) {
    const declared = Number(response.headers.get('content-length') ?? NaN);
    if (declared > maxBytes) {
        await response.body?.cancel().catch(() => undefined);
        throw new _model_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .InputError */ .d(`registry: ${what} is larger than ${maxBytes} bytes`);
    }
    const chunks = [];
    let total = 0;
    for await (const chunk of (response.body ?? [])) {
        total += chunk.byteLength;
        if (total > maxBytes) {
            await response.body?.cancel().catch(() => undefined);
            throw new _model_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .InputError */ .d(`registry: ${what} is larger than ${maxBytes} bytes`);
        }
        chunks.push(Buffer.from(chunk));
    }
    return Buffer.concat(chunks);
}


/***/ })

};
