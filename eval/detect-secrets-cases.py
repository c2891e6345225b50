"""detect-secrets' plugin tests (tests/plugins/*_test.py) as data.

Reads {path: source} as JSON on stdin and prints the cases as JSON on stdout.
Each test module is executed with its imports of detect_secrets (and the test
helpers, responses, requests) replaced by inert stand-ins, and
pytest.mark.parametrize replaced by a recorder, so the parametrized values are
exactly what pytest would pass (module constants, .format, textwrap.dedent,
generator helpers included). No detect-secrets code runs. `random` is seeded.

A case is one parameter combination of a test whose parameters name a line
(line / payload / file_content / format+secret) and an expectation
(should_flag / should_be_caught / expected_secret / num_results, or none at all
for one-parameter lists of secrets that must each be flagged). Parametrizations
of other things (verification results, HTTP codes, entropy limits, the
secondary-key helpers' content/expected_output) are not detection cases and are
counted as such.
"""
import importlib.abc
import importlib.machinery
import itertools
import json
import random
import sys
import types

STUBBED = ('detect_secrets', 'testing', 'responses', 'requests')


class Stub:
    def __init__(self, name):
        self._name = name

    def __getattr__(self, attr):
        if attr.startswith('__'):
            raise AttributeError(attr)
        return Stub(self._name + '.' + attr)

    def __call__(self, *args, **kwargs):
        # Used as a decorator: keep the function.
        if len(args) == 1 and not kwargs and callable(args[0]) and not isinstance(args[0], Stub):
            return args[0]
        return Stub(self._name + '()')

    def __mro_entries__(self, bases):
        return (object,)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def __repr__(self):
        return self._name


class StubModule(types.ModuleType):
    def __getattr__(self, attr):
        if attr.startswith('__'):
            raise AttributeError(attr)
        return Stub(attr)


class StubFinder(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    def find_spec(self, fullname, path, target=None):
        if fullname.split('.')[0] in STUBBED:
            return importlib.machinery.ModuleSpec(fullname, self, is_package=True)
        return None

    def create_module(self, spec):
        module = StubModule(spec.name)
        module.__path__ = []
        return module

    def exec_module(self, module):
        pass


sys.meta_path.insert(0, StubFinder())


# What each test function or class was parametrized with (a class's __dict__ is read-only).
RECORDS = {}


def parametrize(argnames, argvalues, **_):
    names = [n.strip() for n in argnames.split(',')] if isinstance(argnames, str) else list(argnames)
    values = list(argvalues)

    def record(target):
        rows = []
        for value in values:
            row = value if len(names) > 1 else (value,)
            if len(names) > 1 and not isinstance(row, (tuple, list)):
                raise ValueError('parametrize row is not a tuple')
            rows.append(dict(zip(names, row)))
        RECORDS.setdefault(target, []).append(rows)
        return target

    return record


def fixture(*args, **kwargs):
    if len(args) == 1 and callable(args[0]):
        return args[0]
    return lambda f: f


pytest = types.ModuleType('pytest')
pytest.mark = types.SimpleNamespace(parametrize=parametrize, skip=lambda *a, **k: (lambda f: f),
                                    xfail=lambda *a, **k: (lambda f: f))
pytest.fixture = fixture
pytest.raises = lambda *a, **k: Stub('raises')
sys.modules['pytest'] = pytest

CONTENT = ('line', 'payload', 'file_content')
EXPECT = ('should_flag', 'should_be_caught', 'expected_secret', 'num_results')


def plain(value):
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    return repr(value)


def tests_of(namespace):
    for name, value in list(namespace.items()):
        if isinstance(value, type) and name.startswith('Test'):
            class_rows = RECORDS.get(value, [])
            for attr, member in value.__dict__.items():
                func = member.__func__ if isinstance(member, (staticmethod, classmethod)) else member
                if attr.startswith('test') and callable(func):
                    yield f'{name}.{attr}', func, class_rows + RECORDS.get(func, [])
        elif callable(value) and name.startswith('test') and not isinstance(value, Stub):
            yield name, value, RECORDS.get(value, [])


def cases_of(path, source):
    random.seed(0)
    namespace = {'__name__': 'peer_test_' + path.replace('/', '_').replace('.', '_')}
    exec(compile(source, path, 'exec'), namespace)
    plugin = path.rsplit('/', 1)[-1].removesuffix('_test.py')
    cases, other = [], []
    for test, func, parametrizations in tests_of(namespace):
        if not parametrizations:
            continue
        line = func.__code__.co_firstlineno
        for combo in itertools.product(*parametrizations):
            params = {}
            for row in combo:
                params.update(row)
            if 'format' in params and 'secret' in params:
                content = params['format'].format(non_secret=params.get('non_secret'), secret=params['secret'])
            else:
                content = next((params[k] for k in CONTENT if k in params), None)
            expect = next((k for k in EXPECT if k in params), None)
            if content is None or not isinstance(content, str) or (expect is None and len(params) != 1):
                other.append({'test': test, 'params': sorted(params)})
                continue
            if expect is None:
                expected = True
            elif expect == 'num_results':
                expected = params[expect] > 0
            else:
                expected = bool(params[expect])
            extension = params.get('file_extension')
            rule = repr(params['plugin']) if 'plugin' in params else plugin
            cases.append({
                'file': path,
                'line': line,
                'test': test,
                'rule': rule,
                'path': f'mock_filename.{extension}' if extension else 'mock_filename',
                'content': content,
                'expected': expected,
            })
    return cases, other


def main():
    sources = json.load(sys.stdin)
    out = {'cases': [], 'notDetection': [], 'failed': []}
    for path, source in sorted(sources.items()):
        try:
            cases, other = cases_of(path, source)
        except Exception as error:  # one unreadable module is reported, not fatal
            out['failed'].append({'file': path, 'why': f'{type(error).__name__}: {error}'})
            continue
        out['cases'].extend(cases)
        out['notDetection'].extend({'file': path, **o} for o in other)
    json.dump(out, sys.stdout)


main()
