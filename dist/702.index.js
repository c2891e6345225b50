export const id = 702;
export const ids = [702];
export const modules = {

/***/ 6702:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   createOctokit: () => (/* binding */ createOctokit)
/* harmony export */ });
/* harmony import */ var _actions_github_lib_utils__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(75250);
/* harmony import */ var _octokit_plugin_retry__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(49735);
/* harmony import */ var bottleneck__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(62203);
/* harmony import */ var bottleneck__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(bottleneck__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _octokit_plugin_throttling__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(86856);
/* harmony import */ var _api_error_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(73660);
// Octokit as @actions/github builds it, plus GitHub's recommended retry and
// rate-limit handling. Loaded only when a run calls the GitHub API (client.ts
// imports this module dynamically): @actions/github, its plugins and its own
// undici copy would otherwise cost every cold start.
//
// Settings arrive as values: the API URL is the runner context's
// GITHUB_API_URL (GitHub Enterprise Server: https://HOST/api/v3), never the
// default @actions/github reads from the environment at import. Requests use
// the global fetch, so the proxy dispatcher of src/util/proxy.ts applies
// (@actions/github's default fetch has a dispatcher of its own).





const Api = _actions_github_lib_utils__WEBPACK_IMPORTED_MODULE_0__/* .GitHub */ .gq.plugin(_octokit_plugin_retry__WEBPACK_IMPORTED_MODULE_3__/* .retry */ .L, _octokit_plugin_throttling__WEBPACK_IMPORTED_MODULE_4__/* .throttling */ .A);
/** Statuses the retry plugin leaves alone: client errors, and 429/403 limits (the throttling plugin's). */
const DO_NOT_RETRY = [400, 401, 403, 404, 409, 410, 422, 429, 451];
/** A secondary limit asking for a longer wait than this is not waited for in CI. */
const MAX_SECONDARY_WAIT_S = 60;
function createOctokit(s) {
    const doFetch = s.fetch ?? ((input, init) => globalThis.fetch(input, init));
    const octokit = new Api({
        auth: s.token,
        baseUrl: s.baseUrl,
        userAgent: 'container-gate',
        log: { debug: () => undefined, info: () => undefined, warn: s.warn, error: s.warn },
        request: {
            // Each request gets its own deadline (one shared signal would expire for all).
            fetch: ((input, init) => doFetch(input, {
                ...init,
                signal: init?.signal ?? AbortSignal.timeout(s.timeoutMs)
            }))
        },
        // One retry after a network error or a 5xx: GitHub's front ends drop the odd request.
        retry: { retries: 1, retryAfterBaseValue: s.retryDelayMs, doNotRetry: DO_NOT_RETRY },
        throttle: {
            ...(s.writeSpacingMs === undefined
                ? {}
                : {
                    write: new (bottleneck__WEBPACK_IMPORTED_MODULE_1___default().Group)({ maxConcurrent: 1, minTime: s.writeSpacingMs }),
                    notifications: new (bottleneck__WEBPACK_IMPORTED_MODULE_1___default().Group)({ maxConcurrent: 1, minTime: s.writeSpacingMs })
                }),
            // The primary limit resets within the hour: not worth waiting for in CI. The
            // error goes to the caller, which says what was skipped.
            onRateLimit: () => false,
            // A secondary limit (too many writes too fast) asks for a short pause: wait once.
            onSecondaryRateLimit: (retryAfter, options, _octokit, retryCount) => {
                const what = `${options.method} ${(0,_api_error_js__WEBPACK_IMPORTED_MODULE_2__/* .displayPath */ .G)(String(options.url), s.baseUrl)}`;
                if (retryCount >= 1 || retryAfter > MAX_SECONDARY_WAIT_S)
                    return false;
                s.warn(`GitHub API secondary rate limit on ${what}: retrying once in ${retryAfter} s`);
                return true;
            }
        }
    });
    octokit.hook.before('request', options => {
        // Pagination links are absolute; only follow them to the same API host (never leak the token).
        const url = String(options.url);
        if (/^https?:\/\//i.test(url) && !url.startsWith(s.baseUrl + '/')) {
            throw new _api_error_js__WEBPACK_IMPORTED_MODULE_2__/* .GitHubApiError */ .O(0, options.method, url, 'refusing to follow a link outside the API URL');
        }
        options.headers.accept = 'application/vnd.github+json';
        options.headers['x-github-api-version'] = '2022-11-28';
    });
    return octokit;
}


/***/ })

};
